// The filter gradient that wasm lacks: the same numbers as the cpu backend's own kernel, for the
// paddings and strides the presets use, and convolutional training on wasm leaking nothing.

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conv2dFilterGradient } from '../../src/core/train/kernels';
import { releaseBackend, useBackend } from '../../scripts/lib/backends';
import { presetTrainer } from '../core/helpers';
import { createRng } from '../../src/core/data/rng';

const rng = createRng(5);
const random = (shape: number[]) =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()),
    shape,
  );

const CASES: {
  name: string;
  x: number[];
  filter: [number, number, number, number];
  stride: number;
  pad: 'same' | 'valid';
}[] = [
  {
    name: 'stride 2, kernel 4, same (DCGAN discriminator)',
    x: [3, 28, 28, 1],
    filter: [4, 4, 1, 5],
    stride: 2,
    pad: 'same',
  },
  {
    name: 'stride 2, kernel 3, same (conv autoencoder)',
    x: [2, 14, 14, 3],
    filter: [3, 3, 3, 4],
    stride: 2,
    pad: 'same',
  },
  { name: 'stride 1, kernel 3, valid', x: [2, 9, 7, 2], filter: [3, 3, 2, 3], stride: 1, pad: 'valid' },
  {
    name: 'stride 3, kernel 2, valid, leftover columns',
    x: [1, 11, 10, 2],
    filter: [2, 2, 2, 2],
    stride: 3,
    pad: 'valid',
  },
];

describe('conv2dFilterGradient', () => {
  beforeAll(() => useBackend('cpu'));

  it.each(CASES)('matches the cpu kernel: $name', async ({ x: xShape, filter, stride, pad }) => {
    const x = random(xShape) as tf.Tensor4D;
    const w = random(filter) as tf.Tensor4D;
    const dy = tf.conv2d(x, w, stride, pad);
    const upstream = random(dy.shape) as tf.Tensor4D;
    // The cpu backend's own Conv2DBackpropFilter, reached through the gradient of conv2d.
    const reference = tf.grad((f: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv2d(x, f as tf.Tensor4D, stride, pad), upstream)),
    )(w);
    const expected = await reference.data();
    const ours = conv2dFilterGradient(tf, x, upstream, {
      strides: stride,
      pad,
      dataFormat: 'NHWC',
      filterShape: filter,
    });
    expect(ours.shape).toEqual(filter);
    const got = await ours.data();
    let worst = 0;
    got.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (expected[i] ?? NaN)))));
    expect(worst).toBeLessThan(1e-3);
    tf.dispose([x, w, dy, upstream, ours, reference]);
  });
});

describe('convolutional training on wasm', () => {
  beforeAll(() => useBackend('wasm'));
  afterAll(() => releaseBackend());

  it.each(CASES)(
    'gives the cpu kernel numbers on wasm: $name',
    async ({ x: xShape, filter, stride, pad }) => {
      await useBackend('cpu');
      const x = random(xShape) as tf.Tensor4D;
      const upstream = random(tf.conv2d(x, random(filter) as tf.Tensor4D, stride, pad).shape);
      const reference = tf.grad((f: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2d(x, f as tf.Tensor4D, stride, pad), upstream)),
      )(random(filter));
      const [expected, xData, upData] = await Promise.all([reference.data(), x.data(), upstream.data()]);
      await useBackend('wasm');
      const ours = conv2dFilterGradient(
        tf,
        tf.tensor4d(xData, x.shape),
        tf.tensor4d(upData, upstream.shape as [number, number, number, number]),
        { strides: stride, pad, dataFormat: 'NHWC', filterShape: filter },
      );
      expect(tf.getBackend()).toBe('wasm');
      const got = await ours.data();
      let worst = 0;
      got.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (expected[i] ?? NaN)))));
      expect(worst).toBeLessThan(1e-3);
    },
  );

  it('trains the conv autoencoder with the added kernel, its loss falling and no tensor leaking', async () => {
    const trainer = await presetTrainer('conv-autoencoder', { batchSize: 16 });
    const first = (await trainer.step()).losses.mse ?? NaN;
    const before = tf.memory().numTensors;
    let last = first;
    for (let i = 0; i < 30; i++) last = (await trainer.step()).losses.mse ?? NaN;
    expect(tf.memory().numTensors).toBe(before);
    expect(last).toBeLessThan(first * 0.9);
    trainer.dispose();
  });
});
