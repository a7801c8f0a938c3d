// The LSTM layer's hand-written pass (nodes/lstm-sequence.ts) and wasm's one-kernel cell
// (src/core/train/lstm-cell.ts): the same outputs and gradients as tfjs's own LSTM, on cpu (the
// cell in tfjs ops) and wasm (the cell kernels), and nothing left behind.

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withHandWrittenPass } from '../../nodes/lstm-sequence';
import { releaseBackend, useBackend } from '../../scripts/lib/backends';
import { LSTM_CELL, lstmCellBackward, lstmCellForward } from '../../src/core/train/lstm-cell';
import { expectNothingLeftOnWasm } from './wasm-memory';

const UNITS = 5;

function lstm(returnSequences: boolean, handWritten: boolean): tf.layers.RNN {
  const layer = tf.layers.lstm({
    units: UNITS,
    returnSequences,
    recurrentActivation: 'sigmoid',
    unitForgetBias: true,
    kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    recurrentInitializer: tf.initializers.glorotUniform({ seed: 2 }),
  });
  return handWritten ? withHandWrittenPass(tf, layer) : layer;
}

/** Both layers built on `x`, with the same weights (a random bias too, so every gate is tested). */
function pair(returnSequences: boolean, x: tf.Tensor) {
  const own = lstm(returnSequences, false);
  const ours = lstm(returnSequences, true);
  own.apply(x);
  ours.apply(x);
  const weights = own
    .getWeights()
    .map((w, i) => tf.add(w, tf.randomNormal(w.shape, 0, 0.3, 'float32', 7 + i)));
  own.setWeights(weights);
  ours.setWeights(weights);
  tf.dispose(weights);
  return { own, ours };
}

/** Output, then gradients of a weighted sum of it for x and each weight, as plain numbers. */
async function outputAndGradients(layer: tf.layers.RNN, x: tf.Tensor, mix: tf.Tensor): Promise<number[][]> {
  const variables = layer.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
  const loss = (input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input) as tf.Tensor, mix)) as tf.Scalar;
  const out = layer.apply(x) as tf.Tensor;
  const [dx] = tf.grads((input: tf.Tensor) => loss(input))([x]);
  const { value, grads } = tf.variableGrads(() => loss(x), variables);
  const all = [out, dx as tf.Tensor, ...variables.map((v) => grads[v.name] as tf.Tensor)];
  const numbers = await Promise.all(all.map(async (t) => [...(await t.data())]));
  tf.dispose([...all, value]);
  return numbers;
}

function expectClose(actual: number[][], expected: number[][], tolerance: number): void {
  expect(actual.map((a) => a.length)).toEqual(expected.map((e) => e.length));
  actual.forEach((a, k) => {
    const worst = Math.max(...a.map((v, i) => Math.abs(v - (expected[k]?.[i] ?? NaN))));
    expect(worst, `tensor ${k}`).toBeLessThan(tolerance);
  });
}

describe('the LSTM cell on numbers', () => {
  const rows = 2;
  const units = 3;
  const z = Float32Array.from({ length: rows * 4 * units }, (_, i) => Math.sin(i * 1.7) * 2);
  const c = Float32Array.from({ length: rows * units }, (_, i) => Math.cos(i * 0.9));
  const forward = (zIn: Float32Array, cIn: Float32Array) => {
    const out = {
      h: new Float32Array(rows * units),
      c: new Float32Array(rows * units),
      act: new Float32Array(rows * 5 * units),
    };
    lstmCellForward(zIn, null, cIn, out.h, out.c, out.act, rows, units);
    return out;
  };

  it('computes h and c from the gate formulas', () => {
    const { h, c: next } = forward(z, c);
    const s = (v: number) => 1 / (1 + Math.exp(-v));
    const at = (r: number, gate: number, u: number) => z[r * 4 * units + gate * units + u] ?? NaN;
    const cNew = s(at(1, 1, 2)) * (c[5] ?? NaN) + s(at(1, 0, 2)) * Math.tanh(at(1, 2, 2));
    expect(next[5]).toBeCloseTo(cNew, 6);
    expect(h[5]).toBeCloseTo(s(at(1, 3, 2)) * Math.tanh(cNew), 6);
  });

  it('adds the recurrent part zh to z', () => {
    const half = z.map((v) => v / 2);
    const split = {
      h: new Float32Array(rows * units),
      c: new Float32Array(rows * units),
      act: new Float32Array(rows * 5 * units),
    };
    lstmCellForward(half, half, c, split.h, split.c, split.act, rows, units);
    const whole = forward(z, c);
    [...whole.h].forEach((v, i) => expect(split.h[i]).toBeCloseTo(v, 6));
  });

  it('has the gradient of its outputs, by finite differences', () => {
    // Loss: sum of wh * h + wc * c over the step's outputs.
    const wh = Float32Array.from({ length: rows * units }, (_, i) => 0.5 - (i % 3) * 0.4);
    const wc = Float32Array.from({ length: rows * units }, (_, i) => 0.2 + (i % 2) * 0.3);
    const loss = (zIn: Float32Array, cIn: Float32Array) => {
      const { h, c: next } = forward(zIn, cIn);
      return h.reduce((sum, v, i) => sum + v * (wh[i] ?? 0) + (next[i] ?? 0) * (wc[i] ?? 0), 0);
    };
    const { act } = forward(z, c);
    const dz = new Float32Array(z.length);
    const dcPrev = new Float32Array(c.length);
    lstmCellBackward(wh, null, wc, act, c, dz, dcPrev, rows, units);
    const eps = 1e-2;
    const numeric = (values: Float32Array, i: number, f: (v: Float32Array) => number) => {
      const up = Float32Array.from(values);
      const down = Float32Array.from(values);
      up[i] = (up[i] ?? 0) + eps;
      down[i] = (down[i] ?? 0) - eps;
      return (f(up) - f(down)) / (2 * eps);
    };
    z.forEach((_, i) =>
      expect(dz[i]).toBeCloseTo(
        numeric(z, i, (v) => loss(v, c)),
        3,
      ),
    );
    c.forEach((_, i) =>
      expect(dcPrev[i]).toBeCloseTo(
        numeric(c, i, (v) => loss(z, v)),
        3,
      ),
    );
  });
});

