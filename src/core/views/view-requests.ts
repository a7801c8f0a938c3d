// What the training worker answers for the latent views: the codings of fixed test images at a
// chosen port (with their labels, images and a VAE's logVar), and the images that given codes
// decode to. Evaluated in chunks, read only asynchronously (WebGPU), and leaving no tensor behind.

import type * as tfjs from '@tensorflow/tfjs';
import { nodesNeeded, type PassSettings, refKey, runPass } from '../compile/evaluate';
import type { Program } from '../compile/program';
import { DATASETS, fixedBatch, isDatasetName, subsetKey } from '../data/datasets';
import { createRng, deriveSeed } from '../data/rng';
import type { PortRef } from '../graph/document';
import type { DataBatch, Rng } from '../types/definition';
import { fixedPass, type LoadedDatasets } from '../train/passes';
import { type CommandResult, fail } from '../train/session-types';
import { evaluateDownstream } from './downstream';
import { type LatentPlan, planLatentViews } from './latent-plan';

/** Most test images a map shows. */
export const MAX_VIEW_IMAGES = 10_000;
/** Most codes one decode request takes (a traversal of 64 dimensions in 9 columns is 576). */
export const MAX_DECODE_CODES = 4096;
/** Images per evaluation pass, so 10,000 never sit in memory at every layer at once. */
const CHUNK = 500;

export interface CodingsRequest {
  readonly kind: 'codings';
  readonly port: PortRef;
  readonly count: number;
}

export interface DecodeRequest {
  readonly kind: 'decode';
  readonly port: PortRef;
  /** Row-major codes, `dim` values each. */
  readonly codes: Float32Array;
}

export type ViewRequest = CodingsRequest | DecodeRequest;

/** Images as bytes 0..255, NHWC. */
export interface ImageSet {
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly pixels: Uint8Array;
}

export interface CodingsAnswer {
  readonly kind: 'codings';
  readonly iteration: number;
  readonly plan: LatentPlan;
  readonly count: number;
  readonly dim: number;
  readonly codings: Float32Array;
  /** A VAE's logVar for the same images (when a KL loss reads the coding). */
  readonly logVar: Float32Array | null;
  readonly labels: Int32Array | null;
  readonly images: ImageSet | null;
  /** Where `images` come from: the source's test images (an encoder's codings), or, when nothing
   * upstream is an image (a generator's z), what each code decodes to, so a sample can be picked. */
  readonly imagesFrom: 'source' | 'decoded' | null;
  readonly classNames: readonly string[] | null;
}

export interface DecodeAnswer {
  readonly kind: 'decode';
  readonly iteration: number;
  readonly images: ImageSet;
}

export type ViewAnswer = CodingsAnswer | DecodeAnswer;

/** A request the graph cannot answer, in words for the student. */
export class ViewError extends Error {}

export interface ViewTarget {
  readonly program: Program;
  readonly seed: number;
  readonly iteration: number;
}

function plan(program: Program, port: PortRef): LatentPlan {
  const result = planLatentViews(program.types, program.registry, port);
  if (!result.ok) throw new ViewError(result.problem);
  return result.plan;
}

/** The buffers an answer holds, to send them as transferables. */
export function answerBuffers(answer: ViewAnswer): ArrayBuffer[] {
  const arrays =
    answer.kind === 'decode'
      ? [answer.images.pixels]
      : [answer.codings, answer.logVar, answer.labels, answer.images?.pixels];
  return arrays.filter((a) => a !== null && a !== undefined).map((a) => a.buffer as ArrayBuffer);
}

const toBytes = (values: Float32Array): Uint8Array =>
  Uint8Array.from(values, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255));

/** The first `count` class-balanced test images, handed out `size` at a time from `start`. */
function chunkedTestPass(target: ViewTarget, datasets: LoadedDatasets, count: number) {
  const rngs = new Map<string, Rng>();
  const batches = new Map<string, DataBatch>();
  return (start: number, size: number): PassSettings => ({
    mode: 'eval',
    batchSize: size,
    rngFor(id) {
      let rng = rngs.get(id);
      if (!rng) rngs.set(id, (rng = createRng(deriveSeed(target.seed, `views:${id}`))));
      return rng;
    },
    dataset(name, subset) {
      const key = subsetKey(name, subset?.classes && { fraction: 1, classes: subset.classes });
      let batch = batches.get(key);
      if (!batch) {
        const loaded = datasets.get(name);
        if (!loaded) throw new ViewError(`The dataset "${name}" is not loaded yet.`);
        batches.set(key, (batch = fixedBatch(loaded.test, count, subset?.classes)));
      }
      const pixels = batch.images.length / batch.size;
      return {
        ...batch,
        size,
        images: batch.images.subarray(start * pixels, (start + size) * pixels),
        labels: batch.labels.subarray(start, start + size),
      };
    },
  });
}

/**
 * How many codings to show: the request, capped by the smallest test split read when the codings
 * come from test images (a generator's random codes need no cap).
 */
function imageCount(
  program: Program,
  datasets: LoadedDatasets,
  requested: number,
  fromData: boolean,
): number {
  if (!Number.isInteger(requested) || requested < 1 || requested > MAX_VIEW_IMAGES) {
    throw new ViewError(
      `The number of test images must be a whole number from 1 to ${MAX_VIEW_IMAGES}, got ${requested}.`,
    );
  }
  let count = requested;
  for (const name of fromData ? program.datasets : []) {
    const loaded = datasets.get(name);
    if (!loaded) throw new ViewError(`The dataset "${name}" is not loaded yet; train or step once first.`);
    count = Math.min(count, loaded.test.count);
  }
  return count;
}

