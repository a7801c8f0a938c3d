// Slice, Unpack, SplitV, Tile and Identity on wasm, copied in place in wasm's memory or shared
// (src/core/train/wasm-copies.ts): the same numbers as the cpu backend for every rank and axis
// the layers use, for float, int and bool tensors, and nothing left behind.

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseBackend, useBackend } from '../../scripts/lib/backends';
import { createRng } from '../../src/core/data/rng';
import { copyBlock, fastWasmCopies, tileValues } from '../../src/core/train/wasm-copies';
import { expectNothingLeftOnWasm } from './wasm-memory';

const rng = createRng(31);
const values = (shape: number[]) =>
  Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => Math.round(rng.normal() * 100));

type Op = (x: tf.Tensor) => tf.Tensor | tf.Tensor[];

const OPS: { name: string; shape: number[]; op: Op }[] = [
  {
    name: 'slice inside every axis',
    shape: [4, 5, 6, 7],
    op: (x) => tf.slice(x, [1, 2, 3, 4], [2, 2, 3, 3]),
  },
  { name: 'slice of whole trailing axes', shape: [6, 5, 4], op: (x) => tf.slice(x, [2, 0, 0], [3, 5, 4]) },
  { name: 'slice of a middle axis', shape: [3, 8, 5], op: (x) => tf.slice(x, [0, 3, 0], [3, 4, 5]) },
  { name: 'slice, rank 1', shape: [20], op: (x) => tf.slice(x, [5], [9]) },
  { name: 'slice, rank 5', shape: [2, 3, 4, 3, 2], op: (x) => tf.slice(x, [1, 1, 0, 1, 0], [1, 2, 4, 2, 1]) },
  { name: 'slice of nothing', shape: [4, 5], op: (x) => tf.slice(x, [1, 2], [0, 2]) },
  { name: 'unstack the first axis (time steps)', shape: [5, 4, 3], op: (x) => tf.unstack(x, 0) },
  { name: 'unstack a middle axis', shape: [4, 5, 3], op: (x) => tf.unstack(x, 1) },
  { name: 'unstack the last axis', shape: [4, 3, 5], op: (x) => tf.unstack(x, -1) },
  { name: 'split into equal parts (LSTM gates)', shape: [6, 16], op: (x) => tf.split(x, 4, 1) },
  { name: 'split into sizes', shape: [6, 16], op: (x) => tf.split(x, [3, 10, 3], 1) },
  { name: 'split the first axis', shape: [7, 3, 2], op: (x) => tf.split(x, [2, 5], 0) },
  {
    name: 'tile a channel row over a batch (batch-norm gradient)',
    shape: [1, 1, 1, 6],
    op: (x) => tf.tile(x, [4, 3, 2, 1]),
  },
  { name: 'tile a column', shape: [5, 1], op: (x) => tf.tile(x, [1, 7]) },
  { name: 'tile every axis', shape: [2, 3, 2], op: (x) => tf.tile(x, [3, 2, 2]) },
  { name: 'clone (Identity)', shape: [3, 4], op: (x) => tf.clone(x) },
];

/** The op's outputs on `backend`, for float, int and bool versions of the same numbers. */
async function outputs(backend: string, shape: number[], data: Float32Array, op: Op): Promise<number[][]> {
  await tf.setBackend(backend);
  const x = tf.tensor(data, shape);
  const got: number[][] = [];
  for (const input of [x, tf.cast(x, 'int32'), tf.greater(x, 0)]) {
    const out = op(input);
    const list = Array.isArray(out) ? out : [out];
    for (const t of list) {
      expect(t.dtype).toBe(input.dtype);
      got.push([...t.shape, -1, ...(await t.data())]);
    }
    tf.dispose([input, ...list]);
  }
  return got;
}

describe('copies in memory', () => {
  it('copy a block into row-major order', () => {
    const x = Float32Array.from({ length: 24 }, (_, i) => i); // shape [2, 3, 4]
    const out = new Float32Array(4);
    copyBlock(x, [2, 3, 4], [1, 1, 1], [1, 2, 2], out);
    expect([...out]).toEqual([17, 18, 21, 22]);
  });

  it('tile numbers along each axis', () => {
    const tiled = tileValues(Float32Array.from([1, 2, 3, 4]), [2, 2], [2, 3]);
    expect([...tiled]).toEqual([1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4, 1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4]);
  });
});

describe('Slice, Unpack, SplitV, Tile and Identity on wasm', () => {
  beforeAll(async () => {
    await useBackend('cpu');
    await useBackend('wasm');
  });
  afterAll(() => releaseBackend());

  it('are ours after the backend starts, installed once however often they are asked', () => {
    const kernel = tf.getKernel('Tile', 'wasm');
    expect(fastWasmCopies(tf, 'wasm')).toEqual([]);
    expect(tf.getKernel('Tile', 'wasm')).toBe(kernel);
  });

  it.each(OPS)('give the cpu backend numbers: $name', async ({ shape, op }) => {
    const data = values(shape);
    const expected = await outputs('cpu', shape, data, op);
    const ours = await outputs('wasm', shape, data, op);
    expect(ours).toEqual(expected);
  });

  it('share numbers in a clone, which outlives the original and leaves no buffer behind', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend();
    const buffers = backend.numDataIds();
    const x = tf.tensor([1, 2, 3]);
    const copy = tf.clone(x);
    expect(backend.numDataIds()).toBe(buffers + 1);
    x.dispose();
    expect([...(await copy.data())]).toEqual([1, 2, 3]);
    copy.dispose();
    expect(backend.numDataIds()).toBe(buffers);
  });

  it('leave as many buffers in wasm after as before', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor(values([4, 6, 5]), [4, 6, 5]);
    await expectNothingLeftOnWasm(3, () =>
      tf.dispose([
        tf.slice(x, [1, 1, 1], [2, 3, 4]),
        ...tf.unstack(x, 1),
        ...tf.split(x, 2, 1),
        tf.tile(x, [1, 2, 1]),
      ]),
    );
    x.dispose();
  });
});
