// Vector and element-wise layers: dense, activation, dropout, batch norm, label embedding.

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  activationNode,
  batchNormNode,
  denseNode,
  dropoutNode,
  labelEmbeddingNode,
} from '../../nodes/layers';
import { ACTIVATION_FUNCTIONS, LAYER_ACTIVATIONS } from '../../nodes/layers-common';
import { tensorType } from '../../src/core/types/ports';
import {
  buildLayer,
  builtShape,
  combinations,
  expectedBuiltShape,
  img,
  inferError,
  labels,
  runInfer,
  seq,
  useCpu,
  vec,
} from './layer-harness';

const ANY_RANK = [vec(1), vec(30), seq(6, 4), img(5, 5, 3), tensorType([2, 3, 4, 5])];

beforeAll(useCpu);

describe('dense', () => {
  it('infers the shape tfjs computes for every units, activation and bias setting', () => {
    for (const input of [vec(1), vec(784)]) {
      for (const p of combinations({
        units: [1, 2, 64],
        activation: LAYER_ACTIVATIONS,
        useBias: [true, false],
      })) {
        expect(builtShape(denseNode, p, [input])).toEqual(expectedBuiltShape(denseNode, p, [input]));
      }
    }
  });

  it('has a gradient for every activation option, so each one trains', async () => {
    const x = tf.tensor2d([[-1.5, -0.2, 0.3, 2]]);
    for (const activation of LAYER_ACTIVATIONS) {
      const layer = buildLayer(denseNode, { units: 3, activation }, [vec(4)]);
      const grad = tf.grad((input: tf.Tensor) => (layer.apply(input) as tf.Tensor).square().sum())(x);
      const values = [...(await grad.data())];
      expect(values.every(Number.isFinite), activation).toBe(true);
      expect(
        values.some((v) => v !== 0),
        activation,
      ).toBe(true);
      grad.dispose();
    }
    x.dispose();
  });

  it('rejects an image with E_RANK naming the port, both types and the Flatten hint', () => {
    const issue = inferError(denseNode, {}, [img(28, 28, 1)]);
    expect(issue.code).toBe('E_RANK');
    expect(issue.port).toBe('in');
    expect(issue.message).toBe('input "in" expects vector [B,n], got image [B,28,28,1]');
    expect(issue.hint).toContain('Flatten');
  });

  it('rejects a sequence and labels', () => {
    expect(inferError(denseNode, {}, [seq(5, 3)]).message).toBe(
      'input "in" expects vector [B,n], got sequence [B,5,3]',
    );
    expect(inferError(denseNode, {}, [labels(10)]).code).toBe('E_WRONG_KIND');
  });

  it('leaves leaky ReLU to the Activation node, which tfjs offers only as its own layer', () => {
    const options = (denseNode.params.activation as { options: readonly string[] }).options;
    expect(options).not.toContain('leakyRelu');
    expect(options).toContain('gelu');
  });

  it('builds a layer without a bias weight when useBias is off', () => {
    const layer = buildLayer(denseNode, { units: 3, useBias: false }, [vec(4)]);
    layer.apply(tf.input({ shape: [4] }));
    expect(layer.getWeights().map((w) => w.shape)).toEqual([[4, 3]]);
  });
});

describe('activation', () => {
  it('keeps the shape for every function and every input rank, as tfjs does', () => {
    for (const input of ANY_RANK) {
      for (const fn of ACTIVATION_FUNCTIONS) {
        const p = { function: fn };
        expect(builtShape(activationNode, p, [input]), `${fn} ${JSON.stringify(input)}`).toEqual(
          expectedBuiltShape(activationNode, p, [input]),
        );
      }
    }
  });

  it('computes each function on real numbers (leaky ReLU with its alpha)', async () => {
    const x = tf.tensor2d([[-2, 0, 1]]);
    const expected: Record<string, number[]> = {
      relu: [0, 0, 1],
      leakyRelu: [-0.2, 0, 1],
      linear: [-2, 0, 1],
      sigmoid: [1 / (1 + Math.exp(2)), 0.5, 1 / (1 + Math.exp(-1))],
      tanh: [Math.tanh(-2), 0, Math.tanh(1)],
      gelu: [-0.0455, 0, 0.8413],
      elu: [Math.exp(-2) - 1, 0, 1],
    };
    for (const [fn, values] of Object.entries(expected)) {
      const layer = buildLayer(activationNode, { function: fn, alpha: 0.1 }, [vec(3)]);
      const y = layer.apply(x) as tf.Tensor;
      const got = [...(await y.data())];
      values.forEach((v, i) => expect(got[i], `${fn}[${i}]`).toBeCloseTo(v, 3));
      y.dispose();
    }
    const softmax = buildLayer(activationNode, { function: 'softmax' }, [vec(3)]).apply(x) as tf.Tensor;
    const sum = [...(await softmax.data())].reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 5);
    tf.dispose([x, softmax]);
  });

  it('rejects labels', () => {
    expect(inferError(activationNode, {}, [labels(3)]).message).toBe(
      'input "in" expects a tensor, got labels [B] of 3',
    );
  });
});

