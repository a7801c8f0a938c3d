// Metric nodes: what they accept, the values they measure, and how the trainer reports them
// beside the losses without training on them.

import { beforeAll, describe, expect, it } from 'vitest';
import { inferNode } from '../../src/core/infer/context';
import { labelsType, tensorType, type PortType } from '../../src/core/types/ports';
import { accuracyMetric, meanMetric } from '../../nodes/metrics';
import type { AnyNodeDefinition } from '../../src/core/types/definition';
import { Trainer } from '../../src/core/train/trainer';
import { NODE_REGISTRY } from '../../nodes';
import { loadDataset } from '../../scripts/lib/node-data';
import { tinyAutoencoder } from '../core/graph-builder';
import { preset } from '../core/helpers';
import { lossValue, tf, useCpu, withoutLeaks } from './run-harness';

beforeAll(useCpu);

const infer = (def: AnyNodeDefinition, inputs: Record<string, PortType[]>) =>
  inferNode(def, { nodeId: 'metric', params: {}, inputs });

describe('metric inference', () => {
  it('accepts any tensor for the mean and has no outputs', () => {
    const result = infer(meanMetric, { in: [tensorType([1])] });
    expect(result.issues).toEqual([]);
    expect(result.outputs).toEqual({});
  });

  it('refuses class scores whose width is not the number of classes, naming both', () => {
    const result = infer(accuracyMetric, { scores: [tensorType([8])], labels: [labelsType(10)] });
    expect(result.outputs).toBeNull();
    expect(result.issues[0]?.code).toBe('E_SHAPE_MISMATCH');
    expect(result.issues[0]?.message).toContain('Dense(10)');
    expect(result.issues[0]?.message).toContain('vector [B,8]');
    expect(infer(accuracyMetric, { scores: [tensorType([10])], labels: [labelsType(10)] }).issues).toEqual(
      [],
    );
  });
});

describe('metric values', () => {
  it('averages a tensor, through a sigmoid when asked', async () => {
    await withoutLeaks(async () => {
      const scores = tf.tensor2d([[0], [2], [-2], [4]]);
      expect(await lossValue(meanMetric, { inputs: { in: scores } })).toBeCloseTo(1, 6);
      const sig = (x: number) => 1 / (1 + Math.exp(-x));
      const expected = (sig(0) + sig(2) + sig(-2) + sig(4)) / 4;
      expect(
        await lossValue(meanMetric, { inputs: { in: scores }, params: { squash: 'sigmoid' } }),
      ).toBeCloseTo(expected, 6);
      scores.dispose();
    });
  });

  it('counts the samples whose highest score is their label', async () => {
    await withoutLeaks(async () => {
      const scores = tf.tensor2d([
        [0.1, 2, 0.3],
        [5, 1, 1],
        [0, 0, 9],
        [1, 3, 2],
      ]);
      const labels = tf.tensor1d([1, 0, 1, 2], 'int32');
      expect(await lossValue(accuracyMetric, { inputs: { scores, labels }, classes: 3 })).toBeCloseTo(0.5, 6);
      tf.dispose([scores, labels]);
    });
  });
});

describe('metrics in training', () => {
  it('reports D(real) and D(fake) each iteration from the discriminator phase, leaking nothing', async () => {
    // The preset carries two mean-value nodes on the discriminator's scores: dReal and dFakeMean.
    const doc = preset('gan-ring');
    expect(doc.nodes.filter((n) => n.type === 'metric.mean').map((n) => n.id)).toEqual([
      'dReal',
      'dFakeMean',
    ]);
    const trainer = await Trainer.create(doc, NODE_REGISTRY, { tf, loadDataset, batchSize: 64 });
    await trainer.step();
    const before = tf.memory().numTensors;
    let last: Readonly<Record<string, number>> = {};
    for (let i = 0; i < 30; i++) last = (await trainer.step()).losses;
    expect(tf.memory().numTensors).toBe(before);
    const real = last.dReal ?? NaN;
    const fake = last.dFakeMean ?? NaN;
    expect(real).toBeGreaterThan(0);
    expect(real).toBeLessThan(1);
    expect(fake).toBeGreaterThan(0);
    // After a few dozen discriminator steps D tells the ring from the untrained generator's points.
    expect(real).toBeGreaterThan(fake);
    expect(Object.keys(last).sort()).toEqual(['dFakeMean', 'dLoss', 'dReal', 'gLoss']);
    trainer.dispose();
  });

  it('measures a metric whose inputs no loss needs, without training on it', async () => {
    const doc = tinyAutoencoder()
      .node('labels', 'source.toy', { distribution: 'ring8' })
      .node('head', 'layer.dense', { units: 8, activation: 'linear' })
      .node('acc', 'metric.accuracy')
      .edge('labels.points', 'head.in')
      .edge('head.out', 'acc.scores')
      .edge('labels.labels', 'acc.labels')
      .build();
    const trainer = await Trainer.create(doc, NODE_REGISTRY, { tf, loadDataset, batchSize: 32 });
    const head = trainer.program.networks.get(trainer.program.types.networkOf.get('head') ?? '');
    const w0 = await head?.model.getWeights()[0]?.data();
    const { losses } = await trainer.step();
    expect(losses.acc).toBeGreaterThanOrEqual(0);
    expect(losses.acc).toBeLessThanOrEqual(1);
    expect(Array.from((await head?.model.getWeights()[0]?.data()) ?? [])).toEqual(Array.from(w0 ?? []));
    trainer.dispose();
  });
});
