// The WGAN-GP gradient penalty: inferred types and errors, its value against critics whose
// gradient is known by hand, and its own gradient reaching the critic's weights (a gradient of a
// gradient).

import { beforeAll, describe, expect, it } from 'vitest';
import { gradientPenalty } from '../../nodes/losses-wasserstein';
import { inferNode } from '../../src/core/infer/context';
import type { NetworkSignature } from '../../src/core/types/definition';
import { tensorType } from '../../src/core/types/ports';
import { fakeRunContext, lossValue, tf, useCpu, withoutLeaks } from './run-harness';

beforeAll(useCpu);

const critic: NetworkSignature = { id: 'critic', inputs: [tensorType([2])], outputs: [tensorType([1])] };
const infer = (point: number[], params: Record<string, string> = { network: 'critic' }) =>
  inferNode(gradientPenalty, {
    nodeId: 'gp',
    params,
    inputs: { real: [tensorType(point)], fake: [tensorType(point)] },
    network: (id) => (id === 'critic' ? critic : undefined),
  });

/** A critic x -> x . w, whose gradient is w everywhere. */
const linear = (w: tf.Tensor) => (x: tf.Tensor) => tf.matMul(x, tf.reshape(w, [-1, 1]));

describe('gradient penalty', () => {
  it('infers a loss from samples of the critic input type', () => {
    expect(infer([2]).outputs).toEqual({ loss: { kind: 'loss' } });
  });

  it('names what is wrong: no critic chosen, an unknown critic, samples the critic cannot take', () => {
    expect(infer([2], { network: '' }).issues[0]).toMatchObject({ code: 'E_BAD_PARAM', param: 'network' });
    expect(infer([2], { network: 'nope' }).issues[0]).toMatchObject({ code: 'E_UNKNOWN_NETWORK' });
    const wrong = infer([3]).issues[0];
    expect(wrong).toMatchObject({ code: 'E_SHAPE_MISMATCH', port: 'real' });
    expect(wrong?.message).toContain('critic');
  });

  it('is (|w| - 1)^2 for a linear critic, wherever the samples are', async () => {
    const real = tf.randomNormal([16, 2], 0, 1, 'float32', 1);
    const fake = tf.randomNormal([16, 2], 3, 1, 'float32', 2);
    const steep = tf.tensor([3, 4]);
    const unit = tf.tensor([0.6, 0.8]);
    await withoutLeaks(async () => {
      const run = (w: tf.Tensor) =>
        lossValue(gradientPenalty, {
          inputs: { real, fake },
          networks: { critic: linear(w) },
          params: { network: 'critic' },
        });
      expect(await run(steep)).toBeCloseTo(16, 4);
      expect(await run(unit)).toBeCloseTo(0, 5);
    });
    tf.dispose([real, fake, steep, unit]);
  });

  it('pulls the slope towards its target: (|w| - s)^2, and |w|^2 when the target is 0', async () => {
    const real = tf.randomNormal([16, 2], 0, 1, 'float32', 5);
    const fake = tf.randomNormal([16, 2], 3, 1, 'float32', 6);
    const steep = tf.tensor([3, 4]);
    await withoutLeaks(async () => {
      const run = (slope: number) =>
        lossValue(gradientPenalty, {
          inputs: { real, fake },
          networks: { critic: linear(steep) },
          params: { network: 'critic', slope },
        });
      expect(await run(0)).toBeCloseTo(25, 4);
      expect(await run(2)).toBeCloseTo(9, 4);
      expect(await run(5)).toBeCloseTo(0, 5);
    });
    tf.dispose([real, fake, steep]);
  });

  it('takes the gradient between real and fake: for C(x) = |x|^2 at one point p it is (2|p| - 1)^2', async () => {
    const p = tf.tensor([[1.5, 2]]);
    const square = (x: tf.Tensor) => tf.sum(tf.square(x), 1, true);
    const value = await lossValue(gradientPenalty, {
      inputs: { real: p, fake: p },
      networks: { critic: square },
      params: { network: 'critic' },
    });
    expect(value).toBeCloseTo((2 * 2.5 - 1) ** 2, 4);
    p.dispose();
  });

  it('takes each gradient at a uniformly random point on the segment from the real to the fake sample', async () => {
    // C(x) = |x|^2 / 2 has gradient x, so the penalty at a point is (|x| - 1)^2. Real samples at
    // distance 2 from the origin and fakes at distance 4 along the same line put the points in
    // between at 2 + 2u with u uniform: the mean penalty is E[(1 + 2u)^2] = 13/3, against 1 at the
    // real samples only, 9 at the fakes only and 4 at the midpoints only.
    const count = 4000;
    const real = tf.tidy(() => tf.mul(tf.ones([count, 2]), tf.tensor([1.2, 1.6])));
    const fake = tf.tidy(() => tf.mul(real, 2));
    const halfSquare = (x: tf.Tensor) => tf.mul(tf.sum(tf.square(x), 1, true), 0.5);
    await withoutLeaks(async () => {
      const value = await lossValue(gradientPenalty, {
        inputs: { real, fake },
        networks: { critic: halfSquare },
        params: { network: 'critic' },
        batchSize: count,
      });
      expect(value).toBeGreaterThan(13 / 3 - 0.15);
      expect(value).toBeLessThan(13 / 3 + 0.15);
    });
    tf.dispose([real, fake]);
  });

  it("its gradient reaches the critic's weights: d/dw (|w| - 1)^2 = 2 (|w| - 1) w / |w|", async () => {
    const real = tf.randomNormal([8, 2], 0, 1, 'float32', 3);
    const fake = tf.randomNormal([8, 2], 0, 1, 'float32', 4);
    const w = tf.variable(tf.tensor([3, 4]));
    const ctx = fakeRunContext(gradientPenalty, {
      inputs: { real, fake },
      networks: { critic: linear(w) },
      params: { network: 'critic' },
    });
    const { value, grads } = tf.variableGrads(() => {
      const build = gradientPenalty.build;
      if (build.role !== 'loss') throw new Error('not a loss');
      return build.run(ctx as never);
    }, [w]);
    const gradient = await grads[w.name]?.data();
    expect(Array.from(gradient ?? [])).toEqual([expect.closeTo(4.8, 3), expect.closeTo(6.4, 3)]);
    tf.dispose([value, real, fake, w, ...Object.values(grads)]);
  });
});
