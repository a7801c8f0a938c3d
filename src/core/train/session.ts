// TrainingSession: the worker's logic as a plain object. It owns one Trainer, runs it step by step
// while yielding to the event loop, answers commands between steps, and streams paced frames.

import type * as tfjs from '@tensorflow/tfjs';
import type { GraphDocument } from '../graph/document';
import type { ParamValue } from '../types/params';
import { DEFAULT_PREVIEW_SHARE, type FrameExtras, type FrameListener, FrameStream } from './frame-stream';
import type { NonFiniteReport, SessionState } from './frames';
import { ScheduleNotes } from './phase-schedule';
import { type BuildRequest, buildTrainer, keptNotice, rebuildKeepingWeights } from './session-build';
import { describeError, missingKernel } from './session-errors';
import { applyLiveParams, type ExportedNetwork, exportNetworks, type ParamRefusal } from './session-model';
import { SessionPreviews } from './session-previews';
import { currentBackend, DatasetCache, SerialQueue, yieldToEventLoop } from './session-support';
import {
  type CommandResult,
  fail,
  type Failure,
  type LoadOptions,
  type SessionOptions,
  type StepSummary,
} from './session-types';
import type { Trainer } from './trainer';
import { type ViewAnswer, type ViewRequest, viewCommand } from '../views/view-requests';
import { type RestoreReport, restoreWeights, snapshotWeights, type WeightSnapshot } from './weights';

export type { FrameListener } from './frame-stream';
export type { ExportedNetwork, ParamRefusal } from './session-model';
export type { CommandResult, LoadOptions, SessionOptions, StepSummary } from './session-types';

export class TrainingSession {
  private trainer: Trainer | null = null;
  private doc: GraphDocument | null = null;
  private loadOptions: LoadOptions = {};
  private state: SessionState = 'empty';
  /** Where the run started by `start` ends (iterations). */
  private runTarget: number | undefined;
  /** Where the current loop stops: the run's end, or the end of a `step(n)`. */
  private loopTarget: number | undefined;
  /** Set while a `step(n)` runs: the state to return to afterwards. */
  private afterSteps: SessionState | undefined;
  private lastNonFinite: NonFiniteReport | undefined;
  private runId = 0;
  private loop: Promise<void> = Promise.resolve();
  private readonly queue = new SerialQueue();
  private readonly frames: FrameStream;
  private readonly data: DatasetCache;
  private readonly previews: SessionPreviews;
  private readonly scheduleNotes = new ScheduleNotes();
  private readonly tf: typeof tfjs;
  private readonly now: () => number;

  constructor(private readonly options: SessionOptions) {
    this.tf = options.tf;
    this.now = options.now ?? (() => performance.now());
    this.data = new DatasetCache(options.loadDataset);
    this.frames = new FrameStream({
      now: this.now,
      frameIntervalMs: options.frameIntervalMs ?? 1000 / 15,
      fullPreviewIntervalMs: options.fullPreviewIntervalMs ?? 1000,
      previewShare: options.previewShare ?? DEFAULT_PREVIEW_SHARE,
    });
    this.previews = new SessionPreviews({
      tf: this.tf,
      data: this.data,
      frames: this.frames,
      now: this.now,
      loadClassifier: options.loadClassifier,
      backendName: () => this.backendName(),
    });
  }

  /** Frames go to every listener; only one of them may move the transfer list's buffers. */
  subscribe(listener: FrameListener): () => void {
    return this.frames.subscribe(listener);
  }

  get currentState(): SessionState {
    return this.state;
  }

