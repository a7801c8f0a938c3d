// Pure arithmetic of the browser bench: a training round's throughput from the frames a session
// sent, a backend's worker and main-thread figures side by side, and long tasks matched to the
// animation frames that explain them. Used by the bench page in Chromium and by Node alike.

import { median, round } from './bench-stats';

/** What the bench keeps of one frame: when it arrived on the page and what it said. */
export interface FrameMark {
  /** The page's clock (ms) when the frame arrived. */
  readonly at: number;
  /** The session's own clock (ms) when the frame was made. */
  readonly time: number;
  readonly iteration: number;
  readonly state: string;
  readonly previews: number;
}

/** One timed stretch of training, between a resume and the pause that ended it. */
export interface RoundSample {
  readonly iterations: number;
  /** Session clock from the first to the last training frame of the round. */
  readonly seconds: number;
  /** Training frames the page received, and how many carried previews. */
  readonly frames: number;
  readonly previewFrames: number;
  /** Page clock over the same frames. */
  readonly pageSeconds: number;
}

/**
 * The round's training progress, read from its frames in the state 'training' only: the frame sent
 * at resume marks the start, the last one before the pause the end (the pause's own frame follows
 * a preview pass and is left out). Fewer than two training frames give an empty round.
 */
export function roundFromFrames(frames: readonly FrameMark[]): RoundSample {
  const training = frames.filter((f) => f.state === 'training');
  const first = training[0];
  const last = training[training.length - 1];
  if (!first || !last || training.length < 2) {
    return { iterations: 0, seconds: 0, frames: training.length, previewFrames: 0, pageSeconds: 0 };
  }
  return {
    iterations: last.iteration - first.iteration,
    seconds: (last.time - first.time) / 1000,
    frames: training.length,
    previewFrames: training.filter((f) => f.previews > 0).length,
    pageSeconds: (last.at - first.at) / 1000,
  };
}

/** Samples per second over all rounds together (their iterations over their time); NaN with none. */
export function samplesPerSec(rounds: readonly RoundSample[], batchSize: number): number {
  const seconds = rounds.reduce((sum, r) => sum + r.seconds, 0);
  const iterations = rounds.reduce((sum, r) => sum + r.iterations, 0);
  return seconds > 0 ? (iterations * batchSize) / seconds : Number.NaN;
}

/** Frames with previews the page received per second of page time, over all rounds. */
export function previewFramesPerSec(rounds: readonly RoundSample[]): number {
  const seconds = rounds.reduce((sum, r) => sum + r.pageSeconds, 0);
  const frames = rounds.reduce((sum, r) => sum + r.previewFrames, 0);
  return seconds > 0 ? frames / seconds : Number.NaN;
}

/** How a lane (the worker, or the page's main thread) got ready, and its timed rounds. */
export interface LaneReport {
  /** The backend that actually ran (null if none started). */
  readonly backend: string | null;
  readonly detail: string;
  /** Creating the worker (or the in-page session) and starting the backend. */
  readonly startMs: number;
  /** Loading the graph: compile, dataset fetch, first preview pass. */
  readonly loadMs: number;
  /** The first two training steps (kernel and shader compilation). */
  readonly firstStepsMs: number;
  readonly rounds: readonly RoundSample[];
  /** tf.memory().numTensors around the timed rounds, where the page can read it (main thread). */
  readonly tensorsBefore?: number;
  readonly tensorsAfter?: number;
  readonly errors: readonly string[];
}

/** What the bench page answers for one backend. */
export interface PageBackendReport {
  readonly batchSize: number;
  readonly worker: LaneReport;
  readonly main: LaneReport;
}

export interface LaneFigures {
  readonly backend: string | null;
  readonly detail: string;
  readonly samplesPerSec: number;
  readonly roundSamplesPerSec: readonly number[];
  readonly previewFramesPerSec: number;
  readonly startMs: number;
  readonly loadMs: number;
  readonly firstStepsMs: number;
  readonly tensorsBefore?: number;
  readonly tensorsAfter?: number;
}

