// A dataset source with a share below 1 trains on a fixed, class-balanced, seeded part of the train
// split; the full source beside it keeps drawing from every image.

import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { balancedSubset, createBatchSampler } from '../../src/core/data/datasets';
import { createRng } from '../../src/core/data/rng';
import { Trainer } from '../../src/core/train/trainer';
import { loadDataset } from '../../scripts/lib/node-data';
import { GraphBuilder } from '../core/graph-builder';
import { syntheticDataset } from './synthetic-dataset';
import { tf, useCpu } from '../core/helpers';

beforeAll(useCpu);

describe('balancedSubset', () => {
  // 100 images of class 0, 50 of class 1, 10 of class 2.
  const data = syntheticDataset('mnist', [
    ...Array<number>(100).fill(0),
    ...Array<number>(50).fill(1),
    ...Array<number>(10).fill(2),
  ]);

  it('keeps the share of every class, at least one image of each', () => {
    const picked = balancedSubset(data, 0.1, createRng(3));
    const perClass = [0, 1, 2].map((c) => [...picked].filter((i) => data.labels[i] === c).length);
    expect(perClass).toEqual([10, 5, 1]);
    expect(new Set(picked).size).toBe(picked.length);
  });

  it('picks the same images for the same seed and others for another seed', () => {
    const a = balancedSubset(data, 0.2, createRng(1));
    expect([...balancedSubset(data, 0.2, createRng(1))]).toEqual([...a]);
    expect([...balancedSubset(data, 0.2, createRng(2))]).not.toEqual([...a]);
  });

  it('refuses a share outside (0, 1]', () => {
    expect(() => balancedSubset(data, 0, createRng(1))).toThrow(/\(0, 1\]/);
    expect(() => balancedSubset(data, 1.5, createRng(1))).toThrow(/1\.5/);
  });

  it('gives a sampler that draws only from the pool, each image once per epoch', () => {
    const pool = balancedSubset(data, 0.1, createRng(1));
    const sampler = createBatchSampler(data, createRng(2), pool);
    const epoch = [...sampler.nextIndices(pool.length)].sort((x, y) => x - y);
    expect(epoch).toEqual([...pool]);
  });
});

describe('a dataset source with a share of the train split', () => {
  it('feeds the same 80 MNIST images every epoch while a full source beside it moves on', async () => {
    // MNIST here holds 800 training images per class: 1% is 8 per class, 80 in all. With a batch
    // of 80, every step of the share sees exactly those images, so their mean pixel never changes.
    const doc = new GraphBuilder()
      .node('all', 'source.dataset', { dataset: 'mnist', fraction: 1 })
      .node('few', 'source.dataset', { dataset: 'mnist', fraction: 0.01 })
      .node('flatten', 'layer.flatten', {}, 'net')
      .node('dense', 'layer.dense', { units: 784, activation: 'sigmoid' }, 'net')
      .node('mse', 'loss.mse')
      .node('adam', 'optimizer.adam')
      .node('allMean', 'metric.mean')
      .node('fewMean', 'metric.mean')
      .network('net')
      .edge('all.images', 'flatten.in')
      .edge('flatten.out', 'dense.in')
      .edge('dense.out', 'mse.prediction')
      .edge('flatten.out', 'mse.target')
      .edge('mse.loss', 'adam.losses')
      .edge('all.images', 'allMean.in')
      .edge('few.images', 'fewMean.in')
      .build();
    const trainer = await Trainer.create(doc, NODE_REGISTRY, { tf, loadDataset, batchSize: 80 });
    const few: number[] = [];
    const all: number[] = [];
    for (let i = 0; i < 4; i++) {
      const { losses } = await trainer.step();
      few.push(losses.fewMean ?? NaN);
      all.push(losses.allMean ?? NaN);
    }
    trainer.dispose();
    for (const value of few) expect(value).toBeCloseTo(few[0] ?? NaN, 5);
    expect(new Set(all.map((v) => v.toFixed(5))).size).toBe(4);
  });
});