  /**
   * Compiles a document (a new graph, or an edit of the one training) and keeps the weights of
   * every layer whose node id and weight shapes did not change. A run in progress goes on.
   */
  load(doc: GraphDocument, options: LoadOptions = {}): Promise<CommandResult<{ kept: string[] }>> {
    return this.queue.run(async () => {
      const previous = this.state;
      this.state = 'loading';
      this.emit();
      try {
        const old = this.trainer;
        const { trainer, weights } = await rebuildKeepingWeights(old, this.request(doc, options));
        old?.dispose();
        this.trainer = trainer;
        this.doc = doc;
        this.loadOptions = options;
        this.state = previous === 'training' || previous === 'paused' ? previous : 'ready';
        this.noteSchedules();
        await this.previews.refresh(this.trainer, 'full');
        this.emit({
          ...(weights && { weights, notice: keptNotice(weights) }),
          viewNodes: trainer.viewNodes(),
        });
        return { ok: true, kept: [...(weights?.kept ?? [])] };
      } catch (error) {
        // A graph that does not compile mid-run leaves the last good one in place, paused.
        const keep = this.trainer !== null && previous !== 'error';
        return this.failed(error, keep ? (previous === 'training' ? 'paused' : previous) : undefined);
      }
    });
  }

  /** Trains until the document's step count (or `iterations` more), yielding between steps. */
  start(options: { iterations?: number } = {}): Promise<CommandResult> {
    return this.queue.run(() => {
      if (!this.trainer || !this.doc) return fail('not-loaded', 'Load a graph before training it.');
      const it = this.trainer.iteration;
      const steps = this.doc.training.steps;
      this.runTarget = it + (options.iterations ?? (it < steps ? steps - it : steps));
      this.run(this.runTarget);
      return { ok: true };
    });
  }

  /** Goes on with a paused run; a session with no run in progress starts one. */
  async resume(): Promise<CommandResult> {
    const resumed = await this.queue.run(() => {
      const target = this.runTarget;
      if (this.state !== 'paused' || target === undefined || (this.trainer?.iteration ?? 0) >= target) {
        return false;
      }
      this.run(target);
      return true;
    });
    return resumed ? { ok: true } : this.start();
  }

  /** Stops after the step in progress; resolves once it has finished. */
  pause(): Promise<CommandResult> {
    return this.queue.run(async () => {
      if (this.state !== 'training') return { ok: true };
      this.state = 'paused';
      await this.previews.refresh(this.trainer, 'quick');
      this.emit();
      return { ok: true };
    });
  }

  /** Ends the run; the weights stay and the next start begins a new run from them. */
  stop(): Promise<CommandResult> {
    return this.queue.run(() => {
      if (this.state !== 'training' && this.state !== 'paused') return { ok: true };
      this.runTarget = undefined;
      this.runId++;
      this.state = 'ready';
      this.emit({ notice: `Stopped at iteration ${this.trainer?.iteration ?? 0}.` });
      return { ok: true };
    });
  }

  /** Runs exactly `n` iterations (pausing a run first) and resolves when they are done. */
  async step(n = 1): Promise<CommandResult<StepSummary>> {
    const refused = await this.queue.run((): Failure | null => {
      if (!this.trainer) return fail('not-loaded', 'Load a graph before stepping it.');
      if (!Number.isInteger(n) || n < 1)
        return fail('bad-request', `Step needs a whole number >= 1, got ${n}.`);
      this.lastNonFinite = undefined;
      this.run(this.trainer.iteration + n, this.state === 'training' ? 'paused' : this.state);
      return null;
    });
    if (refused) return refused;
    await this.loop;
    return this.queue.run((): CommandResult<StepSummary> => {
      if (!this.trainer) return fail('not-loaded', 'The graph was unloaded while stepping.');
      const { iteration } = this.trainer;
      const nonFinite = this.lastNonFinite;
      return { ok: true, iteration, losses: this.frames.lastLosses, ...(nonFinite && { nonFinite }) };
    });
  }

  /** Fresh weights from the document's seed (or `seed`); iteration 0; the run ends. */
  reset(options: { seed?: number } = {}): Promise<CommandResult> {
    return this.queue.run(async () => {
      if (!this.doc) return fail('not-loaded', 'Load a graph before resetting it.');
      this.runTarget = undefined;
      this.runId++;
      this.state = 'loading';
      try {
        const loadOptions = {
          ...this.loadOptions,
          ...(options.seed !== undefined && { seed: options.seed }),
        };
        const trainer = await buildTrainer(this.request(this.doc, loadOptions));
        this.trainer?.dispose();
        this.trainer = trainer;
        this.loadOptions = loadOptions;
        this.frames.forgetRun();
        this.previews.forgetRun();
        this.state = 'ready';
        this.noteSchedules();
        await this.previews.refresh(this.trainer, 'full');
        this.emit({ notice: 'Weights reset.', viewNodes: trainer.viewNodes() });
        return { ok: true };
      } catch (error) {
        return this.failed(error, undefined);
      }
    });
  }

