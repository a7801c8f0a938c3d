// The VAE ablation's measures themselves: the mean-image baseline, and figures taken over the test
// images that came back, not over the number asked for (MNIST's test split here holds fewer than
// the quality run asks for).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../scripts/lib/node-data';
import { betaVaeCodes } from '../../scripts/lib/quality-checks';
import { meanImageBce, measurePicture } from '../../scripts/lib/quality-vae';
import { presetTrainer, useCpu } from '../core/helpers';

beforeAll(useCpu);

describe('meanImageBce', () => {
  it('is the cross-entropy of every image against the mean image, per image', () => {
    // Two 2-pixel images, (0, 1) and (1, 0): the mean is (0.5, 0.5), so each pixel costs ln 2.
    expect(meanImageBce(Float32Array.from([0, 1, 1, 0]), 2)).toBeCloseTo(2 * Math.log(2), 6);
  });

  it('refuses pixel values that do not split into the given number of images', () => {
    expect(() => meanImageBce(new Float32Array(10), 3)).toThrow(/10 pixel values do not split into 3 images/);
  });
});

describe('measurePicture', () => {
  it('measures over the test images that came back when asked for more than the split holds', async () => {
    const available = (await loadDataset('mnist', 'test')).count;
    const trainer = await presetTrainer('vae-ablation-kl');
    try {
      const asked = await measurePicture(trainer, available + 1000);
      const exact = await measurePicture(trainer, available);
      expect(asked.meanNorm).toBeCloseTo(exact.meanNorm, 6);
      expect(asked.reconstructionRatio).toBeCloseTo(exact.reconstructionRatio, 6);
      // An untrained decoder draws a grey near 0.5 everywhere: worse than the mean image.
      expect(exact.reconstructionRatio).toBeGreaterThan(1);
    } finally {
      trainer.dispose();
    }
  });
});

describe('betaVaeCodes', () => {
  it('counts active units and their total correlation over the test images that came back', async () => {
    const available = (await loadDataset('mnist', 'test')).count;
    const trainer = await presetTrainer('beta-vae');
    try {
      const asked = await betaVaeCodes(trainer, available + 1000);
      const exact = await betaVaeCodes(trainer, available);
      expect(asked.active).toBe(exact.active);
      expect(asked.tcActive).toBeCloseTo(exact.tcActive, 6);
      expect(exact.active).toBeGreaterThan(0);
      expect(exact.tcActive).toBeGreaterThanOrEqual(0);
    } finally {
      trainer.dispose();
    }
  });
});
