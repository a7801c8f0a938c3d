// Sample metrics (FID, Inception Score, class shares): measured by a classifier on a fixed set of
// samples, due at the start, every `every` iterations and at the end of a run, and a missing
// classifier turns into a note on the node while training goes on.
import * as tfjs from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { classSharesMetric, fidMetric } from '../../nodes/sample-metrics';
import { inferGraph } from '../../src/core/infer';
import { inferNode } from '../../src/core/infer/context';
import { tensorType } from '../../src/core/types/ports';
import { loadDataset } from '../../scripts/lib/node-data';
import { buildClassifier } from '../../src/core/metrics/classifier';
import { classShares, effectiveClasses } from '../../src/core/metrics/class-shares';
import {
  ClassifierMissingError,
  SampleMetrics,
  sampleMetricPlans,
} from '../../src/core/train/sample-metrics';
import { Trainer } from '../../src/core/train/trainer';
import { expectOk, recordedSession } from '../worker/session-harness';
import { GraphBuilder } from './graph-builder';
import { tf, useCpu } from './helpers';

/** An untrained generator (noise -> dense 784, sigmoid) and real MNIST test images, each measured. */
function graph(every = 5) {
  const metric = { dataset: 'mnist', samples: 200, every };
  return new GraphBuilder()
    .node('noise', 'source.noise', { dim: 8 })
    .node('gen', 'layer.dense', { units: 784, activation: 'sigmoid' })
    .node('real', 'source.dataset', { dataset: 'mnist' })
    .node('fidFake', 'metric.fid', metric)
    .node('fidReal', 'metric.fid', metric)
    .node('is', 'metric.inception-score', metric)
    .node('shares', 'metric.class-shares', metric)
    .node('mse', 'loss.mse')
    .node('adam', 'optimizer.adam')
    .edge('noise.out', 'gen.in')
    .edge('gen.out', 'fidFake.images')
    .edge('real.images', 'fidReal.images')
    .edge('gen.out', 'is.images')
    .edge('gen.out', 'shares.images')
    .edge('gen.out', 'mse.prediction')
    .edge('gen.out', 'mse.target')
    .edge('mse.loss', 'adam.losses')
    .build();
}

const classifier = async () => buildClassifier(tfjs, 10, 7);
const missing = async (name: 'mnist' | 'fashion') => {
  throw new ClassifierMissingError(name);
};

describe('class shares', () => {
  it('counts each sample in its most probable class', () => {
    const probabilities = [0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.2, 0.5, 0.3, 0.6, 0.3, 0.1];
    expect(classShares(probabilities, 4, 3)).toEqual([0.5, 0.5, 0]);
  });

  it('reads an even spread as every class in use and a collapse as one', () => {
    expect(effectiveClasses(new Array(10).fill(0.1))).toBeCloseTo(10, 10);
    expect(effectiveClasses([1, 0, 0, 0])).toBe(1);
    expect(effectiveClasses([0.5, 0.5, 0, 0])).toBeCloseTo(2, 10);
  });
});

describe('sample metric inference', () => {
  const infer = (shape: number[]) =>
    inferNode(fidMetric, { nodeId: 'fid', params: {}, inputs: { images: [tensorType(shape)] } });

  it('takes 28x28 images as [B,28,28,1] or [B,784] and has no outputs', () => {
    expect(infer([28, 28, 1]).issues).toEqual([]);
    expect(infer([784]).outputs).toEqual({});
  });

  it('refuses other shapes, saying what the classifier reads', () => {
    const result = infer([32, 32, 3]);
    expect(result.outputs).toBeNull();
    expect(result.issues[0]?.code).toBe('E_SHAPE_MISMATCH');
    expect(result.issues[0]?.message).toContain('[B,28,28,1]');
    expect(
      inferNode(classSharesMetric, { nodeId: 's', params: {}, inputs: { images: [tensorType([10])] } })
        .issues[0]?.code,
    ).toBe('E_SHAPE_MISMATCH');
  });
});

describe('sample metric dataset check', () => {
  const warnings = (dataset: string, metricDataset: string) =>
    inferGraph(
      new GraphBuilder()
        .node('noise', 'source.noise', { dim: 8 })
        .node('gen', 'layer.dense', { units: 784, activation: 'sigmoid' })
        .node('real', 'source.dataset', { dataset })
        .node('fid', 'metric.fid', { dataset: metricDataset })
        .node('mse', 'loss.mse')
        .node('adam', 'optimizer.adam')
        .edge('noise.out', 'gen.in')
        .edge('gen.out', 'fid.images')
        .edge('gen.out', 'mse.prediction')
        .edge('real.images', 'mse.target')
        .edge('mse.loss', 'adam.losses')
        .build(),
      NODE_REGISTRY,
    ).issues.filter((i) => i.code === 'W_CLASSIFIER_DATASET');

  it("warns on the metric's dataset param when its classifier is for data the graph does not read", () => {
    const [warning, ...rest] = warnings('fashion', 'mnist');
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({ node: 'fid', param: 'dataset', severity: 'warning' });
    expect(warning?.message).toBe(
      "the samples are judged by the mnist classifier, but the graph's data is fashion",
    );
    expect(warnings('fashion', 'fashion')).toEqual([]);
    expect(warnings('mnist', 'mnist')).toEqual([]);
  });
});

