// What the latent views dialog does: fetch codings from the training worker (queued between its
// steps, so it works paused or running), project them in the projection worker, and decode
// interpolations, traversals and code arithmetic. Every failure ends as a message on the view that asked.

import {
  dimensionStats,
  interpolationCodes,
  crossFade,
  row,
  steps,
  traversalCodes,
  traversalDimensions,
  traversalOffsets,
  traversalValue,
} from '../../core/views/latent-math';
import { analogy, meanRow, parseIndexList, pixelAnalogy } from '../../core/views/latent-arithmetic';
import type { ProjectionMethod } from '../../core/views/projection';
import type { CodingsAnswer, DecodeAnswer, ImageSet, ViewRequest } from '../../core/views/view-requests';
import { viewsClient } from '../training/session';
import { trainingStore } from '../training/training-store';
import { startProjection, type ProjectionJob } from './projection-client';
import { initialViews, type ViewTab, viewsStore } from './views-store';

let projection: ProjectionJob | null = null;
/** Counts requests, so an answer that arrives after the dialog moved on is dropped. */
let generation = 0;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function ask(request: ViewRequest) {
  const client = viewsClient();
  if (!client || trainingStore.getState().state === 'empty') {
    throw new Error('Press Train or Step first: the views read the weights in the training worker.');
  }
  const result = await client.view(request);
  if (!result.ok) throw new Error(result.error.message);
  return result.answer;
}

const port = () => {
  const open = viewsStore.getState().open;
  if (!open) throw new Error('The views are not open on any port.');
  return open;
};

export function openViews(node: string, portName: string, tab: ViewTab = 'map'): void {
  cancelProjection();
  generation++;
  const { count, method, steps: stepCount, columns, analogy: typed } = viewsStore.getState();
  viewsStore.setState({
    ...initialViews,
    count,
    method,
    steps: stepCount,
    columns,
    analogy: typed,
    open: { node, port: portName },
    tab,
  });
  void loadCodings();
}

export function closeViews(): void {
  cancelProjection();
  generation++;
  viewsStore.setState({ open: null });
}

export const chooseTab = (tab: ViewTab) => viewsStore.setState({ tab });

function cancelProjection(): void {
  projection?.cancel();
  projection = null;
}

/** Codings of the first `count` class-balanced test images on the current weights; then a PCA map. */
export async function loadCodings(count = viewsStore.getState().count): Promise<void> {
  const mine = ++generation;
  cancelProjection();
  viewsStore.setState({ count, codings: { status: 'running' }, map: { status: 'idle' } });
  try {
    const answer = await ask({ kind: 'codings', port: port(), count });
    if (mine !== generation || answer.kind !== 'codings') return;
    const { a, b } = viewsStore.getState().picks;
    viewsStore.setState({
      codings: { status: 'done', value: answer },
      picks: { a: Math.min(a, answer.count - 1), b: Math.min(b, answer.count - 1) },
      fromPrior: answer.plan.kl !== null,
    });
    await computeMap(viewsStore.getState().method, mine);
  } catch (error) {
    if (mine === generation) viewsStore.setState({ codings: { status: 'error', message: messageOf(error) } });
  }
}

const currentCodings = (): CodingsAnswer => {
  const codings = viewsStore.getState().codings;
  if (codings.status !== 'done') throw new Error('The codings are not loaded yet.');
  return codings.value;
};

