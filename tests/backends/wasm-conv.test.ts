// The convolution input gradient on wasm as one stride-1 convolution and an interleave
// (src/core/train/wasm-conv.ts): the cpu backend's numbers for the strides, kernels and paddings
// the presets use and a few they do not, through conv2dTranspose and the gradient of conv2d, and
// nothing left behind in wasm's memory.

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseBackend, useBackend } from '../../scripts/lib/backends';
import { createRng } from '../../src/core/data/rng';
import { fastConvInputGradient, phasePlan } from '../../src/core/train/wasm-conv';
import { presetTrainer } from '../core/helpers';
import { expectNothingLeftOnWasm } from './wasm-memory';

const rng = createRng(23);
const values = (shape: number[]) =>
  Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal());

interface Case {
  readonly name: string;
  readonly x: [number, number, number, number];
  readonly filter: [number, number, number, number];
  readonly stride: number;
  readonly pad: 'same' | 'valid';
}

const CASES: Case[] = [
  {
    name: 'DCGAN generator: 7 to 14, kernel 4, same',
    x: [3, 14, 14, 4],
    filter: [4, 4, 4, 6],
    stride: 2,
    pad: 'same',
  },
  { name: 'to one channel: kernel 4, same', x: [2, 28, 28, 1], filter: [4, 4, 1, 5], stride: 2, pad: 'same' },
  {
    name: 'kernel 3, same (conv autoencoder)',
    x: [2, 14, 14, 3],
    filter: [3, 3, 3, 4],
    stride: 2,
    pad: 'same',
  },
  { name: 'stride 1, kernel 3, valid', x: [2, 9, 7, 2], filter: [3, 3, 2, 3], stride: 1, pad: 'valid' },
  { name: 'stride 1, kernel 3, same', x: [2, 9, 7, 2], filter: [3, 3, 2, 3], stride: 1, pad: 'same' },
  {
    name: 'stride 3, kernel 2, valid, unread rows',
    x: [1, 11, 10, 2],
    filter: [2, 2, 2, 2],
    stride: 3,
    pad: 'valid',
  },
  {
    name: 'stride 3, kernel 5, same, odd sizes',
    x: [1, 11, 10, 2],
    filter: [5, 5, 2, 2],
    stride: 3,
    pad: 'same',
  },
  { name: 'stride 2, kernel 1, valid', x: [1, 13, 12, 2], filter: [1, 1, 2, 2], stride: 2, pad: 'valid' },
];

/** dx of conv2d(x, filter) for upstream gradient `dy`, on `backend`, by conv2dTranspose and by tf.grad. */
async function inputGradients(
  backend: string,
  c: Case,
  data: { x: Float32Array; filter: Float32Array; dy: Float32Array },
  dyShape: number[],
): Promise<[Float32Array, Float32Array]> {
  await tf.setBackend(backend);
  const x = tf.tensor4d(data.x, c.x);
  const filter = tf.tensor4d(data.filter, c.filter);
  const dy = tf.tensor4d(data.dy, dyShape as [number, number, number, number]);
  const transposed = tf.conv2dTranspose(dy, filter, c.x, c.stride, c.pad);
  const grad = tf.grad((input: tf.Tensor) =>
    tf.sum(tf.mul(tf.conv2d(input as tf.Tensor4D, filter, c.stride, c.pad), dy)),
  )(x);
  const out = [(await transposed.data()) as Float32Array, (await grad.data()) as Float32Array] as [
    Float32Array,
    Float32Array,
  ];
  tf.dispose([x, filter, dy, transposed, grad]);
  return out;
}

const worstDifference = (a: Float32Array, b: Float32Array) => {
  let worst = a.length === b.length ? 0 : Infinity;
  a.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (b[i] ?? NaN)))));
  return worst;
};

describe('the phases of one axis', () => {
  it('give every filter tap to exactly one phase and window position, for any stride and padding', () => {
    for (const [s, k, p] of [
      [2, 4, 1],
      [2, 3, 0],
      [3, 5, 2],
      [1, 3, 1],
      [3, 2, 0],
    ] as const) {
      const plan = phasePlan(s, k, p);
      const taps = [...plan.index].filter((t) => t < k).sort((a, b) => a - b);
      expect(taps).toEqual(Array.from({ length: k }, (_, t) => t));
    }
  });

  it('reads, for stride 2, kernel 4 and padding 1, two rows per phase, the odd phase one row later', () => {
    const plan = phasePlan(2, 4, 1);
    expect(plan.lo).toBe(-1);
    expect(plan.taps).toBe(2);
    // Even rows (phase 0) read taps 3 and 1 from rows q - 1 and q (output q); odd rows taps 2 and
    // 0 from rows q and q + 1, the window of output q + 1.
    expect([...plan.index]).toEqual([3, 2, 1, 0]);
    expect([...plan.shift]).toEqual([0, 1]);
  });

  it('fills zeros only where a phase has fewer taps than another (kernel 3, stride 2)', () => {
    const plan = phasePlan(2, 3, 1);
    expect(plan.taps).toBe(2);
    expect([...plan.index].filter((t) => t === 3)).toHaveLength(1);
  });
});

describe('Conv2DBackpropInput on wasm', () => {
  beforeAll(async () => {
    await useBackend('cpu');
    await useBackend('wasm');
  });
  afterAll(() => releaseBackend());

  it('is ours after the backend starts, installed once however often it is asked', () => {
    const kernel = tf.getKernel('Conv2DBackpropInput', 'wasm');
    expect(fastConvInputGradient(tf, 'wasm')).toBe(false);
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')).toBe(kernel);
  });

  it.each(CASES)('gives the cpu backend numbers: $name', async (c) => {
    await tf.setBackend('cpu');
    const dyShape = tf.conv2d(
      tf.zeros(c.x) as tf.Tensor4D,
      tf.zeros(c.filter) as tf.Tensor4D,
      c.stride,
      c.pad,
    ).shape;
    const data = { x: values(c.x), filter: values(c.filter), dy: values(dyShape) };
    const [expectedT, expectedGrad] = await inputGradients('cpu', c, data, dyShape);
    const [oursT, oursGrad] = await inputGradients('wasm', c, data, dyShape);
    expect(oursT.length).toBe(c.x.reduce((a, b) => a * b, 1));
    expect(worstDifference(oursT, expectedT)).toBeLessThan(1e-4);
    expect(worstDifference(oursGrad, expectedGrad)).toBeLessThan(1e-4);
  });

  it('leaves as many buffers in wasm after as before', async () => {
    await tf.setBackend('wasm');
    const dy = tf.tensor4d(values([2, 7, 7, 6]), [2, 7, 7, 6]);
    const filter = tf.tensor4d(values([4, 4, 3, 6]), [4, 4, 3, 6]);
    await expectNothingLeftOnWasm(3, async () => {
      const out = tf.conv2dTranspose(dy, filter, [2, 14, 14, 3], 2, 'same');
      await out.data();
      out.dispose();
    });
    tf.dispose([dy, filter]);
  });

  it('trains dcgan-mnist on wasm, both losses finite and no tensor leaking', async () => {
    await tf.setBackend('wasm');
    const trainer = await presetTrainer('dcgan-mnist', { batchSize: 8 });
    await trainer.step();
    const before = tf.memory().numTensors;
    let losses: Record<string, number> = {};
    for (let i = 0; i < 4; i++) losses = (await trainer.step()).losses;
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(losses).length).toBeGreaterThanOrEqual(2);
    for (const v of Object.values(losses)) expect(Number.isFinite(v)).toBe(true);
    trainer.dispose();
  });
});
