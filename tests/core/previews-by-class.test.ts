// Image grids downstream of a class picker show one row per requested class, in class order, in
// the full preview pass and the quick one alike; other grids keep their plain layout.

import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { loadDataset } from '../../scripts/lib/node-data';
import { quickImagePreviews } from '../../src/core/train/passes';
import { CLASS_ROW_COLUMNS, type ImageGridPreview, rowsByClass } from '../../src/core/train/previews';
import { renderImageGrid } from '../../src/core/train/render';
import { Trainer } from '../../src/core/train/trainer';
import { GraphBuilder } from './graph-builder';
import { tf, useCpu } from './helpers';

beforeAll(useCpu);

describe('rowsByClass', () => {
  it('groups images one row per class, as many per row as the rarest class has', () => {
    const grid: ImageGridPreview = {
      kind: 'image-grid',
      node: 'g',
      port: 'out',
      count: 6,
      height: 1,
      width: 1,
      channels: 1,
      pixels: Float32Array.from([10, 11, 12, 13, 14, 15]),
    };
    const rows = rowsByClass(grid, Int32Array.from([2, 0, 2, 0, 1, 2]));
    expect(rows.rowClasses).toEqual([0, 1, 2]);
    expect(rows.columns).toBe(1);
    expect([...rows.pixels]).toEqual([11, 14, 10]);
    const painted = renderImageGrid(rows, 8, 1);
    expect([painted.width, painted.height]).toEqual([1 * 2 + 1, 3 * 2 + 1]);
  });
});

/** A generator asked for classes by a picker, beside a dataset whose images keep the plain grid. */
function conditionalGraph(wanted: number) {
  return new GraphBuilder()
    .network('gen')
    .node('real', 'source.dataset', { dataset: 'mnist' })
    .node('wanted', 'source.class', { classes: 10, class: wanted })
    .node('hot', 'op.one-hot')
    .node('dense', 'layer.dense', { units: 784, activation: 'sigmoid' }, 'gen')
    .node('gOut', 'layer.reshape', { targetShape: [28, 28, 1] }, 'gen')
    .node('mse', 'loss.mse')
    .node('adam', 'optimizer.adam')
    .edge('wanted.labels', 'hot.labels')
    .edge('hot.out', 'dense.in')
    .edge('dense.out', 'gOut.in')
    .edge('gOut.out', 'mse.prediction')
    .edge('real.images', 'mse.target')
    .edge('mse.loss', 'adam.losses')
    .build();
}

const grid = (previews: readonly { node: string }[], node: string) =>
  previews.find((p) => p.node === node) as ImageGridPreview | undefined;

describe('previews of a class-conditioned generator', () => {
  it('lay out the samples one row per class when the picker cycles through all ten', async () => {
    const trainer = await Trainer.create(conditionalGraph(-1), NODE_REGISTRY, { tf, loadDataset });
    try {
      const full = await trainer.previews();
      const samples = grid(full, 'gOut');
      expect(samples?.rowClasses).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(samples?.columns).toBe(CLASS_ROW_COLUMNS);
      expect(samples?.count).toBe(10 * CLASS_ROW_COLUMNS);
      // The untrained generator draws the same image for the same class: each row is uniform.
      const size = 784;
      const first = samples?.pixels.subarray(0, size);
      const sameRow = samples?.pixels.subarray((CLASS_ROW_COLUMNS - 1) * size, CLASS_ROW_COLUMNS * size);
      const nextRow = samples?.pixels.subarray(CLASS_ROW_COLUMNS * size, (CLASS_ROW_COLUMNS + 1) * size);
      expect([...(sameRow ?? [])]).toEqual([...(first ?? [])]);
      expect([...(nextRow ?? [])]).not.toEqual([...(first ?? [])]);
      const real = grid(full, 'real');
      expect(real?.rowClasses).toBeUndefined();
      expect(real?.count).toBe(16);

      const data = new Map([
        ['mnist', { train: await loadDataset('mnist', 'train'), test: await loadDataset('mnist', 'test') }],
      ]);
      const before = tf.memory().numTensors;
      const quick = grid(await quickImagePreviews(trainer, tf, data, 16), 'gOut');
      expect(tf.memory().numTensors).toBe(before);
      expect(quick?.rowClasses).toEqual(samples?.rowClasses);
      expect(quick?.columns).toBe(CLASS_ROW_COLUMNS);
    } finally {
      trainer.dispose();
    }
  });

  it('show a single row when the picker asks for one class', async () => {
    const trainer = await Trainer.create(conditionalGraph(3), NODE_REGISTRY, { tf, loadDataset });
    try {
      const samples = grid(await trainer.previews(), 'gOut');
      expect(samples?.rowClasses).toEqual([3]);
      expect(samples?.count).toBe(CLASS_ROW_COLUMNS);
    } finally {
      trainer.dispose();
    }
  });
});