  /** Changes live params (learning rate, k, loss weights, noise) without a recompile. */
  setParams(
    nodeId: string,
    changes: Readonly<Record<string, ParamValue>>,
  ): Promise<CommandResult<{ applied: string[]; refused: ParamRefusal[] }>> {
    return this.queue.run(() => {
      if (!this.trainer || !this.doc) return fail('not-loaded', 'Load a graph before changing its params.');
      const { result, doc } = applyLiveParams(this.trainer, this.doc, this.options.registry, nodeId, changes);
      this.doc = doc;
      return result;
    });
  }

  /** Every layer's weights as plain arrays. */
  readWeights(): Promise<CommandResult<{ weights: WeightSnapshot }>> {
    return this.queue.run(async () => {
      if (!this.trainer) return fail('not-loaded', 'There are no weights before a graph is loaded.');
      return { ok: true, weights: await snapshotWeights(this.trainer.program) };
    });
  }

  /** Writes saved weights into the layers with the same node id and shapes (a checkpoint). */
  writeWeights(weights: WeightSnapshot): Promise<CommandResult<RestoreReport>> {
    return this.queue.run(() => {
      if (!this.trainer) return fail('not-loaded', 'Load a graph before writing weights into it.');
      const report = restoreWeights(this.trainer.program, this.tf, weights);
      return { ok: true, kept: report.kept, fresh: report.fresh };
    });
  }

  /** Every network as tfjs model artifacts (topology JSON and weight bytes). */
  exportNetworks(): Promise<CommandResult<{ networks: ExportedNetwork[] }>> {
    return this.queue.run(async () => {
      if (!this.trainer) return fail('not-loaded', 'There is nothing to export before a graph is loaded.');
      return { ok: true, networks: await exportNetworks(this.trainer.program, this.tf) };
    });
  }

  /** The latent views' requests (src/core/views), answered between training steps. */
  view(request: ViewRequest): Promise<CommandResult<{ answer: ViewAnswer }>> {
    return this.queue.run(() => viewCommand(this.trainer, this.tf, this.data.ready(), request));
  }

  /** The backend failed under the session (a lost GPU device): stop and say so. */
  backendFailed(error: unknown): Promise<void> {
    this.runId++;
    return this.queue.run(() => {
      const described = describeError(error, this.backendName());
      this.fatal();
      this.emit({ error: { ...described, fatal: true } });
    });
  }

  /** Stops everything and frees the trainer's tensors. */
  dispose(): Promise<void> {
    this.runId++;
    return this.queue.run(() => {
      this.trainer?.dispose();
      this.trainer = null;
      this.previews.dispose();
      this.state = 'empty';
      this.frames.clearListeners();
    });
  }

  // ------------------------------------------------------------------ training loop

  /** Starts the loop towards `target`; with `afterSteps` it is a step(n) that returns to that state. */
  private run(target: number, afterSteps?: SessionState): void {
    const id = ++this.runId;
    this.loopTarget = target;
    this.afterSteps = afterSteps;
    this.state = 'training';
    this.emit();
    this.loop = this.runLoop(id);
  }

  private async runLoop(id: number): Promise<void> {
    const yieldNow = this.options.yieldToEventLoop ?? yieldToEventLoop;
    while (await this.queue.run(() => this.iterate(id))) await yieldNow();
  }

