// Label noise on the GAN discriminator loss: the share of targets swapped, and the loss it gives
// against the formula by hand, only while training.

import { beforeAll, describe, expect, it } from 'vitest';
import { ganDiscriminatorLoss, noisyTargets } from '../../nodes/losses';
import { createRng } from '../../src/core/data/rng';
import { lossValue, tf, useCpu, withoutLeaks } from './run-harness';

beforeAll(useCpu);

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
