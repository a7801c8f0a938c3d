// Weight clipping through the Trainer: the optimizer's afterStep hook clips every variable of its
// phase after each step, live, and a clipped critic still learns which way to score.
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { loadDataset } from '../../scripts/lib/node-data';
import type { GraphDocument } from '../../src/core/graph/document';
import { Trainer } from '../../src/core/train/trainer';
import { tinyWgan } from './gan-graphs';
import { tf, useCpu } from './helpers';

async function weightRange(trainer: Trainer, network: string): Promise<number> {
  const model = trainer.program.networks.get(network)?.model;
  if (!model) throw new Error(`no network ${network}`);
  let largest = 0;
  for (const w of model.getWeights())
    for (const v of await w.data()) largest = Math.max(largest, Math.abs(v));
  return largest;
}

const create = (doc: GraphDocument, batchSize = 16) =>
  Trainer.create(doc, NODE_REGISTRY, { tf, loadDataset, batchSize });

describe('weight clipping', () => {
  beforeAll(useCpu);

  it('weight clipping keeps every critic weight in [-c, c] and leaves the generator alone', async () => {
    const clipped = await create(tinyWgan(0.01));
    const free = await create(tinyWgan(0));
    for (let i = 0; i < 4; i++) {
      await clipped.step();
      await free.step();
    }
    expect(await weightRange(clipped, 'critic')).toBeLessThanOrEqual(0.01 + 1e-9);
    expect(await weightRange(free, 'critic')).toBeGreaterThan(0.1);
    expect(await weightRange(clipped, 'generator')).toBeGreaterThan(0.1);
    clipped.dispose();
    free.dispose();
  });

  it('weight clipping is live: setting it mid-run clips from the next step', async () => {
    const trainer = await create(tinyWgan(0));
    await trainer.step();
    expect(await weightRange(trainer, 'critic')).toBeGreaterThan(0.05);
    trainer.setParams('cOpt', { clip: 0.05 });
    await trainer.step();
    expect(await weightRange(trainer, 'critic')).toBeLessThanOrEqual(0.05 + 1e-9);
    trainer.dispose();
  });

  it('the critic learns to score real points above generated ones', async () => {
    const trainer = await create(tinyWgan(0.05), 64);
    let last = 0;
    for (let i = 0; i < 15; i++) last = (await trainer.stepPhase('cOpt')).losses.cLoss ?? NaN;
    expect(last).toBeLessThan(0);
    trainer.dispose();
  });
});
