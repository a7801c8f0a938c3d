// GAN losses on a patch discriminator's map of scores [B,h,w,1]: accepted, averaged over every
// patch, and label noise draws one target per patch.

import { beforeAll, describe, expect, it } from 'vitest';
import { ganDiscriminatorLoss, ganGeneratorLoss } from '../../nodes/losses';
import { wganCriticLoss } from '../../nodes/losses-wasserstein';
import { inferNode } from '../../src/core/infer/context';
import type { AnyNodeDefinition } from '../../src/core/types/definition';
import { tensorType, type PortType } from '../../src/core/types/ports';
import { lossValue, tf, useCpu, withoutLeaks } from './run-harness';

beforeAll(useCpu);

const infer = (def: AnyNodeDefinition, inputs: Record<string, PortType[]>) =>
  inferNode(def, { nodeId: 'n1', params: {}, inputs });

describe('patch scores', () => {
  it('are accepted as [B,h,w,1] by the GAN and Wasserstein losses', () => {
    const patches = [tensorType([7, 7, 1])];
    expect(infer(ganDiscriminatorLoss, { real: patches, fake: patches }).issues).toEqual([]);
    expect(infer(ganGeneratorLoss, { fake: patches }).issues).toEqual([]);
    expect(infer(wganCriticLoss, { real: patches, fake: patches }).issues).toEqual([]);
  });

  it('with more than one channel are refused, naming the patch form', () => {
    const result = infer(ganGeneratorLoss, { fake: [tensorType([7, 7, 2])] });
    expect(result.issues[0]).toMatchObject({ code: 'E_SHAPE_MISMATCH', port: 'fake' });
    expect(result.issues[0]?.message).toContain('[B,h,w,1]');
  });

  it('give the mean cross-entropy over every patch', async () => {
    // Half the patches score probability 0.9, half 0.6, on real data; all fakes score 0.2.
    const realValues = Array.from({ length: 2 * 4 * 4 }, (_, i) => (i % 2 === 0 ? 0.9 : 0.6));
    const real = tf.tensor(realValues, [2, 4, 4, 1]);
    const fake = tf.fill([2, 4, 4, 1], 0.2);
    await withoutLeaks(async () => {
      const d = await lossValue(ganDiscriminatorLoss, {
        inputs: { real, fake },
        params: { from: 'probabilities' },
      });
      expect(d).toBeCloseTo((-Math.log(0.9) - Math.log(0.6)) / 2 - Math.log(0.8), 5);
      const g = await lossValue(ganGeneratorLoss, { inputs: { fake }, params: { from: 'probabilities' } });
      expect(g).toBeCloseTo(-Math.log(0.2), 5);
    });
    tf.dispose([real, fake]);
  });

  it('take label noise one patch at a time while training', async () => {
    const real = tf.fill([4, 8, 8, 1], 0.9);
    const fake = tf.fill([4, 8, 8, 1], 0.2);
    const rate = 0.25;
    const expected =
      (1 - rate) * -Math.log(0.9) +
      rate * -Math.log(0.1) +
      (1 - rate) * -Math.log(0.8) +
      rate * -Math.log(0.2);
    await withoutLeaks(async () => {
      const noisy = await lossValue(ganDiscriminatorLoss, {
        inputs: { real, fake },
        params: { from: 'probabilities', noise: rate },
        mode: 'train',
        seed: 5,
      });
      // 256 patches per side: the swapped share is near the rate, not all-or-nothing per image.
      expect(noisy).toBeGreaterThan(expected - 0.25);
      expect(noisy).toBeLessThan(expected + 0.25);
    });
    tf.dispose([real, fake]);
  });
});