export async function codingsOf(
  target: ViewTarget,
  tf: typeof tfjs,
  datasets: LoadedDatasets,
  request: CodingsRequest,
): Promise<CodingsAnswer> {
  const { program } = target;
  const p = plan(program, request.port);
  const count = imageCount(program, datasets, request.count, p.images !== null || p.labels !== null);
  // A generator's codes have no image upstream: show each code's sample instead.
  const pictures = p.images ?? (p.decodeFrom && p.decoded);
  const refs = [p.coding, p.kl?.logVar, pictures, p.labels].filter((r): r is PortRef => r != null);
  const needed = nodesNeeded(
    program,
    refs.map((r) => r.node),
  );
  const passAt = chunkedTestPass(target, datasets, count);
  const parts: Float32Array[][] = refs.map(() => []);
  let imageShape: number[] = [];
  for (let start = 0; start < count; start += CHUNK) {
    const size = Math.min(CHUNK, count - start);
    const outputs = tf.tidy(() => {
      const { values } = runPass(program, tf, needed, passAt(start, size));
      return refs.map((ref) => {
        const value = values.get(refKey(ref));
        if (!value) throw new ViewError(`${ref.node}.${ref.port} has no value in an evaluation pass.`);
        return ref === pictures ? tf.clipByValue(value.toFloat(), 0, 1) : value.toFloat();
      });
    });
    try {
      for (const [i, t] of outputs.entries()) parts[i]?.push(new Float32Array(await t.data()));
      if (pictures) imageShape = outputs[refs.indexOf(pictures)]?.shape.slice(1) ?? [];
    } finally {
      tf.dispose(outputs);
    }
  }
  const joined = parts.map((chunks) => {
    const out = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  });
  const part = (ref: PortRef | null | undefined) => (ref ? (joined[refs.indexOf(ref)] ?? null) : null);
  const imageValues = part(pictures);
  const labelValues = part(p.labels);
  const dataset = p.datasets[0];
  return {
    kind: 'codings',
    iteration: target.iteration,
    plan: p,
    count,
    dim: p.dim,
    codings: part(p.coding) as Float32Array,
    logVar: part(p.kl?.logVar),
    labels: labelValues ? Int32Array.from(labelValues) : null,
    images: imageValues
      ? {
          count,
          height: imageShape[0] ?? 0,
          width: imageShape[1] ?? 0,
          channels: imageShape[2] ?? 1,
          pixels: toBytes(imageValues),
        }
      : null,
    imagesFrom: imageValues ? (p.images ? 'source' : 'decoded') : null,
    classNames: dataset !== undefined && isDatasetName(dataset) ? DATASETS[dataset].classNames : null,
  };
}

export async function decodeCodes(
  target: ViewTarget,
  tf: typeof tfjs,
  datasets: LoadedDatasets,
  request: DecodeRequest,
): Promise<DecodeAnswer> {
  const { program } = target;
  const p = plan(program, request.port);
  const from = p.decodeFrom;
  const to = p.decoded;
  if (!from)
    throw new ViewError(`Nothing decodes ${p.coding.node}.${p.coding.port}: no layer or network reads it.`);
  if (!to)
    throw new ViewError(
      `No image output lies downstream of ${from.node}.${from.port}, so codes cannot be drawn.`,
    );
  const { codes } = request;
  const count = codes.length / p.dim;
  if (!Number.isInteger(count) || count < 1 || count > MAX_DECODE_CODES) {
    throw new ViewError(
      `Decoding needs 1 to ${MAX_DECODE_CODES} codes of length ${p.dim}; got ${codes.length} values.`,
    );
  }
  const chunks: Float32Array[] = [];
  let shape: number[] = [];
  for (let start = 0; start < count; start += CHUNK) {
    const size = Math.min(CHUNK, count - start);
    const out = tf.tidy(() => {
      const value = tf.tensor(
        codes.subarray(start * p.dim, (start + size) * p.dim),
        [size, p.dim],
        'float32',
      );
      const pass = fixedPass(target.seed, datasets, { mode: 'eval', size, split: 'test', salt: 'views' });
      const [image] = evaluateDownstream(program, tf, { given: from, value, outputs: [to], pass }).outputs;
      return tf.clipByValue(image as tfjs.Tensor, 0, 1);
    });
    try {
      chunks.push(new Float32Array(await out.data()));
      shape = out.shape.slice(1);
    } finally {
      out.dispose();
    }
  }
  const pixels = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    pixels.set(toBytes(c), at);
    at += c.length;
  }
  return {
    kind: 'decode',
    iteration: target.iteration,
    images: { count, height: shape[0] ?? 0, width: shape[1] ?? 0, channels: shape[2] ?? 1, pixels },
  };
}

/** Answers one view request on the session's current weights. */
export function answerView(
  target: ViewTarget,
  tf: typeof tfjs,
  datasets: LoadedDatasets,
  request: ViewRequest,
): Promise<ViewAnswer> {
  return request.kind === 'codings'
    ? codingsOf(target, tf, datasets, request)
    : decodeCodes(target, tf, datasets, request);
}

/** The session's `view` command: answers a request, or says in words why it cannot. */
export async function viewCommand(
  target: ViewTarget | null,
  tf: typeof tfjs,
  datasets: LoadedDatasets,
  request: ViewRequest,
): Promise<CommandResult<{ answer: ViewAnswer }>> {
  if (!target)
    return fail(
      'not-loaded',
      'Press Train or Step first: the views read the weights in the training worker.',
    );
  try {
    return { ok: true, answer: await answerView(target, tf, datasets, request) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(error instanceof ViewError ? 'bad-request' : 'internal', message);
  }
}
