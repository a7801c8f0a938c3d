// The wasm matrix products that transpose a side first (src/core/train/wasm-matmul.ts): the same
// numbers as the cpu backend for every transpose, rank and broadcast, fused bias and activation
// included, and nothing left behind in wasm's memory.

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../scripts/lib/backends';
import { createRng } from '../../src/core/data/rng';
import { swapLastTwo, untransposeMatMul } from '../../src/core/train/wasm-matmul';
import { expectNothingLeftOnWasm } from './wasm-memory';

const rng = createRng(11);
const values = (shape: number[]) =>
  Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal());

interface Case {
  readonly name: string;
  readonly a: number[];
  readonly b: number[];
  readonly transposeA: boolean;
  readonly transposeB: boolean;
}

const CASES: Case[] = [
  { name: 'neither', a: [5, 7], b: [7, 3], transposeA: false, transposeB: false },
  { name: 'a (a dense weight gradient)', a: [9, 6], b: [9, 4], transposeA: true, transposeB: false },
  { name: 'b (a dense input gradient)', a: [5, 8], b: [6, 8], transposeA: false, transposeB: true },
  { name: 'both', a: [7, 5], b: [3, 7], transposeA: true, transposeB: true },
  { name: 'a, batched', a: [2, 6, 4], b: [2, 6, 3], transposeA: true, transposeB: false },
  { name: 'b, batch broadcast', a: [3, 4, 5], b: [1, 2, 5], transposeA: false, transposeB: true },
  { name: 'both, rank 4', a: [2, 2, 3, 4], b: [2, 2, 5, 3], transposeA: true, transposeB: true },
];

interface Inputs {
  readonly a: Float32Array;
  readonly b: Float32Array;
  readonly bias: Float32Array;
}

/** The product on `backend` of the same numbers. */
async function product(backend: string, c: Case, inputs: Inputs, fused: boolean): Promise<Float32Array> {
  await tf.setBackend(backend);
  const a = tf.tensor(inputs.a, c.a);
  const b = tf.tensor(inputs.b, c.b);
  const bias = tf.tensor1d(inputs.bias);
  const out = fused
    ? tf.fused.matMul({
        a: a as tf.Tensor3D,
        b: b as tf.Tensor3D,
        transposeA: c.transposeA,
        transposeB: c.transposeB,
        bias,
        activation: 'relu',
      })
    : tf.matMul(a, b, c.transposeA, c.transposeB);
  const data = (await out.data()) as Float32Array;
  tf.dispose([a, b, bias, out]);
  return data;
}

async function compare(c: Case, fused: boolean): Promise<void> {
  const columns = c.transposeB ? (c.b.at(-2) ?? 0) : (c.b.at(-1) ?? 0);
  const inputs = { a: values(c.a), b: values(c.b), bias: values([columns]) };
  const ours = await product('wasm', c, inputs, fused);
  const expected = await product('cpu', c, inputs, fused);
  expect(ours.length).toBe(expected.length);
  expect(ours.length).toBeGreaterThan(0);
  let worst = 0;
  ours.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (expected[i] ?? NaN)))));
  expect(worst).toBeLessThan(1e-4);
}

describe('matrix products on wasm with a transposed side', () => {
  beforeAll(async () => {
    await useBackend('cpu');
    await useBackend('wasm');
  });

  it('are the wasm backend kernels after it starts, installed once however often it is asked', () => {
    expect(untransposeMatMul(tf, 'wasm')).toEqual([]);
    const kernel = tf.getKernel('BatchMatMul', 'wasm');
    expect(untransposeMatMul(tf, 'wasm')).toEqual([]);
    expect(tf.getKernel('BatchMatMul', 'wasm')).toBe(kernel);
  });

  it('swaps the last two axes', () => {
    expect(swapLastTwo(2)).toEqual([1, 0]);
    expect(swapLastTwo(4)).toEqual([0, 1, 3, 2]);
  });

  it.each(CASES)('BatchMatMul matches the cpu backend: transposed $name', (c) => compare(c, false));

  // Rank 2 only: with a batch of several matrices and a bias, stock wasm's fused kernel already
  // differs from cpu without any transpose (a tfjs 4.22 bug outside this wrapper); dense layers
  // multiply rank-2 tensors.
  it.each(CASES.filter((c) => c.a.length === 2))(
    '_FusedMatMul with bias and relu matches the cpu backend: transposed $name',
    (c) => compare(c, true),
  );

  it('frees the transposed copies (wasm holds as many buffers after as before)', async () => {
    await tf.setBackend('wasm');
    const a = tf.tensor(values([6, 4]), [6, 4]);
    const b = tf.tensor(values([6, 3]), [6, 3]);
    await expectNothingLeftOnWasm(5, async () => {
      const out = tf.matMul(a, b, true, false);
      await out.data();
      out.dispose();
    });
    tf.dispose([a, b]);
  });
});
