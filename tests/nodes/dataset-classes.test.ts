// A dataset source with a class filter reads only images of those classes, in training batches
// and in the fixed test passes behind previews and metrics; a bad class list is named on the node.

import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { datasetSource } from '../../nodes/sources';
import { balancedSubset, fixedBatch, parseClassList } from '../../src/core/data/datasets';
import { createRng } from '../../src/core/data/rng';
import { inferNode } from '../../src/core/infer/context';
import { Trainer } from '../../src/core/train/trainer';
import { loadDataset } from '../../scripts/lib/node-data';
import { GraphBuilder } from '../core/graph-builder';
import { syntheticDataset } from './synthetic-dataset';
import { tf, useCpu } from '../core/helpers';

beforeAll(useCpu);

describe('parseClassList', () => {
  it('reads class numbers separated by commas, sorted, and blank as every class', () => {
    expect(parseClassList('9, 5,7', 10)).toEqual({ classes: [5, 7, 9] });
    expect(parseClassList('  ', 10)).toEqual({ classes: undefined });
  });

  it('names an entry that is not a class number, a class that does not exist, and a repeat', () => {
    expect(parseClassList('5, shoe', 10)).toMatchObject({ problem: expect.stringContaining('"shoe"') });
    expect(parseClassList('5,,7', 10)).toMatchObject({ problem: expect.stringContaining('""') });
    expect(parseClassList('10', 10)).toMatchObject({ problem: expect.stringContaining('0 to 9') });
    expect(parseClassList('7, 7', 10)).toMatchObject({ problem: expect.stringContaining('twice') });
  });
});

describe('class-filtered selections', () => {
  const data = syntheticDataset(
    'fashion',
    Array.from({ length: 200 }, (_, i) => i % 10),
  );

  it('a share keeps only the listed classes, each in its share', () => {
    const picked = balancedSubset(data, 0.5, createRng(1), [5, 7, 9]);
    const labels = [...picked].map((i) => data.labels[i]);
    expect(new Set(labels)).toEqual(new Set([5, 7, 9]));
    expect(labels.filter((l) => l === 7)).toHaveLength(10);
  });

  it('a fixed preview batch cycles through the listed classes only', () => {
    expect([...fixedBatch(data, 6, [5, 7, 9]).labels]).toEqual([5, 7, 9, 5, 7, 9]);
  });

  it('a fixed batch of classes the split lacks is refused', () => {
    expect(() => fixedBatch(syntheticDataset('fashion', [0, 1]), 4, [5])).toThrow(
      /no image of the chosen classes/,
    );
  });
});

describe('dataset source with a class filter', () => {
  it('reports a bad class list as a param error naming the problem', () => {
    const result = inferNode(datasetSource, {
      nodeId: 'real',
      params: { dataset: 'fashion', classes: '5, 7, 12' },
      inputs: {},
    });
    expect(result.outputs).toBeNull();
    expect(result.issues[0]).toMatchObject({ code: 'E_BAD_PARAM', node: 'real' });
    expect(result.issues[0]?.message).toContain('classes');
    expect(result.issues[0]?.message).toContain('class 12 does not exist');
  });

  it('trains and previews on footwear only while an unfiltered source beside it sees every class', async () => {
    // Accuracy of a "classifier" that always answers 9 is the share of labels that are 9: 1 for a
    // source filtered to class 9, about 0.1 for the whole dataset.
    const doc = new GraphBuilder()
      .node('boots', 'source.dataset', { dataset: 'fashion', classes: '9' })
      .node('footwear', 'source.dataset', { dataset: 'fashion', classes: '5, 7, 9' })
      .node('all', 'source.dataset', { dataset: 'fashion' })
      .node('nine', 'source.class', { classes: 10, class: 9 })
      .node('nineHot', 'op.one-hot')
      .node('flatten', 'layer.flatten', {}, 'net')
      .node('dense', 'layer.dense', { units: 784, activation: 'sigmoid' }, 'net')
      .node('mse', 'loss.mse')
      .node('adam', 'optimizer.adam')
      .node('bootShare', 'metric.accuracy')
      .node('allShare', 'metric.accuracy')
      .network('net')
      .edge('footwear.images', 'flatten.in')
      .edge('flatten.out', 'dense.in')
      .edge('dense.out', 'mse.prediction')
      .edge('flatten.out', 'mse.target')
      .edge('mse.loss', 'adam.losses')
      .edge('nine.labels', 'nineHot.labels')
      .edge('nineHot.out', 'bootShare.scores')
      .edge('boots.labels', 'bootShare.labels')
      .edge('nineHot.out', 'allShare.scores')
      .edge('all.labels', 'allShare.labels')
      .build();
    const trainer = await Trainer.create(doc, NODE_REGISTRY, { tf, loadDataset, batchSize: 64 });
    try {
      for (let i = 0; i < 3; i++) {
        const { losses } = await trainer.step();
        expect(losses.bootShare).toBe(1);
        expect(losses.allShare).toBeLessThan(0.5);
      }
      const [footwear, all] = await trainer.evaluate(
        [
          { node: 'footwear', port: 'labels' },
          { node: 'all', port: 'labels' },
        ],
        30,
      );
      expect(new Set(footwear?.values)).toEqual(new Set([5, 7, 9]));
      expect(new Set(all?.values).size).toBe(10);
    } finally {
      trainer.dispose();
    }
  });
});