/** Projects the loaded codings to 2-D in the projection worker, reporting its progress. */
export async function computeMap(method: ProjectionMethod, mine = generation): Promise<void> {
  viewsStore.setState({ method });
  let codings: CodingsAnswer;
  try {
    codings = currentCodings();
  } catch (error) {
    viewsStore.setState({ map: { status: 'error', message: messageOf(error) } });
    return;
  }
  cancelProjection();
  viewsStore.setState({ map: { status: 'running' } });
  const job = startProjection(
    {
      method,
      codings: codings.codings,
      count: codings.count,
      dim: codings.dim,
      labels: codings.labels,
      seed: 1,
    },
    (progress) => {
      if (projection === job) viewsStore.setState({ map: { status: 'running', progress } });
    },
  );
  projection = job;
  try {
    const result = await job.result;
    if (projection === job && mine === generation) {
      viewsStore.setState({ map: { status: 'done', value: { ...result, iteration: codings.iteration } } });
    }
  } catch (error) {
    if (projection === job) viewsStore.setState({ map: { status: 'error', message: messageOf(error) } });
  } finally {
    if (projection === job) projection = null;
  }
}

/** Sets one of the interpolation's two images (from a click on the map or the inputs). */
export function pick(which: 'a' | 'b', index: number): void {
  const { picks } = viewsStore.getState();
  viewsStore.setState({ picks: { ...picks, [which]: index }, nextPick: which === 'a' ? 'b' : 'a' });
}

/**
 * The codings of some test images on the current weights: from the loaded codings when training has
 * not moved on since, else fetched again for just those images, so codes and decoder agree.
 */
async function codingRows(indices: readonly number[]): Promise<Float32Array[]> {
  const loaded = currentCodings();
  for (const [i, index] of indices.entries()) checkIndex(i === 0 ? 'A' : 'B', index, loaded.count);
  let source = loaded;
  if (indices.length > 0 && loaded.iteration !== trainingStore.getState().iteration) {
    const answer = await ask({ kind: 'codings', port: port(), count: Math.max(...indices) + 1 });
    if (answer.kind !== 'codings') throw new Error('the worker answered with something else than codings');
    source = answer;
  }
  return indices.map((index) => row(source.codings, index, source.dim));
}

async function decode(codes: Float32Array): Promise<DecodeAnswer> {
  const answer = await ask({ kind: 'decode', port: port(), codes });
  if (answer.kind !== 'decode') throw new Error('the worker answered with something else than images');
  return answer;
}

const checkIndex = (name: string, index: number, count: number) => {
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new Error(`Image ${name} must be a whole number from 0 to ${count - 1}, got ${index}.`);
  }
};

/** Decodes the linear and spherical paths between the two picked images' codings. */
export async function runInterpolation(): Promise<void> {
  const mine = generation;
  viewsStore.setState({ interpolation: { status: 'running' } });
  try {
    const { picks, steps: count } = viewsStore.getState();
    const codings = currentCodings();
    const [za, zb] = (await codingRows([picks.a, picks.b])) as [Float32Array, Float32Array];
    const linear = interpolationCodes(za, zb, count, 'linear');
    const spherical = interpolationCodes(za, zb, count, 'spherical');
    const both = new Float32Array(linear.length * 2);
    both.set(linear);
    both.set(spherical, linear.length);
    const { images: decoded, iteration } = await decode(both);
    const half = (decoded.pixels.length / 2) | 0;
    const part = (pixels: Uint8Array): ImageSet => ({ ...decoded, count, pixels });
    if (mine !== generation) return;
    viewsStore.setState({
      interpolation: {
        status: 'done',
        value: {
          iteration,
          a: picks.a,
          b: picks.b,
          ts: steps(count),
          linear: { codes: linear, images: part(decoded.pixels.slice(0, half)) },
          spherical: { codes: spherical, images: part(decoded.pixels.slice(half)) },
          fade: codings.images
            ? crossFade(picturesOf(codings, picks.a), picturesOf(codings, picks.b), count)
            : new Float32Array(0),
        },
      },
    });
  } catch (error) {
    if (mine === generation)
      viewsStore.setState({ interpolation: { status: 'error', message: messageOf(error) } });
  }
}