describe('dropout', () => {
  it('keeps the shape for every rate and input rank, as tfjs does', () => {
    for (const input of ANY_RANK) {
      for (const rate of [0, 0.3, 0.95]) {
        expect(builtShape(dropoutNode, { rate }, [input])).toEqual(
          expectedBuiltShape(dropoutNode, { rate }, [input]),
        );
      }
    }
  });

  it('drops values only when training', async () => {
    const layer = buildLayer(dropoutNode, { rate: 0.5 }, [vec(200)]);
    const x = tf.ones([1, 200]);
    const train = layer.apply(x, { training: true }) as tf.Tensor;
    const infer = layer.apply(x) as tf.Tensor;
    const zeros = [...(await train.data())].filter((v) => v === 0).length;
    expect(zeros).toBeGreaterThan(50);
    expect(zeros).toBeLessThan(150);
    expect([...(await infer.data())].every((v) => v === 1)).toBe(true);
    tf.dispose([x, train, infer]);
  });
});

describe('batch-norm', () => {
  it('keeps the shape for every input rank from vectors up, as tfjs does', () => {
    for (const input of ANY_RANK) {
      for (const p of combinations({ momentum: [0.9, 0.99], epsilon: [1e-5, 1e-3] })) {
        expect(builtShape(batchNormNode, p, [input])).toEqual(expectedBuiltShape(batchNormNode, p, [input]));
      }
    }
  });

  it('learns one scale and shift per channel of an image', () => {
    const layer = buildLayer(batchNormNode, {}, [img(4, 4, 6)]);
    layer.apply(tf.input({ shape: [4, 4, 6] }));
    expect(layer.getWeights().map((w) => w.shape)).toEqual([[6], [6], [6], [6]]);
  });

  it('rejects a scalar per sample, which has no feature axis', () => {
    const issue = inferError(batchNormNode, {}, [tensorType([])]);
    expect(issue.code).toBe('E_RANK');
    expect(issue.message).toBe('input "in" expects rank 1 or more, such as vector [B,n], got scalar [B]');
  });
});

describe('label-embedding', () => {
  it('infers a vector of the chosen size, as tfjs computes for int32 labels', () => {
    for (const classes of [2, 10, 100]) {
      for (const dim of [1, 16, 50]) {
        const inputs = [labels(classes)];
        expect(builtShape(labelEmbeddingNode, { dim }, inputs)).toEqual(
          expectedBuiltShape(labelEmbeddingNode, { dim }, inputs),
        );
        expect(runInfer(labelEmbeddingNode, { dim }, inputs).outputs?.out).toEqual(vec(dim));
      }
    }
  });

  it('sizes its vocabulary from the classes of the labels', () => {
    const layer = buildLayer(labelEmbeddingNode, { dim: 8 }, [labels(10)]);
    layer.apply(tf.input({ shape: [], dtype: 'int32' }));
    expect(layer.getWeights()[0]?.shape).toEqual([10, 8]);
  });

  it('looks up one row per label', async () => {
    const layer = buildLayer(labelEmbeddingNode, { dim: 4 }, [labels(3)]);
    const y = layer.apply(tf.tensor1d([2, 0, 2], 'int32')) as tf.Tensor;
    expect(y.shape).toEqual([3, 4]);
    const rows = (await y.array()) as number[][];
    expect(rows[0]).toEqual(rows[2]);
    expect(rows[0]).not.toEqual(rows[1]);
    y.dispose();
  });

  it('rejects a tensor input and an unconnected port', () => {
    const issue = inferError(labelEmbeddingNode, {}, [vec(10)]);
    expect(issue.code).toBe('E_WRONG_KIND');
    expect(issue.message).toBe('input "in" expects labels [B] of k classes, got vector [B,10]');
    expect(inferError(labelEmbeddingNode, {}, []).code).toBe('E_UNCONNECTED');
  });
});