  /** One iteration and, when one is due, a frame; false when the loop is over. */
  private async iterate(id: number): Promise<boolean> {
    const trainer = this.trainer;
    if (id !== this.runId || this.state !== 'training' || !trainer) return false;
    let result;
    const startedAt = this.now();
    let stepFrom = startedAt;
    try {
      // Frames may also come between the iteration's optimizer steps, paced by those steps' time.
      result = await trainer.step(async () => {
        if (id === this.runId) await this.frameIfDue(this.now() - stepFrom);
        stepFrom = this.now();
      });
    } catch (error) {
      await this.stepFailed(error);
      return false;
    }
    this.frames.record(result.iteration, result.losses, result.samples, this.now() - startedAt);
    this.noteSchedules();
    if (result.nonFinite) {
      this.state = 'paused';
      this.lastNonFinite = { ...result.nonFinite, iteration: result.iteration };
      const notice = `Paused: a loss became NaN or Inf, first at node "${result.nonFinite.node}".`;
      this.emit({ nonFinite: this.lastNonFinite, notice });
      return false;
    }
    const finished = this.loopTarget !== undefined && trainer.iteration >= this.loopTarget;
    await this.previews.measureSamples(trainer, finished);
    if (finished) {
      const back = this.afterSteps;
      if (back === undefined) this.runTarget = undefined;
      this.state = back ?? 'ready';
      await this.previews.refresh(this.trainer, 'full');
      this.emit(back !== undefined ? {} : { notice: `Finished at iteration ${trainer.iteration}.` });
      return false;
    }
    await this.frameIfDue();
    return true;
  }

  /**
   * A frame with the preview pass that has its turn, when one is due before the next step: an
   * iteration (by default) or, between an iteration's optimizer steps, one of those of `stepMs`.
   */
  private async frameIfDue(stepMs?: number): Promise<void> {
    if (!this.frames.frameDue(stepMs)) return;
    await this.previews.refresh(this.trainer, this.frames.previewDue());
    this.emit();
  }

  /** A missing kernel moves to the next backend with the weights as they are; anything else stops. */
  private async stepFailed(error: unknown): Promise<void> {
    const kernel = missingKernel(error);
    const old = this.trainer;
    if (kernel && old && this.doc) {
      try {
        const { trainer } = await rebuildKeepingWeights(
          old,
          this.request(this.doc, this.loadOptions, kernel),
        );
        old.dispose();
        this.trainer = trainer;
        this.run(this.loopTarget ?? old.iteration + 1, this.afterSteps);
        return;
      } catch (retryError) {
        error = retryError;
      }
    }
    await this.failed(error, 'paused');
  }

  /** Reports an error in a frame; a fatal one (or `keep` undefined) leaves nothing loaded. */
  private failed(error: unknown, keep: SessionState | undefined): Failure {
    const described = describeError(error, this.backendName());
    if (described.fatal || keep === undefined) this.fatal();
    else this.state = keep;
    this.emit({ error: described });
    return { ok: false, error: described };
  }

  /** After an error the backend cannot recover from: nothing is left to train. */
  private fatal(): void {
    try {
      this.trainer?.dispose();
    } catch {
      // A lost device can fail to free its buffers; they are gone with it anyway.
    }
    this.trainer = null;
    this.runTarget = undefined;
    this.state = 'error';
  }

  // ------------------------------------------------------------------ building

  private request(doc: GraphDocument, options: LoadOptions, lacking?: string): BuildRequest {
    const { registry, backends, previewSize, memoryLimits } = this.options;
    const { tf, data } = this;
    return { doc, options, registry, tf, backends, data, previewSize, memoryLimits, lacking };
  }

  // ------------------------------------------------------------------ frames

  /** Notes on optimizers that wait to start or have stopped, kept for the next frame when they change. */
  private noteSchedules(): void {
    const notes = this.trainer && this.scheduleNotes.changes(this.trainer.program, this.trainer.iteration);
    if (notes) this.frames.carry({ notes });
  }

  private emit(extras: FrameExtras = {}): void {
    this.frames.emit(
      {
        state: this.state,
        iteration: this.trainer?.iteration ?? 0,
        ...(this.runTarget !== undefined && { target: this.runTarget }),
        backend: currentBackend(this.options.backends),
      },
      extras,
    );
  }

  private backendName() {
    return currentBackend(this.options.backends)?.name;
  }
}
