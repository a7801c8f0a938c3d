// Op nodes: inferred shapes and errors, values, gradients and seeded randomness.

import { beforeAll, describe, expect, it } from 'vitest';
import { addOp, concatOp, oneHotOp, sampleOp, scaleOp, splitOp, stopGradientOp } from '../../nodes/ops';
import { createRng } from '../../src/core/data/rng';
import { inferNode } from '../../src/core/infer/context';
import type { AnyNodeDefinition } from '../../src/core/types/definition';
import { labelsType, tensorType, type PortType } from '../../src/core/types/ports';
import { fakeRunContext, runNode, tf, useCpu, values, withoutLeaks } from './run-harness';

beforeAll(useCpu);

const infer = (def: AnyNodeDefinition, inputs: Record<string, PortType[]>, params = {}) =>
  inferNode(def, { nodeId: 'op', params, inputs });

function runOp(def: AnyNodeDefinition, inputs: Record<string, tf.Tensor | tf.Tensor[]>, extra = {}) {
  return runNode(def, { inputs, ...extra });
}

describe('split', () => {
  it('splits a vector [B,2n] into mu and logVar [B,n]', () => {
    expect(infer(splitOp, { in: [tensorType([8])] }).outputs).toEqual({
      mu: tensorType([4]),
      logVar: tensorType([4]),
    });
  });

  it('rejects a vector of odd length', () => {
    const result = infer(splitOp, { in: [tensorType([7])] });
    expect(result.issues[0]?.code).toBe('E_SHAPE_MISMATCH');
    expect(result.issues[0]?.message).toContain('vector [B,7]');
  });

  it('rejects an image', () => {
    expect(infer(splitOp, { in: [tensorType([28, 28, 1])] }).issues[0]?.code).toBe('E_RANK');
  });

  it('puts the first half in mu and the second in logVar', async () => {
    await withoutLeaks(async () => {
      const x = tf.tensor2d([
        [1, 2, 3, 4],
        [5, 6, 7, 8],
      ]);
      const { mu, logVar } = runOp(splitOp, { in: x });
      expect(await values(mu!)).toEqual([1, 2, 5, 6]);
      expect(await values(logVar!)).toEqual([3, 4, 7, 8]);
      tf.dispose([x, mu!, logVar!]);
    });
  });
});

describe('reparameterised sample', () => {
  it('rejects mu and logVar of different shapes, naming both', () => {
    const result = infer(sampleOp, { mu: [tensorType([2])], logVar: [tensorType([3])] });
    expect(result.issues[0]?.code).toBe('E_SHAPE_MISMATCH');
    expect(result.issues[0]?.message).toMatch(/\[B,2\].*\[B,3\]/);
  });

  it('computes mu + exp(logVar / 2) * eps with eps drawn from the seeded rng', async () => {
    await withoutLeaks(async () => {
      const mu = tf.tensor2d([[1, -1, 0]]);
      const logVar = tf.tensor2d([[0, Math.log(4), -2]]);
      const { out } = runOp(sampleOp, { mu, logVar }, { seed: 42 });
      const rng = createRng(42);
      const eps = [rng.normal(), rng.normal(), rng.normal()];
      const expected = [1 + eps[0]!, -1 + 2 * eps[1]!, Math.exp(-1) * eps[2]!];
      (await values(out!)).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
      tf.dispose([mu, logVar, out!]);
    });
  });

  it('passes gradients to both mu and logVar', async () => {
    await withoutLeaks(async () => {
      const mu = tf.tensor2d([[0.5, -0.5]]);
      const logVar = tf.tensor2d([[0.2, -0.4]]);
      const run = (m: tf.Tensor, v: tf.Tensor) => runOp(sampleOp, { mu: m, logVar: v }, { seed: 3 }).out!;
      const z = run(mu, logVar);
      const [dMu, dLogVar] = tf.grads((m: tf.Tensor, v: tf.Tensor) => tf.sum(run(m, v)))([mu, logVar]);
      expect(await values(dMu!)).toEqual([1, 1]);
      // d z / d logVar = exp(logVar / 2) * eps / 2 = (z - mu) / 2.
      const zs = await values(z);
      const expected = [(zs[0]! - 0.5) / 2, (zs[1]! + 0.5) / 2];
      const got = await values(dLogVar!);
      got.forEach((g, i) => expect(g).toBeCloseTo(expected[i]!, 5));
      expect(got.every((g) => g !== 0)).toBe(true);
      tf.dispose([mu, logVar, z, dMu!, dLogVar!]);
    });
  });

  it('gives the same sample for the same seed and a different one for another seed', async () => {
    await withoutLeaks(async () => {
      const mu = tf.zeros([4, 3]);
      const logVar = tf.zeros([4, 3]);
      const a = runOp(sampleOp, { mu, logVar }, { seed: 7 }).out!;
      const b = runOp(sampleOp, { mu, logVar }, { seed: 7 }).out!;
      const c = runOp(sampleOp, { mu, logVar }, { seed: 8 }).out!;
      expect(await values(a)).toEqual(await values(b));
      expect(await values(a)).not.toEqual(await values(c));
      tf.dispose([mu, logVar, a, b, c]);
    });
  });
});