describe.each(['cpu', 'wasm'])('the hand-written LSTM pass on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend as 'cpu' | 'wasm');
  });
  afterAll(() => releaseBackend());

  it.each([
    { returnSequences: false, steps: 6 },
    { returnSequences: true, steps: 6 },
    { returnSequences: true, steps: 2 },
  ])('matches tfjs own LSTM, output and gradients: %o', async ({ returnSequences, steps }) => {
    const x = tf.randomNormal([4, steps, 3], 0, 1, 'float32', 3);
    const mix = tf.randomNormal(returnSequences ? [4, steps, UNITS] : [4, UNITS], 0, 1, 'float32', 4);
    const { own, ours } = pair(returnSequences, x);
    expectClose(await outputAndGradients(ours, x, mix), await outputAndGradients(own, x, mix), 1e-5);
    tf.dispose([x, mix]);
  });

  it('takes one-step sequences, whose gradient tfjs own LSTM cannot take', async () => {
    const x = tf.randomNormal([4, 1, 3], 0, 1, 'float32', 6);
    const mix = tf.randomNormal([4, 1, UNITS], 0, 1, 'float32', 8);
    const { own, ours } = pair(true, x);
    const [out, dx, dKernel, dRecurrent, dBias] = await outputAndGradients(ours, x, mix);
    const expected = own.apply(x) as tf.Tensor;
    expectClose([out ?? []], [[...(await expected.data())]], 1e-6);
    // Nothing went through the recurrent weights; everything else got a gradient.
    expect(dRecurrent?.every((v) => v === 0)).toBe(true);
    for (const g of [dx, dKernel, dBias]) expect(g?.some((v) => v !== 0)).toBe(true);
    tf.dispose([x, mix, expected]);
  });

  it(`runs the cell ${backend === 'wasm' ? 'as one kernel' : 'in tfjs ops'}`, async () => {
    const x = tf.randomNormal([2, 4, 3]);
    const layer = lstm(false, true);
    const { kernels } = await tf.profile(() => layer.apply(x) as tf.Tensor);
    const cells = kernels.filter((k) => k.name === LSTM_CELL).length;
    expect(cells).toBe(backend === 'wasm' ? 4 : 0);
    tf.dispose(x);
  });

  it('differentiates its gradient again (a gradient penalty) like tfjs own LSTM', async () => {
    const x = tf.randomNormal([3, 4, 3], 0, 1, 'float32', 5);
    const { own, ours } = pair(false, x);
    const penalty = (layer: tf.layers.RNN) => {
      const variables = layer.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
      const { grads } = tf.variableGrads(() => {
        const [dx] = tf.grads((input: tf.Tensor) => tf.sum(layer.apply(input) as tf.Tensor))([x]);
        return tf.sum(tf.square(dx as tf.Tensor)) as tf.Scalar;
      }, variables);
      return variables.map((v) => grads[v.name] as tf.Tensor);
    };
    const read = (ts: tf.Tensor[]) => Promise.all(ts.map(async (t) => [...(await t.data())]));
    expectClose(await read(penalty(ours)), await read(penalty(own)), 1e-5);
    x.dispose();
  });
});

describe('a model with the hand-written LSTM pass', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });
  afterAll(() => releaseBackend());

  it('saves as a plain tfjs LSTM that loads back and gives the same outputs', async () => {
    const input = tf.input({ shape: [6, 3] });
    const output = lstm(true, true).apply(input) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: output });
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    expect(JSON.stringify(saved?.modelTopology)).toContain('"class_name":"LSTM"');
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved as tf.io.ModelArtifacts));
    const x = tf.randomNormal([2, 6, 3], 0, 1, 'float32', 11);
    const [ours, theirs] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expectClose([[...(await ours.data())]], [[...(await theirs.data())]], 1e-6);
    tf.dispose([x, ours, theirs]);
  });
});

describe('the hand-written LSTM pass on wasm, in a training step', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });
  afterAll(() => releaseBackend());

  it('leaves as many buffers and tensors behind as before', async () => {
    const x = tf.randomNormal([4, 5, 3]);
    const layer = lstm(true, true);
    layer.apply(x);
    const variables = layer.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
    await expectNothingLeftOnWasm(3, () => {
      const { value, grads } = tf.variableGrads(
        () => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar,
        variables,
      );
      tf.dispose([value, ...Object.values(grads)]);
    });
    x.dispose();
  });
});
