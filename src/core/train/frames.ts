// What a training session streams to the page: frames with progress, losses and previews already
// painted to RGBA, plus the transfer list that moves their pixel buffers instead of copying them.

import type { BackendReport } from './backend-names';
import type { Preview } from './previews';
import { renderPreview } from './render';

export type { BackendName, BackendReport, BackendSkip } from './backend-names';

export type SessionState = 'empty' | 'loading' | 'ready' | 'training' | 'paused' | 'error';

export type SessionErrorCode =
  | 'compile'
  | 'data'
  | 'out-of-memory'
  | 'too-large'
  | 'device-lost'
  | 'missing-kernel'
  | 'no-backend'
  | 'not-loaded'
  | 'bad-request'
  | 'internal';

export interface SessionError {
  readonly code: SessionErrorCode;
  /** Plain words for the student. */
  readonly message: string;
  /** The node it concerns, when there is one (a compile error's first node). */
  readonly node?: string;
  /** The backend cannot go on: the page should restart the worker on the next backend. */
  readonly fatal: boolean;
}

export interface RenderedPreview {
  readonly node: string;
  readonly port: string;
  readonly kind: Preview['kind'];
  readonly width: number;
  readonly height: number;
  /** width * height * 4 bytes, ready for `new ImageData(rgba, width, height)`. */
  readonly rgba: Uint8ClampedArray;
  /** Scatter previews also carry their points (x, y pairs) and classes, for an enlarged view. */
  readonly points?: Float32Array;
  readonly labels?: Int32Array;
}

export interface LossPoint {
  readonly iteration: number;
  readonly losses: Readonly<Record<string, number>>;
}

export interface NonFiniteReport {
  /** The loss node whose value was NaN or Inf. */
  readonly loss: string;
  /** The first node, in graph order, whose output was not finite: the one to highlight. */
  readonly node: string;
  readonly iteration: number;
}

export interface SessionFrame {
  /** Counts up from 1 for the life of the session. */
  readonly seq: number;
  /** The session's clock (ms) when the frame was made. */
  readonly time: number;
  readonly state: SessionState;
  readonly iteration: number;
  /** Where the current run stops (iterations), when one is running or paused. */
  readonly target?: number;
  /** The last iteration's unweighted loss terms, by loss node id. */
  readonly losses: Readonly<Record<string, number>>;
  /** Every iteration since the previous frame (thinned to at most a few hundred). */
  readonly history: readonly LossPoint[];
  /** Training throughput since the previous frame, previews included. */
  readonly samplesPerSec: number;
  readonly backend: BackendReport | null;
  /** Previews refreshed since the previous frame; the page keeps the last one of each. */
  readonly previews: readonly RenderedPreview[];
  readonly nonFinite?: NonFiniteReport;
  readonly error?: SessionError;
  /** A one-off message: what a recompile kept, that a run finished, ... */
  readonly notice?: string;
  /** After a load that replaced a running graph: which layers kept their weights. */
  readonly weights?: {
    readonly kept: readonly string[];
    readonly fresh: readonly string[];
    /** Layers whose optimizer state (Adam's moments) came over too. */
    readonly optimizerKept?: readonly string[];
  };
}

/** Paints previews to RGBA; scatters keep copies of their points for an enlarged view. */
export function renderPreviews(previews: readonly Preview[]): RenderedPreview[] {
  return previews.map((p) => {
    const image = renderPreview(p);
    const base = { node: p.node, port: p.port, kind: p.kind, width: image.width, height: image.height };
    if (p.kind !== 'scatter') return { ...base, rgba: image.data };
    return {
      ...base,
      rgba: image.data,
      points: new Float32Array(p.points),
      ...(p.labels && { labels: new Int32Array(p.labels) }),
    };
  });
}

/** Buffers of a frame that can move to the page without a copy (each belongs to this frame only). */
export function frameTransferables(frame: SessionFrame): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const p of frame.previews) {
    out.push(p.rgba.buffer as ArrayBuffer);
    if (p.points) out.push(p.points.buffer as ArrayBuffer);
    if (p.labels) out.push(p.labels.buffer as ArrayBuffer);
  }
  return out;
}

/** Keeps at most `limit` points, always the last one, evenly spread: charts stay cheap to send. */
export function thinHistory(points: readonly LossPoint[], limit: number): LossPoint[] {
  if (points.length <= limit) return [...points];
  const out: LossPoint[] = [];
  const stride = points.length / limit;
  for (let i = 0; i < limit - 1; i++) out.push(points[Math.floor(i * stride)] as LossPoint);
  out.push(points[points.length - 1] as LossPoint);
  return out;
}
