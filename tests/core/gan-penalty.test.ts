// The gradient penalty through the Trainer: the critic phase trains it (a gradient of a gradient
// through the critic), it keeps the critic's slope near 1 where an unpenalised critic's slope
// runs away, and a step leaves tf.memory().numTensors flat.
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { loadDataset } from '../../scripts/lib/node-data';
import { Trainer } from '../../src/core/train/trainer';
import { tinyWganGp } from './gan-graphs';
import { tf, useCpu } from './helpers';

const create = (lambda: number) =>
  Trainer.create(tinyWganGp(lambda), NODE_REGISTRY, { tf, loadDataset, batchSize: 64 });

async function penaltyAfterCriticSteps(lambda: number, steps: number): Promise<number> {
  const trainer = await create(lambda);
  for (let i = 0; i < steps; i++) await trainer.stepPhase('cOpt');
  const [penalty] = await trainer.evaluate([{ node: 'penalty', port: 'loss' }], 256);
  trainer.dispose();
  return penalty?.values[0] ?? NaN;
}

describe('gradient penalty in training', () => {
  beforeAll(useCpu);

  it("keeps the critic's slope near 1: the penalty ends far lower when it is trained than when it is only measured", async () => {
    const free = await penaltyAfterCriticSteps(0, 40);
    const penalised = await penaltyAfterCriticSteps(10, 40);
    expect(free).toBeGreaterThan(1);
    expect(penalised).toBeLessThan(0.25 * free);
  });

  it('a step with the penalty leaves numTensors unchanged', async () => {
    const trainer = await create(10);
    await trainer.step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) await trainer.step();
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
  });
});
