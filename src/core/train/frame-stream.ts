// Paces a session's frames: gathers the steps and previews between two frames, decides when the
// next frame and the next preview pass are due, and hands each finished frame to the listeners.

import type { BackendReport } from './backend-names';
import {
  frameTransferables,
  type LossPoint,
  type RenderedPreview,
  type SessionFrame,
  type SessionState,
  thinHistory,
} from './frames';

export type FrameListener = (frame: SessionFrame, transfer: ArrayBuffer[]) => void;

export type FrameExtras = Partial<
  Pick<SessionFrame, 'nonFinite' | 'error' | 'notice' | 'weights' | 'notes' | 'viewNodes'>
>;

/** What the session is doing, read when a frame is made. */
export interface SessionStatus {
  readonly state: SessionState;
  readonly iteration: number;
  readonly target?: number;
  readonly backend: BackendReport | null;
}

export interface PacingOptions {
  readonly now: () => number;
  /**
   * Time between frames while training. Frames come between steps, so a frame goes out when that
   * is nearer this interval than waiting one more step would be, but never within 3/4 of it.
   */
  readonly frameIntervalMs: number;
  /** Least time between full preview passes. */
  readonly fullPreviewIntervalMs: number;
  /** Share of the time the quick preview pass may take from training (the full pass, half of it). */
  readonly previewShare: number;
}

/**
 * Share of the time the quick preview pass may take from training. At 0.2 a quick pass of 13 to
 * 20 ms (the VAE ablations' grids and latent scatter, the ring GANs' critic map) came with every
 * other frame only: 8.7 to 9.3 previews a second in the browser bench, under the goal of 10. At
 * 0.3 one of up to 20 ms rides with every frame (15 a second) and one of 30 ms still makes 10.
 */
export const DEFAULT_PREVIEW_SHARE = 0.3;

const HISTORY_LIMIT = 300;

export class FrameStream {
  private readonly listeners = new Set<FrameListener>();
  private seq = 0;
  private lastFrameAt = -Infinity;
  /** When the samples of samplesSinceFrame began to count. */
  private rateFrom = -Infinity;
  /** Time between the last two frames (ms). */
  private lastGapMs = 0;
  private samplesSinceFrame = 0;
  private samplesPerSec = 0;
  private history: LossPoint[] = [];
  /** Values measured now and then (sample metrics): never thinned away. */
  private measured: LossPoint[] = [];
  private previews = new Map<string, RenderedPreview>();
  private carried: FrameExtras = {};
  private nextQuickAt = 0;
  private nextFullAt = 0;
  /** How long a training step takes lately (ms). */
  private stepMs = 0;
  /** How long a quick preview pass takes lately (ms), so one slow pass (a GC) skips no frames. */
  private quickMs = 0;
  /** The last iteration's loss terms. */
  lastLosses: Readonly<Record<string, number>> = {};

  constructor(private readonly pacing: PacingOptions) {}

