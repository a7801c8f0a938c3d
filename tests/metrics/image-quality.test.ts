// FID and Inception Score: exact answers on constructed features, then the lecture's claims on
// real MNIST with a small classifier trained the same way as scripts/train-classifiers.ts.

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/data/rng';
import { batchFromIndices } from '../../src/core/data/datasets';
import { classify, fid, isScore, trainClassifier } from '../../src/core/metrics/classifier';
import { frechetDistance, inceptionScore } from '../../src/core/metrics/image-quality';
import { loadDataset } from '../../scripts/lib/node-data';

function gaussianRows(count: number, dim: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: count * dim }, (_, i) => rng.normal() * (1 + (i % dim) * 0.3));
}

describe('Fréchet distance', () => {
  const dim = 6;
  const count = 400;
  const a = gaussianRows(count, dim, 3);

  it('is 0 between a set and itself', () => {
    expect(frechetDistance(a, count, a, count, dim)).toBeLessThan(1e-8);
  });

  it('is the squared shift for a shifted copy (same covariance)', () => {
    const shift = [1, -2, 0, 0.5, 0, 3];
    const b = a.map((v, i) => v + (shift[i % dim] ?? 0));
    const expected = shift.reduce((s, v) => s + v * v, 0);
    expect(frechetDistance(a, count, b, count, dim)).toBeCloseTo(expected, 6);
  });

  it('is the trace of the covariance for a copy scaled by 2 about its mean', () => {
    const mean = Array.from({ length: dim }, (_, j) => {
      let s = 0;
      for (let r = 0; r < count; r++) s += a[r * dim + j] ?? 0;
      return s / count;
    });
    const b = a.map((v, i) => 2 * v - (mean[i % dim] ?? 0));
    // S_b = 4 S_a and equal means: tr(S + 4S - 2 * 2S) = tr(S).
    let trace = 0;
    for (let j = 0; j < dim; j++) {
      let s = 0;
      for (let r = 0; r < count; r++) s += ((a[r * dim + j] ?? 0) - (mean[j] ?? 0)) ** 2;
      trace += s / count;
    }
    expect(frechetDistance(a, count, b, count, dim)).toBeCloseTo(trace, 6);
  });
});

describe('Inception Score', () => {
  it('is the number of classes for confident, evenly used classes and 1 for one repeated guess', () => {
    const classes = 4;
    const confident = new Float32Array(8 * classes);
    for (let s = 0; s < 8; s++) confident[s * classes + (s % classes)] = 1;
    expect(inceptionScore(confident, 8, classes)).toBeCloseTo(4, 6);
    const same = Float32Array.from({ length: 8 * classes }, (_, i) => [0.7, 0.1, 0.1, 0.1][i % classes] ?? 0);
    expect(inceptionScore(same, 8, classes)).toBeCloseTo(1, 6);
  });
});

describe('FID and IS on MNIST with the project classifier', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  it('puts test near train, rises steadily with noise, and scores real digits far above noise', async () => {
    const train = await loadDataset('mnist', 'train');
    const test = await loadDataset('mnist', 'test');
    const model = await trainClassifier(tf, train, { epochs: 2, images: 3000 });
    const count = 1000;
    const realTrain = batchFromIndices(
      train,
      Array.from({ length: count }, (_, i) => 4000 + i),
    );
    const realTest = batchFromIndices(
      test,
      Array.from({ length: count }, (_, i) => i),
    );
    const reference = await classify(tf, model, realTrain.images, count);
    const clean = await classify(tf, model, realTest.images, count);
    const rng = createRng(7);
    const noisy = async (sigma: number) => {
      const images = realTest.images.map((v) => Math.min(1, Math.max(0, v + sigma * rng.normal())));
      return classify(tf, model, images, count);
    };
    const fids = [fid(reference, clean)];
    for (const sigma of [0.1, 0.25, 0.5]) fids.push(fid(reference, await noisy(sigma)));
    // Near 0 means small against what noise does; each step of noise moves further away.
    expect(fids[0]).toBeLessThan((fids[1] ?? 0) / 2);
    for (let i = 1; i < fids.length; i++) expect(fids[i]).toBeGreaterThan(fids[i - 1] ?? Infinity);
    const uniform = Float32Array.from({ length: count * 784 }, () => rng.next());
    const realScore = isScore(clean);
    expect(realScore).toBeGreaterThan(5);
    expect(realScore).toBeGreaterThan(2 * isScore(await classify(tf, model, uniform, count)));
    model.dispose();
  });
});