describe('sample metrics', () => {
  beforeAll(useCpu);

  it('finds each sample metric with the output it measures', async () => {
    const trainer = await Trainer.create(graph(), NODE_REGISTRY, { tf, loadDataset, batchSize: 8 });
    const plans = sampleMetricPlans(trainer.program);
    expect(plans.map((p) => [p.node, p.input.node, p.dataset, p.samples, p.every])).toEqual([
      ['fidFake', 'gen', 'mnist', 200, 5],
      ['fidReal', 'real', 'mnist', 200, 5],
      ['is', 'gen', 'mnist', 200, 5],
      ['shares', 'gen', 'mnist', 200, 5],
    ]);
    expect(trainer.viewNodes()).toEqual(['fidFake', 'fidReal', 'is', 'shares']);
    trainer.dispose();
  });

  it('measures FID, IS and class shares; real test images are far nearer the reference than noise', async () => {
    const trainer = await Trainer.create(graph(), NODE_REGISTRY, { tf, loadDataset, batchSize: 8 });
    const metrics = new SampleMetrics(tf, classifier, loadDataset);
    const count = tf.memory().numTensors;
    const results = await metrics.measure(trainer, metrics.due(trainer.program, 0));
    const { fidFake, fidReal, is, shares } = results.values;
    expect(results.notes).toEqual({ fidFake: '', fidReal: '', is: '', shares: '' });
    expect(fidReal).toBeGreaterThanOrEqual(0);
    expect(fidFake).toBeGreaterThan(10 * (fidReal ?? Infinity));
    expect(is).toBeGreaterThanOrEqual(1);
    expect(is).toBeLessThanOrEqual(10);
    expect(shares).toBeGreaterThanOrEqual(1);
    expect(shares).toBeLessThanOrEqual(10);
    const [histogram] = results.previews;
    expect(histogram?.node).toBe('shares');
    expect(histogram?.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(histogram?.classNames).toHaveLength(10);
    expect(effectiveClasses(histogram?.shares ?? [])).toBeCloseTo(shares ?? NaN, 10);
    // The classifier stays loaded for the next measurement; nothing else is left behind.
    const again = await metrics.measure(trainer, metrics.due(trainer.program, 5));
    expect(again.values.fidFake).toBeCloseTo(fidFake ?? NaN, 6);
    metrics.dispose();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(tf.memory().numTensors).toBe(count);
    trainer.dispose();
  });

  it('is due at the start, every `every` iterations after, and at the end of a run', async () => {
    const trainer = await Trainer.create(graph(10), NODE_REGISTRY, { tf, loadDataset, batchSize: 8 });
    const metrics = new SampleMetrics(tf, missing, loadDataset);
    const due = (iteration: number, final = false) => {
      trainer.iteration = iteration;
      return metrics.due(trainer.program, iteration, final).length;
    };
    expect(due(1)).toBe(4);
    await metrics.measure(trainer, metrics.due(trainer.program, 1));
    expect(due(10)).toBe(0);
    expect(due(11)).toBe(4);
    expect(due(7, true)).toBe(4);
    expect(due(1, true)).toBe(0);
    metrics.forgetRun();
    expect(due(2)).toBe(4);
    trainer.dispose();
  });

  it('says "run npm run classifiers" on each node when the classifier is missing, and measures nothing', async () => {
    const trainer = await Trainer.create(graph(), NODE_REGISTRY, { tf, loadDataset, batchSize: 8 });
    const metrics = new SampleMetrics(tf, missing, loadDataset);
    const results = await metrics.measure(trainer, metrics.due(trainer.program, 0));
    expect(results.values).toEqual({});
    expect(results.previews).toEqual([]);
    for (const node of ['fidFake', 'fidReal', 'is', 'shares']) {
      expect(results.notes[node]).toContain('npm run classifiers');
      expect(results.notes[node]).toContain('MNIST digits classifier');
    }
    trainer.dispose();
  });

  it('keeps training when the classifier is missing, and the frames carry the note', async () => {
    const { session, frames } = await recordedSession({ loadClassifier: missing });
    expectOk(await session.load(graph()));
    const stepped = expectOk(await session.step(3));
    expect(stepped.iteration).toBe(3);
    const noted = frames.find((f) => f.notes?.fidFake);
    expect(noted?.notes?.fidFake).toContain('npm run classifiers');
    expect(frames.some((f) => f.error)).toBe(false);
    await session.dispose();
  });

  it('charts the measured figures from a session at the iterations they were measured', async () => {
    const { session, frames } = await recordedSession({ loadClassifier: classifier });
    expectOk(await session.load(graph(2)));
    expectOk(await session.step(5));
    const measured = frames
      .flatMap((f) => f.history)
      .filter((point) => point.losses.fidFake !== undefined)
      .map((point) => point.iteration);
    // First at iteration 1, then every 2, and once more where the steps end.
    expect(measured).toEqual([1, 3, 5]);
    const shares = frames.flatMap((f) => f.previews).filter((p) => p.kind === 'class-shares');
    expect(shares.length).toBeGreaterThan(0);
    expect(shares[0]?.node).toBe('shares');
    await session.dispose();
  });
});
