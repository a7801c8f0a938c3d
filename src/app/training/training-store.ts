// What the page knows about the training session: the latest frame's figures, the newest preview
// of each node port, the loss and metric history of each node, and a message; frames are folded in here.

import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { BackendReport } from '../../core/train/backend-names';
import type { RenderedPreview, SessionFrame, SessionState } from '../../core/train/frames';

/**
 * Most points kept per recorded node. Past it, every other point is dropped (the newest kept), so the
 * panel still charts the whole run: older stretches coarser, the recent ones at full detail.
 */
export const LOSS_HISTORY_LIMIT = 2000;

export interface LossSeries {
  readonly iterations: readonly number[];
  readonly values: readonly number[];
}

/** A preview as the page keeps it: with the iteration of the frame that brought it. */
export type ShownPreview = RenderedPreview & { readonly iteration: number };

export interface TrainingMessage {
  readonly kind: 'error' | 'notice';
  readonly text: string;
}

export interface TrainingState {
  readonly state: SessionState;
  readonly iteration: number;
  readonly samplesPerSec: number;
  readonly backend: BackendReport | null;
  readonly losses: Readonly<Record<string, number>>;
  /** By node id, then port name; a node's object is replaced only when one of its previews is. */
  readonly previews: Readonly<Record<string, Readonly<Record<string, ShownPreview>>>>;
  readonly history: Readonly<Record<string, LossSeries>>;
  /** The node to highlight after NaN or Inf appeared. */
  readonly nonFiniteNode: string | null;
  readonly message: TrainingMessage | null;
  /** A command is on its way to the worker (the first Train waits for tfjs to start). */
  readonly busy: boolean;
  /** The preview shown enlarged, if any. */
  readonly enlarged: { readonly node: string; readonly port: string } | null;
}

export const initialTraining: TrainingState = {
  state: 'empty',
  iteration: 0,
  samplesPerSec: 0,
  backend: null,
  losses: {},
  previews: {},
  history: {},
  nonFiniteNode: null,
  message: null,
  busy: false,
  enlarged: null,
};

export const trainingStore = createStore<TrainingState>(() => initialTraining);

export function useTraining<T>(selector: (s: TrainingState) => T): T {
  return useStore(trainingStore, selector);
}

function appendHistory(
  history: Readonly<Record<string, LossSeries>>,
  frame: SessionFrame,
): Readonly<Record<string, LossSeries>> {
  if (frame.history.length === 0) return history;
  const next: Record<string, { iterations: number[]; values: number[] }> = {};
  for (const point of frame.history) {
    for (const [node, value] of Object.entries(point.losses)) {
      let series = next[node];
      if (!series) {
        const old = history[node];
        series = { iterations: [...(old?.iterations ?? [])], values: [...(old?.values ?? [])] };
        next[node] = series;
      }
      // A reset starts the count again: the chart starts again with it.
      const last = series.iterations[series.iterations.length - 1];
      if (last !== undefined && point.iteration <= last) {
        series.iterations.length = 0;
        series.values.length = 0;
      }
      series.iterations.push(point.iteration);
      series.values.push(value);
    }
  }
  for (const [node, series] of Object.entries(next)) {
    if (series.iterations.length > LOSS_HISTORY_LIMIT) next[node] = halve(series);
  }
  return { ...history, ...next };
}

/** Every other point, counted back from the newest so that one stays. */
export function halve(series: LossSeries): { iterations: number[]; values: number[] } {
  const n = series.iterations.length;
  const keep = (_: number, i: number) => (n - 1 - i) % 2 === 0;
  return { iterations: series.iterations.filter(keep), values: series.values.filter(keep) };
}

function mergePreviews(
  previews: TrainingState['previews'],
  incoming: readonly RenderedPreview[],
  iteration: number,
): TrainingState['previews'] {
  if (incoming.length === 0) return previews;
  const next: Record<string, Record<string, ShownPreview>> = {};
  for (const p of incoming) {
    const node = (next[p.node] ??= { ...previews[p.node] });
    node[p.port] = { ...p, iteration };
  }
  return { ...previews, ...next };
}

/** Folds one frame into the state; untouched nodes keep their preview objects. */
export function applyFrame(s: TrainingState, frame: SessionFrame): TrainingState {
  let message = s.message;
  if (frame.error) message = { kind: 'error', text: frame.error.message };
  else if (frame.nonFinite)
    message = {
      kind: 'error',
      text: `Training paused: the loss "${frame.nonFinite.loss}" became NaN or infinite at iteration ${frame.nonFinite.iteration}; it first appeared at node "${frame.nonFinite.node}".`,
    };
  else if (frame.notice) message = { kind: 'notice', text: frame.notice };
  const iterationRestarted = frame.iteration < s.iteration;
  return {
    ...s,
    state: frame.state,
    iteration: frame.iteration,
    samplesPerSec: frame.samplesPerSec,
    backend: frame.backend ?? s.backend,
    losses: Object.keys(frame.losses).length > 0 || iterationRestarted ? frame.losses : s.losses,
    previews: mergePreviews(s.previews, frame.previews, frame.iteration),
    history: iterationRestarted && frame.history.length === 0 ? {} : appendHistory(s.history, frame),
    nonFiniteNode: frame.nonFinite
      ? frame.nonFinite.node
      : frame.state === 'training'
        ? null
        : s.nonFiniteNode,
    message,
  };
}
