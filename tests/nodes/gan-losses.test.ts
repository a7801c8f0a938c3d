// GAN losses: the Wasserstein critic and generator losses, and label noise on the discriminator
// loss: inferred types, errors, and values against the formulas by hand.

import { beforeAll, describe, expect, it } from 'vitest';
import { ganDiscriminatorLoss, noisyTargets } from '../../nodes/losses';
import { wganCriticLoss, wganGeneratorLoss } from '../../nodes/losses-wasserstein';
import { createRng } from '../../src/core/data/rng';
import { inferNode } from '../../src/core/infer/context';
import type { AnyNodeDefinition } from '../../src/core/types/definition';
import { tensorType, type PortType } from '../../src/core/types/ports';
import { lossValue, tf, useCpu, withoutLeaks } from './run-harness';

beforeAll(useCpu);

const infer = (def: AnyNodeDefinition, inputs: Record<string, PortType[]>, params = {}) =>
  inferNode(def, { nodeId: 'n1', params, inputs });

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('Wasserstein losses', () => {
  const score = [tensorType([1])];

  it('infer one loss from critic scores [B,1]', () => {
    expect(infer(wganCriticLoss, { real: score, fake: score }).outputs).toEqual({ loss: { kind: 'loss' } });
    expect(infer(wganGeneratorLoss, { fake: score }).outputs).toEqual({ loss: { kind: 'loss' } });
  });

  it('reject scores that are not one per sample, naming the port and the Dense(1) fix', () => {
    const result = infer(wganCriticLoss, { real: score, fake: [tensorType([2])] });
    expect(result.outputs).toBeNull();
    expect(result.issues[0]).toMatchObject({ code: 'E_SHAPE_MISMATCH', port: 'fake' });
    expect(result.issues[0]?.message).toContain('Dense(1)');
    expect(infer(wganGeneratorLoss, {}).issues[0]).toMatchObject({ code: 'E_UNCONNECTED', port: 'fake' });
  });

  it('critic loss is mean C(fake) - mean C(real) and generator loss is -mean C(fake)', async () => {
    const realValues = [2, -1, 0.5, 3];
    const fakeValues = [-0.5, 1, -2, 0.25];
    const real = tf.tensor(realValues, [4, 1]);
    const fake = tf.tensor(fakeValues, [4, 1]);
    await withoutLeaks(async () => {
      const critic = await lossValue(wganCriticLoss, { inputs: { real, fake } });
      expect(critic).toBeCloseTo(mean(fakeValues) - mean(realValues), 6);
      expect(await lossValue(wganGeneratorLoss, { inputs: { fake } })).toBeCloseTo(-mean(fakeValues), 6);
    });
    tf.dispose([real, fake]);
  });
});

describe('label noise on the discriminator loss', () => {
  it('swaps about the requested share of targets', () => {
    const targets = noisyTargets(createRng(7), 20000, 0.2, 0.9, 0);
    const swapped = targets.filter((t) => t === 0).length / targets.length;
    expect(swapped).toBeGreaterThan(0.19);
    expect(swapped).toBeLessThan(0.21);
    expect(targets.every((t) => t === 0 || t === Math.fround(0.9))).toBe(true);
  });

  it('changes the loss as a flipped share of the labels would, only while training', async () => {
    // Probabilities 0.9 on real and 0.2 on fake: a kept real label costs -log 0.9, a flipped one
    // -log 0.1; a kept fake label costs -log 0.8, a flipped one -log 0.2.
    const count = 4000;
    const real = tf.fill([count, 1], 0.9);
    const fake = tf.fill([count, 1], 0.2);
    const run = (mode: 'train' | 'eval', noise: number) =>
      lossValue(ganDiscriminatorLoss, {
        inputs: { real, fake },
        params: { from: 'probabilities', noise },
        mode,
        seed: 3,
      });
    const clean = -Math.log(0.9) - Math.log(0.8);
    const rate = 0.3;
    const expected =
      (1 - rate) * -Math.log(0.9) +
      rate * -Math.log(0.1) +
      (1 - rate) * -Math.log(0.8) +
      rate * -Math.log(0.2);
    await withoutLeaks(async () => {
      expect(await run('train', 0)).toBeCloseTo(clean, 4);
      expect(await run('eval', rate)).toBeCloseTo(clean, 4);
      expect(Math.abs((await run('train', rate)) - expected)).toBeLessThan(0.05);
    });
    tf.dispose([real, fake]);
  });
});
