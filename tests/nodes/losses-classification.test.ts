// Categorical cross-entropy: inferred types and errors, and values and gradients worked out by hand.

import { beforeAll, describe, expect, it } from 'vitest';
import { categoricalCrossEntropyLoss as crossEntropy } from '../../nodes/losses';
import { inferNode } from '../../src/core/infer/context';
import { labelsType, tensorType, type PortType } from '../../src/core/types/ports';
import { fakeRunContext, lossValue, tf, useCpu, withoutLeaks } from './run-harness';

beforeAll(useCpu);

const infer = (inputs: Record<string, PortType[]>) =>
  inferNode(crossEntropy, { nodeId: 'ce', params: {}, inputs });

describe('categorical cross-entropy inference', () => {
  it('takes one score per class and the labels, and gives a loss', () => {
    const result = infer({ scores: [tensorType([10])], labels: [labelsType(10)] });
    expect(result.issues).toEqual([]);
    expect(result.outputs).toEqual({ loss: { kind: 'loss' } });
  });

  it('rejects scores whose length is not the number of classes, saying which Dense ends the classifier', () => {
    const result = infer({ scores: [tensorType([64])], labels: [labelsType(10)] });
    expect(result.outputs).toBeNull();
    expect(result.issues[0]).toMatchObject({ code: 'E_SHAPE_MISMATCH', port: 'scores' });
    expect(result.issues[0]?.message).toContain('Dense(10)');
    expect(result.issues[0]?.message).toContain('vector [B,64]');
  });

  it('rejects images as scores and a tensor on the labels port', () => {
    const images = infer({ scores: [tensorType([28, 28, 1])], labels: [labelsType(10)] });
    expect(images.issues[0]).toMatchObject({ port: 'scores' });
    const tensorLabels = infer({ scores: [tensorType([10])], labels: [tensorType([10])] });
    expect(tensorLabels.outputs).toBeNull();
    expect(tensorLabels.issues[0]).toMatchObject({ port: 'labels' });
  });
});

describe('categorical cross-entropy values', () => {
  it('from logits is the mean of log-sum-exp minus the true class score', async () => {
    // Row 0: log(e^1 + e^2 + e^3) - 3 = log(1 + e^-1 + e^-2) = 0.407606; row 1: log 3 = 1.098612.
    const byHand = (Math.log(1 + Math.exp(-1) + Math.exp(-2)) + Math.log(3)) / 2;
    expect(byHand).toBeCloseTo(0.753109, 5);
    await withoutLeaks(async () => {
      const scores = tf.tensor2d([
        [1, 2, 3],
        [0, 0, 0],
      ]);
      const labels = tf.tensor1d([2, 1], 'int32');
      const value = await lossValue(crossEntropy, { inputs: { scores, labels }, classes: 3 });
      expect(value).toBeCloseTo(byHand, 5);
      tf.dispose([scores, labels]);
    });
  });

  it('from probabilities is minus the mean log of the true class probability', async () => {
    await withoutLeaks(async () => {
      const scores = tf.tensor2d([
        [0.2, 0.8],
        [0.6, 0.4],
      ]);
      const labels = tf.tensor1d([1, 1], 'int32');
      const value = await lossValue(crossEntropy, {
        inputs: { scores, labels },
        params: { from: 'probabilities' },
        classes: 2,
      });
      expect(value).toBeCloseTo(-(Math.log(0.8) + Math.log(0.4)) / 2, 5);
      tf.dispose([scores, labels]);
    });
  });

  it('is ln C for equal scores and near 0 for a confident right answer', async () => {
    await withoutLeaks(async () => {
      const labels = tf.tensor1d([3], 'int32');
      const flat = tf.zeros([1, 10]);
      const sure = tf.tidy(() => tf.oneHot(labels, 10).mul(30));
      expect(await lossValue(crossEntropy, { inputs: { scores: flat, labels } })).toBeCloseTo(
        Math.log(10),
        5,
      );
      expect(await lossValue(crossEntropy, { inputs: { scores: sure, labels } })).toBeLessThan(1e-6);
      tf.dispose([labels, flat, sure]);
    });
  });

  it('has the gradient (softmax - one-hot) / B with respect to the logits', async () => {
    await withoutLeaks(async () => {
      const scores = tf.tensor2d([
        [1, 2, 3],
        [0, 0, 0],
      ]);
      const labels = tf.tensor1d([2, 1], 'int32');
      const grad = tf.grad((s: tf.Tensor) => {
        const build = crossEntropy.build;
        if (build.role !== 'loss') throw new Error('not a loss');
        return build.run(fakeRunContext(crossEntropy, { inputs: { scores: s, labels }, classes: 3 }));
      })(scores);
      const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
      const expected = [
        Math.exp(1) / z / 2,
        Math.exp(2) / z / 2,
        (Math.exp(3) / z - 1) / 2,
        1 / 6,
        (1 / 3 - 1) / 2,
        1 / 6,
      ];
      const got = Array.from(await grad.data());
      got.forEach((g, i) => expect(g).toBeCloseTo(expected[i] ?? NaN, 5));
      tf.dispose([scores, labels, grad]);
    });
  });
});
