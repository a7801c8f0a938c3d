// Short runs of the conditional GAN presets on wasm (the backend the quality report trains on):
// each part learns in the direction it should. The lecture's bars themselves (class agreement of
// the cGAN, sharpness and FID of pix2pix against L1 alone) need full-length runs: `npm run quality`.

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { useBackend } from '../../scripts/lib/backends';
import { loadDataset } from '../../scripts/lib/node-data';
import { Trainer } from '../../src/core/train/trainer';
import { preset } from './helpers';

beforeAll(async () => {
  await useBackend('wasm');
});

const mean = (values: Float32Array): number => values.reduce((s, v) => s + v, 0) / values.length;
const meanAbsoluteError = (a: Float32Array, b: Float32Array): number =>
  a.reduce((s, v, i) => s + Math.abs(v - (b[i] ?? 0)), 0) / a.length;

describe('conditional GAN on MNIST, a short run', () => {
  it('the samples move towards the mean brightness of real digits', async () => {
    const trainer = await Trainer.create(preset('cgan-mnist'), NODE_REGISTRY, {
      tf,
      loadDataset,
      batchSize: 32,
    });
    try {
      const brightness = async () => {
        const [samples, real] = await trainer.evaluate(
          [
            { node: 'gOut', port: 'out' },
            { node: 'real', port: 'images' },
          ],
          100,
        );
        return {
          samples: mean(samples?.values ?? new Float32Array()),
          real: mean(real?.values ?? new Float32Array()),
        };
      };
      const before = await brightness();
      let last: Readonly<Record<string, number>> = {};
      for (let i = 0; i < 60; i++) last = (await trainer.step()).losses;
      const after = await brightness();
      expect(Object.values(last).every(Number.isFinite)).toBe(true);
      expect(Math.abs(after.samples - after.real)).toBeLessThan(0.5 * Math.abs(before.samples - before.real));
    } finally {
      trainer.dispose();
    }
  });
});

describe('pix2pix on footwear, a short run', () => {
  it('the U-Net learns the outline-to-picture map: its L1 error on test pairs falls clearly', async () => {
    const trainer = await Trainer.create(preset('pix2pix-footwear'), NODE_REGISTRY, {
      tf,
      loadDataset,
      batchSize: 8,
    });
    try {
      const l1 = async () => {
        const [generated, targets] = await trainer.evaluate(
          [
            { node: 'gOut', port: 'out' },
            { node: 'real', port: 'images' },
          ],
          48,
        );
        return meanAbsoluteError(
          generated?.values ?? new Float32Array(),
          targets?.values ?? new Float32Array(),
        );
      };
      const before = await l1();
      let last: Readonly<Record<string, number>> = {};
      for (let i = 0; i < 25; i++) last = (await trainer.step()).losses;
      expect(Object.values(last).every(Number.isFinite)).toBe(true);
      expect(await l1()).toBeLessThan(0.75 * before);
    } finally {
      trainer.dispose();
    }
  });
});
