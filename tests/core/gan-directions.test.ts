// Short GAN runs that check which way training goes, cheaply (the full measurements are in
// `npm run quality`): the ring presets move their samples onto the modes, and the minimax loss
// gives a weaker early gradient.
import { beforeAll, describe, expect, it } from 'vitest';
import { earlyGeneratorGradients } from '../../scripts/lib/quality-gan';
import { TOY_INFO } from '../../src/core/data/toys';
import type { Trainer } from '../../src/core/train/trainer';
import { presetTrainer, useCpu } from './helpers';

const MODES = TOY_INFO.ring8.modes ?? [];

/** Modes nearest to at least 3% of `count` generated samples, and the median distance to the nearest mode. */
async function ringFit(trainer: Trainer, count = 1000): Promise<{ reached: number; median: number }> {
  const output = trainer.program.networks.get('generator')?.outputRefs[0];
  if (!output) throw new Error('no generator');
  const [points] = await trainer.evaluate([output], count);
  const values = points?.values ?? new Float32Array();
  const share = new Array<number>(MODES.length).fill(0);
  const distances: number[] = [];
  for (let i = 0; i < count; i++) {
    let best = Infinity;
    let nearest = 0;
    MODES.forEach(([x = 0, y = 0], m) => {
      const d = Math.hypot((values[2 * i] ?? 0) - x, (values[2 * i + 1] ?? 0) - y);
      if (d < best) [best, nearest] = [d, m];
    });
    share[nearest] = (share[nearest] ?? 0) + 1 / count;
    distances.push(best);
  }
  distances.sort((a, b) => a - b);
  return { reached: share.filter((s) => s >= 0.03).length, median: distances[count >> 1] ?? NaN };
}

async function trained(preset: string, steps: number, batchSize: number) {
  const trainer = await presetTrainer(preset, { batchSize });
  const before = await ringFit(trainer);
  for (let i = 0; i < steps; i++) await trainer.step();
  const after = await ringFit(trainer);
  trainer.dispose();
  return { before, after };
}

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

  it.each(['gan-ring', 'wgan-ring'])(
    'a short run of %s moves its samples onto the ring modes',
    async (preset) => {
      const { before, after } = await trained(preset, 100, 64);
      expect(before.reached).toBeLessThan(6);
      expect(after.median).toBeLessThan(0.6 * before.median);
      expect(after.reached).toBeGreaterThanOrEqual(6);
    },
    // 100 iterations take well under a minute alone; the margin is for a machine shared with others.
    300_000,
  );
});
