// Wasserstein GAN losses: a critic (a discriminator without a sigmoid) scores real data high and
// generated data low, and the generator raises the critic's scores of its samples.

import { defineNode, type AnyNodeDefinition } from '../src/core/types/definition';
import { lossType } from '../src/core/types/ports';
import { LOSS_OUT, scoreInput, WEIGHT } from './losses';

export const wganCriticLoss = defineNode({
  type: 'loss.wgan-critic',
  title: 'Wasserstein critic loss',
  category: 'loss',
  doc: 'Trains a critic (a discriminator without a sigmoid) to score real data high and generated data low: mean C(G(z)) - mean C(x).',
  inputs: [
    { name: 'real', kind: 'tensor', doc: "The critic's scores on real data [B,1], no sigmoid." },
    { name: 'fake', kind: 'tensor', doc: "The critic's scores on generated data [B,1], no sigmoid." },
  ],
  outputs: LOSS_OUT,
  params: { weight: WEIGHT },
  criticMap: { real: 'real', fake: 'fake', scale: () => 'score' },
  infer(ctx) {
    scoreInput(ctx, 'real');
    scoreInput(ctx, 'fake');
    return { loss: lossType };
  },
  build: {
    role: 'loss',
    run(ctx) {
      const { tf } = ctx;
      return tf.tidy(() => tf.sub(tf.mean(ctx.input('fake')), tf.mean(ctx.input('real'))));
    },
  },
});

export const wganGeneratorLoss = defineNode({
  type: 'loss.wgan-generator',
  title: 'Wasserstein generator loss',
  category: 'loss',
  doc: "Trains the generator to raise the critic's score of its samples: -mean C(G(z)). Its gradient does not vanish when the critic wins.",
  inputs: [{ name: 'fake', kind: 'tensor', doc: "The critic's scores on generated data [B,1], no sigmoid." }],
  outputs: LOSS_OUT,
  params: { weight: WEIGHT },
  infer(ctx) {
    scoreInput(ctx, 'fake');
    return { loss: lossType };
  },
  build: {
    role: 'loss',
    run(ctx) {
      const { tf } = ctx;
      return tf.tidy(() => tf.neg(tf.mean(ctx.input('fake'))));
    },
  },
});

export const WASSERSTEIN_LOSS_NODES: readonly AnyNodeDefinition[] = [wganCriticLoss, wganGeneratorLoss];
