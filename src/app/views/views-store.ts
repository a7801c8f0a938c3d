// What the latent views dialog shows: the port it is open on, the codings fetched from the training
// worker, and the state of each view (map, interpolation, traversal) with its progress or error.

import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ProjectionMethod, ProjectionProgress, ProjectionResult } from '../../core/views/projection';
import type { DimensionStats } from '../../core/views/latent-math';
import type { CodingsAnswer, ImageSet } from '../../core/views/view-requests';

export type ViewTab = 'map' | 'interpolation' | 'traversal';

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
};

export const viewsStore = createStore<ViewsState>(() => initialViews);

export function useViews<T>(selector: (s: ViewsState) => T): T {
  return useStore(viewsStore, selector);
}