export interface BrowserBackendResult {
  /** Training in the worker, through the editor's TrainingClient. */
  readonly samplesPerSec: number;
  /** The same session code on the page's main thread. */
  readonly mainThreadSamplesPerSec: number;
  /** Worker over main thread, all rounds together (goal >= 0.95). */
  readonly ratio: number;
  /** Median of the per-round ratios (rounds alternate worker and main thread). */
  readonly pairedRatio: number;
  readonly previewFramesPerSec: number;
  readonly worker: LaneFigures;
  readonly main: LaneFigures;
}

export type BrowserBackendOutcome = BrowserBackendResult | { readonly error: string };

function laneFigures(lane: LaneReport, batchSize: number): LaneFigures {
  return {
    backend: lane.backend,
    detail: lane.detail,
    samplesPerSec: round(samplesPerSec(lane.rounds, batchSize)),
    roundSamplesPerSec: lane.rounds.map((r) => round(samplesPerSec([r], batchSize))),
    previewFramesPerSec: round(previewFramesPerSec(lane.rounds)),
    startMs: round(lane.startMs),
    loadMs: round(lane.loadMs),
    firstStepsMs: round(lane.firstStepsMs),
    ...(lane.tensorsBefore !== undefined && { tensorsBefore: lane.tensorsBefore }),
    ...(lane.tensorsAfter !== undefined && { tensorsAfter: lane.tensorsAfter }),
  };
}

/**
 * Worker and main-thread figures for the backend `asked` for. An error instead when either lane
 * reported one, ran on another backend (a forced backend that fails falls back), or has no round
 * with any progress: a ratio over such figures would mean nothing.
 */
export function summarizeBackend(asked: string, report: PageBackendReport): BrowserBackendOutcome {
  const problems: string[] = [];
  const notRun: string[] = [];
  for (const [where, lane] of [
    ['worker', report.worker],
    ['main thread', report.main],
  ] as const) {
    if (lane.errors.length > 0) problems.push(...lane.errors.map((e) => `${where}: ${e}`));
    // The page stops at the first error, so the lane after a failed one never starts.
    else if (lane.backend === null && lane.rounds.length === 0) notRun.push(where);
    else if (lane.backend !== asked) {
      problems.push(`${where}: asked for ${asked} but trained on ${lane.backend ?? 'nothing'}`);
    } else if (!lane.rounds.some((r) => r.iterations > 0 && r.seconds > 0)) {
      problems.push(`${where}: no timed round made progress`);
    }
  }
  if (notRun.length > 0) problems.push(`${notRun.join(' and ')}: not run`);
  if (problems.length > 0) return { error: problems.join('; ') };
  const worker = laneFigures(report.worker, report.batchSize);
  const main = laneFigures(report.main, report.batchSize);
  const perRound = worker.roundSamplesPerSec
    .map((w, i) => w / (main.roundSamplesPerSec[i] ?? Number.NaN))
    .filter(Number.isFinite);
  return {
    samplesPerSec: worker.samplesPerSec,
    mainThreadSamplesPerSec: main.samplesPerSec,
    ratio: round(worker.samplesPerSec / main.samplesPerSec, 3),
    pairedRatio: round(median(perRound), 3),
    previewFramesPerSec: worker.previewFramesPerSec,
    worker,
    main,
  };
}

/** A failure in a few words: the first line, without Playwright's "page.evaluate: Error:" prefix. */
export function failureText(error: unknown, pageErrors: readonly string[] = []): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = (text.split('\n')[0] ?? text).replace(/^page\.evaluate: (Error: )?/, '');
  const uncaught = pageErrors.slice(0, 3).map((e) => `"${e}"`);
  return uncaught.length > 0 ? `${line} (uncaught in the page: ${uncaught.join(', ')})` : line;
}

// ------------------------------------------------------------------ long tasks

