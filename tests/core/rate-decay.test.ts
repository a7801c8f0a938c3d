// An optimizer's learning-rate half-life: the rate each iteration steps with halves every
// `halfLife` iterations after the optimizer starts, follows live changes at once, leaves other
// phases alone and leaks no tensor, even for SGD with momentum, which rebuilds a rate tensor.
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { currentLearningRate, scheduledRate } from '../../nodes/optimizers';
import type { GraphDocument } from '../../src/core/graph/document';
import { Trainer } from '../../src/core/train/trainer';
import { loadDataset } from '../../scripts/lib/node-data';
import { twoPhases } from './graph-builder';
import { tf, useCpu } from './helpers';

beforeAll(useCpu);

const create = (doc: GraphDocument) => Trainer.create(doc, NODE_REGISTRY, { tf, loadDataset, batchSize: 8 });

/** The rate the phase of an optimizer node will step with next (the one set for its last step). */
function rateOf(trainer: Trainer, node: string): number {
  const phase = trainer.program.phases.find((p) => p.optimizerNode === node);
  if (!phase) throw new Error(`no phase ${node}`);
  return currentLearningRate(phase.optimizer);
}

describe('learning-rate half-life', () => {
  it('halves the rate every half-life, counted from the start, and keeps it with half-life 0', () => {
    const rate = (halfLife: number, startAfter: number, iteration: number) =>
      scheduledRate({ learningRate: 0.01, halfLife, startAfter }, iteration);
    expect(rate(0, 0, 5000)).toBe(0.01);
    expect(rate(100, 0, 0)).toBe(0.01);
    expect(rate(100, 0, 100)).toBeCloseTo(0.005, 12);
    expect(rate(100, 0, 300)).toBeCloseTo(0.00125, 12);
    expect(rate(100, 50, 20)).toBe(0.01);
    expect(rate(100, 50, 150)).toBeCloseTo(0.005, 12);
  });

  it('steps with the decayed rate in training, leaving a phase without a half-life alone', async () => {
    const trainer = await create(
      twoPhases('optimizer.adam', { learningRate: 0.01, halfLife: 2 }, { learningRate: 0.01 }),
    );
    for (let i = 0; i < 5; i++) await trainer.step();
    // The fifth step is iteration 4: two half-lives in.
    expect(rateOf(trainer, 'optA')).toBeCloseTo(0.0025, 12);
    expect(rateOf(trainer, 'optB')).toBe(0.01);
    trainer.dispose();
  });

  it('follows a live change of the half-life at once', async () => {
    const trainer = await create(twoPhases('optimizer.adam', { learningRate: 0.01 }, {}));
    for (let i = 0; i < 4; i++) await trainer.step();
    expect(rateOf(trainer, 'optA')).toBe(0.01);
    trainer.setParams('optA', { halfLife: 4 });
    // Four iterations have run: the next one is one half-life in.
    expect(rateOf(trainer, 'optA')).toBeCloseTo(0.005, 12);
    trainer.setParams('optA', { halfLife: 0 });
    expect(rateOf(trainer, 'optA')).toBe(0.01);
    trainer.dispose();
  });

  it('leaks no tensor while SGD with momentum decays its rate', async () => {
    const trainer = await create(
      twoPhases('optimizer.sgd', { learningRate: 0.01, momentum: 0.9, halfLife: 1 }, { momentum: 0.9 }),
    );
    await trainer.step(); // the momentum slots are made here
    const after = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) await trainer.step();
    expect(tf.memory().numTensors).toBe(after);
    expect(rateOf(trainer, 'optA')).toBeCloseTo(0.01 / 32, 12);
    trainer.dispose();
  });
});
