// The webgpu path for real: the autoencoder preset trains on Dawn (SwiftShader's Vulkan driver
// when there is no GPU) and gives the same losses as cpu for the same seed.
import { afterAll, describe, expect, it } from 'vitest';
import { releaseBackend, useBackend } from '../../scripts/lib/backends';
import { presetTrainer, tf } from './helpers';

async function threeSteps(): Promise<number[]> {
  const trainer = await presetTrainer('stacked-autoencoder', { batchSize: 16 });
  const losses: number[] = [];
  for (let i = 0; i < 3; i++) {
    const result = await trainer.step();
    expect(result.nonFinite).toBeUndefined();
    losses.push(result.losses.mse ?? NaN);
  }
  trainer.dispose();
  return losses;
}

describe('webgpu backend in Node', () => {
  afterAll(releaseBackend);

  it('trains the stacked autoencoder 3 steps with losses close to cpu', async () => {
    await useBackend('cpu');
    const cpu = await threeSteps();
    const info = await useBackend('webgpu');
    expect(tf.getBackend()).toBe('webgpu');
    expect(info.detail).toMatch(/\S/);
    const before = tf.memory().numTensors;
    const gpu = await threeSteps();
    expect(tf.memory().numTensors).toBe(before);
    gpu.forEach((loss, i) => {
      expect(Math.abs(loss - (cpu[i] ?? NaN)), `step ${i + 1}: webgpu ${loss}, cpu ${cpu[i]}`).toBeLessThan(
        1e-3 * (cpu[i] ?? 1),
      );
    });
    // Training moved the loss, so equal numbers are not just the initial value twice.
    expect(gpu[2]).not.toBe(gpu[0]);
  });
});