/** Decodes one row per latent dimension, that dimension swept from -3 to 3, the others fixed. */
export async function runTraversal(): Promise<void> {
  const mine = generation;
  viewsStore.setState({ traversal: { status: 'running' } });
  try {
    const { picks, columns, fromPrior } = viewsStore.getState();
    const codings = currentCodings();
    const { dim } = codings;
    const prior = codings.plan.kl !== null;
    // Spreads and KL per dimension come from all loaded codings; the start from the current weights.
    const stats = dimensionStats(codings.codings, codings.count, dim, codings.logVar);
    const base = prior && fromPrior ? 'prior' : picks.a;
    const [start] = await codingRows(base === 'prior' ? [] : [base]);
    const dims = traversalDimensions(stats);
    const codes = traversalCodes(start ?? new Float32Array(dim), stats, prior, columns, dims);
    const offsets = traversalOffsets(columns);
    const { images, iteration } = await decode(codes);
    if (mine !== generation) return;
    viewsStore.setState({
      traversal: {
        status: 'done',
        value: {
          iteration,
          base,
          prior,
          offsets,
          stats,
          dims,
          values: dims.map((d) => offsets.map((o) => traversalValue(stats, prior, d, o))),
          images,
        },
      },
    });
  } catch (error) {
    if (mine === generation)
      viewsStore.setState({ traversal: { status: 'error', message: messageOf(error) } });
  }
}

/** The pictures of the loaded codings as values 0..1 (test images, or a generator's samples). */
function picturesOf(codings: CodingsAnswer, index: number): Float32Array {
  const images = codings.images;
  const size = images ? images.height * images.width * images.channels : 0;
  return Float32Array.from(images?.pixels.subarray(index * size, (index + 1) * size) ?? [], (v) => v / 255);
}

/** Decodes mean A, mean B, mean C and A - B + C, with the same sum over the pictures beside them. */
export async function runArithmetic(): Promise<void> {
  const mine = generation;
  viewsStore.setState({ arithmetic: { status: 'running' } });
  try {
    const { analogy: typed } = viewsStore.getState();
    const codings = currentCodings();
    const lists = (['a', 'b', 'c'] as const).map((key) => {
      const parsed = parseIndexList(typed[key], codings.count, key.toUpperCase());
      if (!parsed.ok) throw new Error(parsed.problem);
      return parsed.indices;
    }) as [number[], number[], number[]];
    const all = [...new Set(lists.flat())];
    const rows = await codingRows(all);
    const rowsOf = (indices: number[]) => {
      const picked = new Float32Array(indices.length * codings.dim);
      indices.forEach((index, i) => picked.set(rows[all.indexOf(index)] ?? [], i * codings.dim));
      return meanRow(
        picked,
        codings.dim,
        indices.map((_, i) => i),
      );
    };
    const [ma, mb, mc] = lists.map(rowsOf) as [Float32Array, Float32Array, Float32Array];
    const codes = new Float32Array(4 * codings.dim);
    [ma, mb, mc, analogy(ma, mb, mc)].forEach((code, i) => codes.set(code, i * codings.dim));
    const { images: decoded, iteration } = await decode(codes);
    let pixels: Float32Array | null = null;
    if (codings.images) {
      const size = codings.images.height * codings.images.width * codings.images.channels;
      const means = lists.map((indices) => {
        const stacked = new Float32Array(indices.length * size);
        indices.forEach((index, i) => stacked.set(picturesOf(codings, index), i * size));
        return meanRow(
          stacked,
          size,
          indices.map((_, i) => i),
        );
      }) as [Float32Array, Float32Array, Float32Array];
      pixels = new Float32Array(4 * size);
      [...means, pixelAnalogy(...means)].forEach((picture, i) => pixels?.set(picture, i * size));
    }
    if (mine !== generation) return;
    viewsStore.setState({
      arithmetic: {
        status: 'done',
        value: { iteration, picks: { a: lists[0], b: lists[1], c: lists[2] }, codes, decoded, pixels },
      },
    });
  } catch (error) {
    if (mine === generation)
      viewsStore.setState({ arithmetic: { status: 'error', message: messageOf(error) } });
  }
}
