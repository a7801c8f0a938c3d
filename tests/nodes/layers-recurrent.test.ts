// Sequence layers: LSTM, GRU and dense-per-step against tfjs, and their rank errors.

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gruNode, lstmNode, timeDistributedDenseNode } from '../../nodes/layers';
import { LAYER_ACTIVATIONS } from '../../nodes/layers-common';
import {
  buildLayer,
  builtShape,
  combinations,
  expectedBuiltShape,
  img,
  inferError,
  runInfer,
  seq,
  useCpu,
  vec,
} from './layer-harness';

const SEQUENCES = [seq(1, 1), seq(12, 5), seq(28, 28)];

beforeAll(useCpu);

for (const def of [lstmNode, gruNode]) {
  describe(def.type, () => {
    it('infers the shape tfjs computes for every length, units and output choice', () => {
      for (const input of SEQUENCES) {
        for (const p of combinations({ units: [1, 16], returnSequences: [true, false] })) {
          expect(builtShape(def, p, [input]), JSON.stringify([input, p])).toEqual(
            expectedBuiltShape(def, p, [input]),
          );
        }
      }
    });

    it('returns the whole sequence or only the last output', () => {
      expect(runInfer(def, { units: 32, returnSequences: true }, [seq(10, 3)]).outputs?.out).toEqual(
        seq(10, 32),
      );
      expect(runInfer(def, { units: 32, returnSequences: false }, [seq(10, 3)]).outputs?.out).toEqual(
        vec(32),
      );
    });

    it('rejects a vector and an image, naming the port and both types', () => {
      expect(inferError(def, {}, [vec(10)]).message).toBe(
        'input "in" expects sequence [B,t,n], got vector [B,10]',
      );
      const issue = inferError(def, {}, [img(28, 28, 1)]);
      expect(issue.code).toBe('E_RANK');
      expect(issue.message).toBe('input "in" expects sequence [B,t,n], got image [B,28,28,1]');
    });
  });
}

describe('time-distributed-dense', () => {
  it('infers the shape tfjs computes for every length, units and activation', () => {
    for (const input of SEQUENCES) {
      for (const p of combinations({ units: [1, 7], activation: LAYER_ACTIVATIONS })) {
        expect(builtShape(timeDistributedDenseNode, p, [input])).toEqual(
          expectedBuiltShape(timeDistributedDenseNode, p, [input]),
        );
      }
    }
  });

  it('applies the same weights at every step', async () => {
    const layer = buildLayer(timeDistributedDenseNode, { units: 2 }, [seq(3, 4)]);
    const step = [0.5, -1, 2, 0.25];
    const x = tf.tensor3d([[step, step, step]]);
    const y = layer.apply(x) as tf.Tensor;
    const [rows = []] = (await y.array()) as number[][][];
    expect(rows[1]).toEqual(rows[0]);
    expect(rows[2]).toEqual(rows[0]);
    tf.dispose([x, y]);
  });

  it('rejects a vector', () => {
    const issue = inferError(timeDistributedDenseNode, {}, [vec(10)]);
    expect(issue.code).toBe('E_RANK');
    expect(issue.message).toBe('input "in" expects sequence [B,t,n], got vector [B,10]');
  });
});

describe('recurrent forward pass', () => {
  it('runs an LSTM and a GRU on real data to finite outputs of the inferred shape', async () => {
    for (const def of [lstmNode, gruNode]) {
      const layer = buildLayer(def, { units: 8, returnSequences: true }, [seq(5, 3)]);
      const x = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 3);
      const y = layer.apply(x) as tf.Tensor;
      const out = runInfer(def, { units: 8, returnSequences: true }, [seq(5, 3)]).outputs?.out;
      expect(out?.kind === 'tensor' && [2, ...out.shape]).toEqual(y.shape);
      expect([...(await y.data())].every(Number.isFinite)).toBe(true);
      tf.dispose([x, y]);
    }
  });
});

describe('LSTM gates', () => {
  it('squash with the logistic sigmoid, as in Keras and PyTorch (tfjs would use a hard sigmoid)', async () => {
    const units = 3;
    const layer = buildLayer(lstmNode, { units, returnSequences: false }, [seq(1, 2)]);
    const x = tf.tensor3d([[[1.5, -2]]]);
    const h = layer.apply(x) as tf.Tensor;
    const [kernel, , bias] = await Promise.all(layer.getWeights().map((w) => w.data()));
    // One step from a zero state: z = x W + b in the gate order input, forget, cell, output.
    const z = (gate: number, u: number): number => {
      const col = gate * units + u;
      return 1.5 * (kernel?.[col] ?? 0) - 2 * (kernel?.[4 * units + col] ?? 0) + (bias?.[col] ?? 0);
    };
    const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));
    const expected = Array.from({ length: units }, (_, u) => {
      const cell = sigmoid(z(0, u)) * Math.tanh(z(2, u));
      return sigmoid(z(3, u)) * Math.tanh(cell);
    });
    const got = [...(await h.data())];
    got.forEach((v, u) => expect(v).toBeCloseTo(expected[u] ?? NaN, 5));
    tf.dispose([x, h]);
  });
});
