// Codings projected to 2-D for the latent map: PCA (our own, src/core/metrics), t-SNE
// (@keckelt/tsne) or UMAP (umap-js), seeded so a map can be made again, with progress reported
// and the map's 5-nearest-neighbour class accuracy. 2-D codings are shown as they are.
// Plain JavaScript without tfjs: it runs in its own worker beside the training worker.

import { TSNE } from '@keckelt/tsne';
import { UMAP } from 'umap-js';
import { createRng } from '../data/rng';
import { pca } from '../metrics';
import { mapNeighbourAccuracy } from './map-accuracy';
import { type ProjectionMethod, TSNE_MAX_POINTS } from './projection-kinds';

export { PROJECTION_TITLES, type ProjectionMethod, TSNE_MAX_POINTS } from './projection-kinds';

/** t-SNE works on at most this many PCA components of the codings, as is usual. */
const TSNE_INPUT_DIM = 50;
const NEIGHBOURS = 5;

export interface ProjectionRequest {
  readonly method: ProjectionMethod;
  /** Row-major codings, `dim` values per point. */
  readonly codings: Float32Array;
  readonly count: number;
  readonly dim: number;
  readonly labels: Int32Array | null;
  readonly seed: number;
  /** t-SNE's iterations (500) and UMAP's epochs (its own choice); tests make them short. */
  readonly iterations?: number;
}

export interface ProjectionResult {
  /** The method used: 'direct' for codings that are 2-D already. */
  readonly method: ProjectionMethod | 'direct';
  /** The first `count` codings were projected (t-SNE takes at most TSNE_MAX_POINTS). */
  readonly count: number;
  /** x, y pairs. */
  readonly points: Float32Array;
  /** Leave-one-out 5-NN class accuracy on the map, when there are labels. */
  readonly knnAccuracy: number | null;
}

export interface ProjectionProgress {
  readonly stage: string;
  /** 0..1 over the whole projection. */
  readonly fraction: number;
}

export type ProgressListener = (progress: ProjectionProgress) => void;

/** Lets a worker hear messages between chunks of work. */
const breathe = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function rows(data: ArrayLike<number>, count: number, dim: number): number[][] {
  return Array.from({ length: count }, (_, i) =>
    Array.from({ length: dim }, (_, j) => data[i * dim + j] ?? 0),
  );
}

/** Coordinates on the top `k` principal components. */
export function principalCoordinates(
  data: ArrayLike<number>,
  count: number,
  dim: number,
  k: number,
): Float32Array {
  const p = pca(data, count, dim, k, dim > 100 ? 40 : 60);
  const out = new Float32Array(count * k);
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < k; c++) {
      let v = 0;
      for (let j = 0; j < dim; j++)
        v += ((data[i * dim + j] ?? 0) - (p.mean[j] ?? 0)) * (p.components.data[j * k + c] ?? 0);
      out[i * k + c] = v;
    }
  }
  return out;
}

async function tsne(
  request: ProjectionRequest,
  count: number,
  progress: ProgressListener,
): Promise<Float32Array> {
  const { codings, dim } = request;
  const inputDim = Math.min(dim, TSNE_INPUT_DIM);
  const input = dim > inputDim ? principalCoordinates(codings, count, dim, inputDim) : codings;
  const perplexity = Math.min(30, Math.max(2, Math.floor((count - 1) / 3)));
  const model = new TSNE({ dim: 2, perplexity, epsilon: 10 });
  // The package draws its start from Math.random; a seeded normal makes maps repeatable.
  const rng = createRng(request.seed);
  (model as unknown as { gaussRandom: () => number }).gaussRandom = () => rng.normal();
  progress({ stage: 't-SNE: neighbour affinities', fraction: 0.02 });
  await breathe();
  model.initDataRaw(rows(input, count, inputDim));
  const iterations = request.iterations ?? 500;
  for (let it = 0; it < iterations; it++) {
    model.step();
    if (it % 10 === 9) {
      progress({
        stage: `t-SNE: iteration ${it + 1} of ${iterations}`,
        fraction: 0.05 + (0.9 * (it + 1)) / iterations,
      });
      await breathe();
    }
  }
  return Float32Array.from((model.getSolution() as number[][]).flat());
}

async function umap(
  request: ProjectionRequest,
  count: number,
  progress: ProgressListener,
): Promise<Float32Array> {
  const rng = createRng(request.seed);
  const model = new UMAP({
    nComponents: 2,
    nNeighbors: Math.min(15, count - 1),
    minDist: 0.1,
    random: () => rng.next(),
    ...(request.iterations !== undefined && { nEpochs: request.iterations }),
  });
  progress({ stage: 'UMAP: nearest neighbours', fraction: 0.02 });
  await breathe();
  const epochs = model.initializeFit(rows(request.codings, count, request.dim));
  for (let epoch = 0; epoch < epochs; epoch++) {
    model.step();
    if (epoch % 10 === 9) {
      progress({
        stage: `UMAP: epoch ${epoch + 1} of ${epochs}`,
        fraction: 0.1 + (0.85 * (epoch + 1)) / epochs,
      });
      await breathe();
    }
  }
  return Float32Array.from(model.getEmbedding().flat());
}

export function checkProjectionRequest(request: ProjectionRequest): string | null {
  const { count, dim, codings, labels, method } = request;
  if (!Number.isInteger(count) || count < 1) return `A map needs at least one point, got ${count}.`;
  if (!Number.isInteger(dim) || dim < 1) return `Codings need at least one dimension, got ${dim}.`;
  if (codings.length < count * dim)
    return `${codings.length} values are too few for ${count} codings of ${dim}.`;
  if (labels && labels.length < count) return `${labels.length} labels are too few for ${count} points.`;
  if (dim > 2 && method !== 'pca' && count < 6)
    return `${method === 'tsne' ? 't-SNE' : 'UMAP'} needs at least 6 points.`;
  for (let i = 0; i < count * dim; i++) {
    if (!Number.isFinite(codings[i] ?? NaN))
      return `Coding ${Math.floor(i / dim)} holds a value that is not finite.`;
  }
  return null;
}

export async function projectCodings(
  request: ProjectionRequest,
  progress: ProgressListener = () => undefined,
): Promise<ProjectionResult> {
  const problem = checkProjectionRequest(request);
  if (problem) throw new Error(problem);
  const { dim, method } = request;
  let points: Float32Array;
  let used = request.count;
  let shown: ProjectionResult['method'] = method;
  if (dim <= 2) {
    shown = 'direct';
    points = new Float32Array(used * 2);
    for (let i = 0; i < used; i++) {
      points[2 * i] = request.codings[i * dim] ?? 0;
      points[2 * i + 1] = dim === 2 ? (request.codings[i * dim + 1] ?? 0) : 0;
    }
  } else if (method === 'pca') {
    progress({ stage: 'PCA', fraction: 0.1 });
    points = principalCoordinates(request.codings, used, dim, 2);
  } else if (method === 'tsne') {
    used = Math.min(used, TSNE_MAX_POINTS);
    points = await tsne(request, used, progress);
  } else {
    points = await umap(request, used, progress);
  }
  let knn: number | null = null;
  if (request.labels) {
    progress({ stage: `${NEIGHBOURS}-NN accuracy of the map`, fraction: 0.96 });
    await breathe();
    knn = mapNeighbourAccuracy(points, request.labels.subarray(0, used), 2, NEIGHBOURS);
  }
  progress({ stage: 'done', fraction: 1 });
  return { method: shown, count: used, points, knnAccuracy: knn };
}