  subscribe(listener: FrameListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clearListeners(): void {
    this.listeners.clear();
  }

  record(
    iteration: number,
    losses: Readonly<Record<string, number>>,
    samples: number,
    durationMs: number,
  ): void {
    this.stepMs = this.stepMs === 0 ? durationMs : 0.8 * this.stepMs + 0.2 * durationMs;
    this.samplesSinceFrame += samples;
    this.lastLosses = losses;
    this.history.push({ iteration, losses });
  }

  /** Values measured at an iteration beside the step's losses (FID every few hundred iterations). */
  recordMeasured(iteration: number, values: Readonly<Record<string, number>>): void {
    if (Object.keys(values).length > 0) this.measured.push({ iteration, losses: values });
  }

  /** Node views drawn outside the preview passes (class shares); they do not move the pass schedule. */
  addViews(rendered: readonly RenderedPreview[]): void {
    for (const p of rendered) this.previews.set(`${p.node}\u0000${p.port}`, p);
  }

  /** Forgets the losses of a run that was thrown away (reset). */
  forgetRun(): void {
    this.history = [];
    this.measured = [];
    this.lastLosses = {};
    this.samplesPerSec = 0;
  }

  /**
   * Whether a frame should go out now, before a step of `stepMs` (by default an iteration's recent
   * time; between the optimizer steps of one iteration, such as a WGAN's five critic steps, the
   * last of those steps').
   */
  frameDue(stepMs = this.stepMs): boolean {
    const elapsed = this.pacing.now() - this.lastFrameAt;
    const interval = this.pacing.frameIntervalMs;
    // With 60 ms steps and a 67 ms interval, waiting for the interval would send a frame every
    // other step (8 a second); sending at the step nearest the interval keeps about 15. A frame
    // that came late (48 ms steps: the second step after the last frame) lets the next one come
    // as early as half the interval, so such steps alternate one and two to a frame (14 a second)
    // instead of always two (10 a second).
    const floor = this.lastGapMs >= interval * 1.25 ? interval / 2 : interval * 0.75;
    return elapsed >= floor && elapsed + stepMs / 2 >= interval;
  }

  /**
   * Which preview pass has its turn: the full one (everything, on many samples) or the quick one
   * (image grids on a few). Each is spaced by its last cost so previews take at most their share.
   */
  previewDue(): 'full' | 'quick' | null {
    const now = this.pacing.now();
    if (now >= this.nextFullAt) return 'full';
    // Like frames, the quick pass goes at the step nearest its time rather than the step after.
    return now + this.stepMs / 2 >= this.nextQuickAt ? 'quick' : null;
  }

  /**
   * Keeps rendered previews for the next frame and schedules the next pass of the kind from its
   * cost. The quick pass (the image grids, what a student watches move) may take the preview share
   * of the time, so a cheap one rides along with every frame; the full pass takes at most half the
   * share and also waits its own interval. The quick pass is spaced by its recent average cost, the
   * full pass (about once a second) by its last.
   */
  addPreviews(rendered: readonly RenderedPreview[], pass: 'full' | 'quick', startedAt: number): void {
    for (const p of rendered) this.previews.set(`${p.node}\u0000${p.port}`, p);
    const { now, fullPreviewIntervalMs, previewShare } = this.pacing;
    const cost = now() - startedAt;
    if (pass === 'full') {
      this.nextFullAt = startedAt + Math.max(fullPreviewIntervalMs, (cost * 2) / previewShare);
      // The full pass drew the image grids too.
      this.nextQuickAt = Math.max(this.nextQuickAt, startedAt + cost);
    } else {
      this.quickMs = this.quickMs === 0 ? cost : 0.7 * this.quickMs + 0.3 * cost;
      this.nextQuickAt = startedAt + this.quickMs / previewShare;
    }
  }

  /** Something to say in the next frame (a preview that failed). */
  carry(extras: FrameExtras): void {
    const notes = extras.notes && { notes: { ...this.carried.notes, ...extras.notes } };
    this.carried = { ...this.carried, ...extras, ...notes };
  }

  emit(status: SessionStatus, extras: FrameExtras = {}): void {
    const now = this.pacing.now();
    // Samples are counted per iteration, so the rate spans every frame since the last that had
    // some (frames between an iteration's steps have none).
    const seconds = (now - this.rateFrom) / 1000;
    if (this.samplesSinceFrame > 0 && Number.isFinite(seconds) && seconds > 0) {
      this.samplesPerSec = this.samplesSinceFrame / seconds;
    } else if (status.state !== 'training' && status.state !== 'paused') {
      this.samplesPerSec = 0;
    }
    if (this.samplesSinceFrame > 0 || status.state !== 'training') this.rateFrom = now;
    const frame: SessionFrame = {
      seq: ++this.seq,
      time: now,
      state: status.state,
      iteration: status.iteration,
      ...(status.target !== undefined && { target: status.target }),
      losses: this.lastLosses,
      history: [...thinHistory(this.history, HISTORY_LIMIT), ...this.measured],
      samplesPerSec: this.samplesPerSec,
      backend: status.backend,
      previews: [...this.previews.values()],
      ...this.carried,
      ...extras,
    };
    this.carried = {};
    this.history = [];
    this.measured = [];
    this.previews = new Map();
    this.samplesSinceFrame = 0;
    this.lastGapMs = Number.isFinite(this.lastFrameAt) ? now - this.lastFrameAt : 0;
    this.lastFrameAt = now;
    const transfer = frameTransferables(frame);
    for (const listener of this.listeners) {
      try {
        listener(frame, transfer);
      } catch {
        // A listener that throws (a page that went away) must not stop training.
      }
    }
  }
}
