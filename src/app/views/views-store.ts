// What the latent views dialog shows: the port it is open on, the codings fetched from the training
// worker, and the state of each view (map, interpolation, traversal, arithmetic) with its progress
// or error.

import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ProjectionMethod, ProjectionProgress, ProjectionResult } from '../../core/views/projection';
import type { DimensionStats } from '../../core/views/latent-math';
import type { CodingsAnswer, ImageSet } from '../../core/views/view-requests';

export type ViewTab = 'map' | 'interpolation' | 'traversal' | 'arithmetic';

/** A job's life: nothing yet, running (with progress), done, or failed with a message. */
export type Job<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly progress?: ProjectionProgress }
  | { readonly status: 'done'; readonly value: T }
  | { readonly status: 'error'; readonly message: string };

export interface MapResult extends ProjectionResult {
  /** Iteration of the codings it was made from. */
  readonly iteration: number;
}

export interface InterpolationResult {
  readonly iteration: number;
  readonly a: number;
  readonly b: number;
  readonly ts: readonly number[];
  readonly linear: { readonly codes: Float32Array; readonly images: ImageSet };
  readonly spherical: { readonly codes: Float32Array; readonly images: ImageSet };
  /** Pixel cross-fade of the two test images, values 0..1. */
  readonly fade: Float32Array;
}

export interface TraversalResult {
  readonly iteration: number;
  /** 'prior' (all zeros) or the test image whose coding fixes the other dimensions. */
  readonly base: 'prior' | number;
  readonly prior: boolean;
  /** The dimension of each row (all, or the most active of a wide coding). */
  readonly dims: readonly number[];
  /** Values set in each row and column. */
  readonly values: readonly (readonly number[])[];
  readonly offsets: readonly number[];
  readonly images: ImageSet;
  /** KL or variance of each dimension, and which are active. */
  readonly stats: DimensionStats;
}

export interface ArithmeticResult {
  readonly iteration: number;
  /** The samples averaged into A, B and C. */
  readonly picks: {
    readonly a: readonly number[];
    readonly b: readonly number[];
    readonly c: readonly number[];
  };
  /** Four codes, row-major: mean A, mean B, mean C and A - B + C. */
  readonly codes: Float32Array;
  /** What the four codes decode to. */
  readonly decoded: ImageSet;
  /** The same four in pixel space (mean pictures and their clipped sum, values 0..1), when there are pictures. */
  readonly pixels: Float32Array | null;
}

export interface ViewsState {
  readonly open: { readonly node: string; readonly port: string } | null;
  readonly tab: ViewTab;
  /** Test images asked for. */
  readonly count: number;
  readonly codings: Job<CodingsAnswer>;
  readonly method: ProjectionMethod;
  readonly map: Job<MapResult>;
  /** The two test images of the interpolation (indices into the class-balanced test order). */
  readonly picks: { readonly a: number; readonly b: number };
  /** Which pick a click on the map sets next. */
  readonly nextPick: 'a' | 'b';
  readonly steps: number;
  readonly interpolation: Job<InterpolationResult>;
  readonly columns: number;
  /** For a graph with a prior: start the traversal at 0 rather than at an image's coding. */
  readonly fromPrior: boolean;
  readonly traversal: Job<TraversalResult>;
  /** The sample numbers typed for A, B and C of the arithmetic, as typed. */
  readonly analogy: { readonly a: string; readonly b: string; readonly c: string };
  readonly arithmetic: Job<ArithmeticResult>;
}

export const initialViews: ViewsState = {
  open: null,
  tab: 'map',
  count: 2000,
  codings: { status: 'idle' },
  method: 'pca',
  map: { status: 'idle' },
  picks: { a: 0, b: 1 },
  nextPick: 'a',
  steps: 10,
  interpolation: { status: 'idle' },
  columns: 9,
  fromPrior: true,
  traversal: { status: 'idle' },
  // In the class-balanced test order these are three images each of classes 0, 1 and 2.
  analogy: { a: '0 10 20', b: '1 11 21', c: '2 12 22' },
  arithmetic: { status: 'idle' },
};

export const viewsStore = createStore<ViewsState>(() => initialViews);

export function useViews<T>(selector: (s: ViewsState) => T): T {
  return useStore(viewsStore, selector);
}