describe('add, scale and concat', () => {
  it('adds two tensors of one shape and rejects different shapes', async () => {
    expect(infer(addOp, { a: [tensorType([3])], b: [tensorType([3])] }).outputs).toEqual({
      out: tensorType([3]),
    });
    const bad = infer(addOp, { a: [tensorType([3])], b: [tensorType([4])] });
    expect(bad.issues[0]?.code).toBe('E_SHAPE_MISMATCH');
    expect(bad.issues[0]?.port).toBe('b');
    await withoutLeaks(async () => {
      const a = tf.tensor2d([[1, 2, 3]]);
      const b = tf.tensor2d([[10, 20, 30]]);
      const { out } = runOp(addOp, { a, b });
      expect(await values(out!)).toEqual([11, 22, 33]);
      tf.dispose([a, b, out!]);
    });
  });

  it('multiplies by the factor', async () => {
    await withoutLeaks(async () => {
      const x = tf.tensor2d([[1, -2]]);
      const { out } = runNode(scaleOp, { inputs: { in: x }, params: { factor: -3 } });
      expect(await values(out!)).toEqual([-3, 6]);
      tf.dispose([x, out!]);
    });
  });

  it('concatenates vectors along the last axis', async () => {
    expect(infer(concatOp, { in: [tensorType([2]), tensorType([3])] }).outputs).toEqual({
      out: tensorType([5]),
    });
    await withoutLeaks(async () => {
      const a = tf.tensor2d([[1, 2]]);
      const b = tf.tensor2d([[3, 4, 5]]);
      const { out } = runOp(concatOp, { in: [a, b] });
      expect(out!.shape).toEqual([1, 5]);
      expect(await values(out!)).toEqual([1, 2, 3, 4, 5]);
      tf.dispose([a, b, out!]);
    });
  });

  it('concatenates images along channels and rejects different sizes', () => {
    const images = infer(concatOp, { in: [tensorType([7, 7, 2]), tensorType([7, 7, 1])] });
    expect(images.outputs).toEqual({ out: tensorType([7, 7, 3]) });
    const bad = infer(concatOp, { in: [tensorType([7, 7, 2]), tensorType([6, 7, 1])] });
    expect(bad.issues[0]?.code).toBe('E_SHAPE_MISMATCH');
    expect(bad.issues[0]?.message).toContain('[B,6,7,1]');
    expect(infer(concatOp, { in: [tensorType([4]), tensorType([7, 7, 1])] }).issues[0]?.code).toBe(
      'E_SHAPE_MISMATCH',
    );
  });

  it('reports a concat with no inputs as unconnected', () => {
    expect(infer(concatOp, {}).issues[0]?.code).toBe('E_UNCONNECTED');
  });
});

describe('stop gradient', () => {
  it('passes values forward unchanged', async () => {
    await withoutLeaks(async () => {
      const x = tf.tensor2d([[1, 2, 3]]);
      const { out } = runOp(stopGradientOp, { in: x });
      expect(await values(out!)).toEqual([1, 2, 3]);
      tf.dispose([x, out!]);
    });
  });

  it('gives a zero gradient through the stopped path only', async () => {
    await withoutLeaks(async () => {
      const x = tf.tensor2d([[1, 2, 3]]);
      const stopped = (t: tf.Tensor) => runOp(stopGradientOp, { in: t }).out!;
      const onlyStopped = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(stopped(t), 5)))(x);
      const mixed = tf.grad((t: tf.Tensor) => tf.sum(tf.add(t, stopped(t))))(x);
      expect(await values(onlyStopped)).toEqual([0, 0, 0]);
      expect(await values(mixed)).toEqual([1, 1, 1]);
      tf.dispose([x, onlyStopped, mixed]);
    });
  });
});

describe('one-hot', () => {
  it('turns labels of 10 classes into vectors [B,10]', () => {
    expect(infer(oneHotOp, { labels: [labelsType(10)] }).outputs).toEqual({ out: tensorType([10]) });
  });

  it('rejects a tensor on its labels port', () => {
    const result = infer(oneHotOp, { labels: [tensorType([10])] });
    expect(result.issues[0]?.code).toBe('E_WRONG_KIND');
    expect(result.issues[0]?.message).toContain('vector [B,10]');
  });

  it('puts a 1 at each label', async () => {
    await withoutLeaks(async () => {
      const labels = tf.tensor1d([2, 0], 'int32');
      const ctx = fakeRunContext(oneHotOp, { inputs: { labels }, classes: 3 });
      const build = oneHotOp.build;
      if (build.role !== 'op') throw new Error('one-hot is an op');
      const { out } = build.run(ctx);
      expect(out!.dtype).toBe('float32');
      expect(await values(out!)).toEqual([0, 0, 1, 1, 0, 0]);
      tf.dispose([labels, out!]);
    });
  });
});
