// The compiled presets mean what they say: each computes the same losses, step for step, as the
// same model written by hand in tfjs, given the same weights, batches and noise.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../scripts/lib/node-data';
import {
  type HandWritten,
  handWrittenAutoencoder,
  handWrittenGan,
  handWrittenVae,
} from '../../scripts/lib/reference-models';
import type { Trainer } from '../../src/core/train/trainer';
import { presetTrainer, tf, useCpu } from './helpers';

const STEPS = 20;
const BATCH = 32;

/** Copies the compiled networks' weights, in the order given, into the hand-written models. */
function copyWeights(trainer: Trainer, networkIds: readonly string[], reference: HandWritten): void {
  const weights = networkIds.flatMap((id) => trainer.program.networks.get(id)?.model.getWeights() ?? []);
  const targets = reference.models.flatMap((m) => m.weights);
  expect(targets.map((w) => w.shape)).toEqual(weights.map((w) => w.shape));
  targets.forEach((target, i) => target.write(weights[i] as never));
}

async function compare(trainer: Trainer, reference: HandWritten): Promise<void> {
  for (let i = 0; i < STEPS; i++) {
    const compiled = await trainer.step();
    const expected = await reference.step();
    expect(Object.keys(compiled.losses).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, value] of Object.entries(expected)) {
      const got = compiled.losses[name] ?? NaN;
      expect(
        Math.abs(got - value),
        `step ${i + 1} ${name}: compiled ${got} vs hand-written ${value}`,
      ).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(value)));
    }
  }
}

describe('compiled presets against hand-written tfjs', () => {
  beforeAll(useCpu);

  it('stacked autoencoder gives the same MSE for 20 steps', async () => {
    const trainer = await presetTrainer('stacked-autoencoder', { batchSize: BATCH });
    const reference = handWrittenAutoencoder(tf, await loadDataset('fashion', 'train'), {
      seed: trainer.seed,
      batchSize: BATCH,
      learningRate: 0.001,
    });
    copyWeights(trainer, ['encoder', 'decoder'], reference);
    await compare(trainer, reference);
    trainer.dispose();
    reference.dispose();
  });

  it('VAE gives the same reconstruction and KL terms for 20 steps', async () => {
    const trainer = await presetTrainer('vae', { batchSize: BATCH });
    const reference = handWrittenVae(tf, await loadDataset('mnist', 'train'), {
      seed: trainer.seed,
      batchSize: BATCH,
      learningRate: 0.001,
    });
    copyWeights(trainer, ['encoder', 'decoder'], reference);
    await compare(trainer, reference);
    trainer.dispose();
    reference.dispose();
  });

  it('GAN gives the same discriminator and generator losses for 20 steps', async () => {
    const trainer = await presetTrainer('gan-ring', { batchSize: BATCH });
    // The preset's own rates (the generator learns at half the discriminator's rate) and its
    // one-sided label smoothing of 0.1.
    const reference = handWrittenGan(tf, {
      seed: trainer.seed,
      batchSize: BATCH,
      dLearningRate: 0.0005,
      gLearningRate: 0.00025,
      smoothing: 0.1,
    });
    copyWeights(trainer, ['generator', 'discriminator'], reference);
    await compare(trainer, reference);
    trainer.dispose();
    reference.dispose();
  });
});
