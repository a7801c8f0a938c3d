// Node state kept across training steps (ctx.state), through the Trainer: a replay buffer leaves
// numTensors flat, previews do not touch it, and it is freed with the trainer.
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { loadDataset } from '../../scripts/lib/node-data';
import type { GraphDocument } from '../../src/core/graph/document';
import { Trainer } from '../../src/core/train/trainer';
import { tinyReplayGan } from './gan-graphs';
import { presetTrainer, tf, useCpu } from './helpers';

const create = (doc: GraphDocument, batchSize = 16) =>
  Trainer.create(doc, NODE_REGISTRY, { tf, loadDataset, batchSize });

describe('node state across steps', () => {
  beforeAll(useCpu);

  it('a replay buffer keeps numTensors flat over 50 steps and is freed with the trainer', async () => {
    const before = tf.memory().numTensors;
    const trainer = await create(tinyReplayGan(), 8);
    await trainer.step(); // optimizer slots and the buffer appear on the first step
    const after = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      const result = await trainer.step();
      expect(result.nonFinite).toBeUndefined();
    }
    expect(tf.memory().numTensors).toBe(after);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('previews and evaluations leave the replay buffer as training left it', async () => {
    const trainer = await create(tinyReplayGan(), 8);
    await trainer.step();
    const count = tf.memory().numTensors;
    await trainer.previews();
    await trainer.evaluate([{ node: 'replay', port: 'out' }], 8);
    expect(tf.memory().numTensors).toBe(count);
    trainer.dispose();
  });

  it.each(['gan-collapse-replay', 'gan-collapse-minibatch', 'wgan-ring'])(
    '%s leaves numTensors flat over 30 steps',
    async (name) => {
      const trainer = await presetTrainer(name, { batchSize: 8 });
      await trainer.step();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 30; i++) await trainer.step();
      expect(tf.memory().numTensors).toBe(before);
      trainer.dispose();
    },
  );
});
