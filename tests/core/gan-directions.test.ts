// Short GAN runs that check which way training goes, cheaply (the full measurements are in
// `npm run quality`).
import { beforeAll, describe, expect, it } from 'vitest';
import { earlyGeneratorGradients } from '../../scripts/lib/quality-gan';
import { presetTrainer, useCpu } from './helpers';

describe('GAN directions', () => {
  beforeAll(useCpu);

  it('once D rejects the fakes, the minimax loss gives the generator a weaker gradient than the non-saturating one', async () => {
    const trainer = await presetTrainer('gan-ring', { batchSize: 32 });
    const nodes = { dOptimizer: 'dAdam', gOptimizer: 'gAdam', gLoss: 'gLoss', dFake: 'dFakeMean' };
    // A faster discriminator reaches, in a few steps, the confident rejection of early training.
    trainer.setParams('dAdam', { learningRate: 0.003 });
    const found = await earlyGeneratorGradients(trainer, nodes, 40, 2);
    expect(found.dFake).toBeLessThan(0.2);
    expect(found.minimax).toBeGreaterThan(0);
    expect(found.minimax).toBeLessThan(0.5 * found.nonSaturating);
    trainer.dispose();
  });
});