/** A PerformanceObserver 'longtask' entry, as plain data. */
export interface LongTaskMark {
  readonly startTime: number;
  readonly duration: number;
  /** TaskAttributionTiming names and containers ("unknown window", ...). */
  readonly attribution: readonly string[];
}

/** A script inside a long animation frame ('long-animation-frame' entry, scripts list). */
export interface FrameScriptMark {
  readonly invoker: string;
  readonly invokerType: string;
  readonly sourceURL: string;
  readonly sourceFunctionName: string;
  readonly sourceCharPosition: number;
  readonly duration: number;
  readonly forcedStyleAndLayoutDuration: number;
}

/** A 'long-animation-frame' entry: the scripts that ran and where the rendering time went. */
export interface AnimationFrameMark {
  readonly startTime: number;
  readonly duration: number;
  readonly blockingDuration: number;
  readonly renderStart: number;
  readonly styleAndLayoutStart: number;
  readonly scripts: readonly FrameScriptMark[];
}

export interface LongTaskDetail {
  /** Page clock (ms) from the start of the window. */
  readonly atMs: number;
  readonly durationMs: number;
  readonly attribution: readonly string[];
  /**
   * Of the overlapping long animation frame: time in scripts (over 5 ms each), in its rendering
   * phase (animation-frame callbacks, then style, layout and paint), and in style and layout alone.
   */
  readonly scriptMs?: number;
  readonly renderingMs?: number;
  readonly styleAndLayoutMs?: number;
  /** The longest scripts of that frame, "invoker (function @ file:char) N ms". */
  readonly scripts?: readonly string[];
}

export interface LongTaskSummary {
  readonly count: number;
  readonly totalMs: number;
  readonly maxMs: number;
  readonly details: readonly LongTaskDetail[];
}

const overlaps = (a: { startTime: number; duration: number }, b: { startTime: number; duration: number }) =>
  a.startTime < b.startTime + b.duration && b.startTime < a.startTime + a.duration;

const fileOf = (url: string): string => url.replace(/[?#].*$/, '').replace(/^.*\//, '') || url || '?';

function describeScript(s: FrameScriptMark): string {
  const where = `${s.sourceFunctionName || 'anonymous'} @ ${fileOf(s.sourceURL)}:${s.sourceCharPosition}`;
  return `${s.invoker || s.invokerType} (${where}) ${Math.round(s.duration)} ms`;
}

/**
 * The long tasks that started inside [from, to) (page clock), each with the long animation frame
 * it overlaps, if any: how its time split between scripts, style and layout, and painting.
 */
export function summarizeLongTasks(
  tasks: readonly LongTaskMark[],
  frames: readonly AnimationFrameMark[],
  from: number,
  to: number,
): LongTaskSummary {
  const inside = tasks.filter((t) => t.startTime >= from && t.startTime < to);
  const details = inside.map((task): LongTaskDetail => {
    const frame = frames.find((f) => overlaps(f, task));
    const base = {
      atMs: round(task.startTime - from),
      durationMs: round(task.duration),
      attribution: task.attribution,
    };
    if (!frame) return base;
    const end = frame.startTime + frame.duration;
    // Zero means the frame had no rendering phase (a task that painted nothing).
    const renderAt = frame.renderStart > 0 ? frame.renderStart : end;
    const layoutAt = frame.styleAndLayoutStart > 0 ? frame.styleAndLayoutStart : end;
    const scripts = [...frame.scripts].sort((a, b) => b.duration - a.duration);
    return {
      ...base,
      scriptMs: round(scripts.reduce((sum, s) => sum + s.duration, 0)),
      renderingMs: round(Math.max(0, end - renderAt)),
      styleAndLayoutMs: round(Math.max(0, end - layoutAt)),
      scripts: scripts.slice(0, 3).map(describeScript),
    };
  });
  const durations = inside.map((t) => t.duration);
  return {
    count: inside.length,
    totalMs: round(durations.reduce((sum, d) => sum + d, 0)),
    maxMs: round(durations.length > 0 ? Math.max(...durations) : 0),
    details,
  };
}
