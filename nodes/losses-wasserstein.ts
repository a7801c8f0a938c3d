// Wasserstein GAN losses: a critic (a discriminator without a sigmoid) scores real data high and
// generated data low, and the generator raises the critic's scores of its samples. The gradient
// penalty keeps the critic's slope in check (near 1 for WGAN-GP, near 0 when zero-centred) instead
// of clipping its weights.

import type * as tfjs from '@tensorflow/tfjs';
import { defineNode, type AnyNodeDefinition } from '../src/core/types/definition';
import { lossType, sameShape } from '../src/core/types/ports';
import { expectNetworkInput, matchingPair } from './infer-helpers';
import { LOSS_OUT, scoreInput, WEIGHT } from './losses';
import { uniformValues } from './random';

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

/** Keeps the norm of a sum's gradient finite where the critic is flat. */
const NORM_EPSILON = 1e-12;

export const gradientPenalty = defineNode({
  type: 'loss.gradient-penalty',
  title: 'Gradient penalty',
  category: 'loss',
  doc: "Keeps a Wasserstein critic's slope in check: at random points on the lines between real and generated samples it takes the critic's gradient and penalises (|gradient| - s)^2, s the target slope (1 for WGAN-GP, 0 for a zero-centred penalty). Its weight is the penalty's lambda.",
  inputs: [
    { name: 'real', kind: 'tensor', doc: "Real samples, the critic's input." },
    { name: 'fake', kind: 'tensor', doc: 'Generated samples of the same type.' },
  ],
  outputs: LOSS_OUT,
  params: {
    network: { kind: 'network', default: '', doc: 'The critic whose slope is penalised.' },
    weight: { ...WEIGHT, default: 10, doc: 'lambda: how much the penalty counts against the critic loss.' },
    slope: {
      kind: 'number',
      default: 1,
      min: 0,
      max: 10,
      step: 0.5,
      live: true,
      label: 'target slope',
      doc: "The gradient norm the penalty pulls the critic's slope towards: 1 penalises (|gradient| - 1)^2 (WGAN-GP); 0 penalises |gradient|^2 (zero-centred), which flattens the critic where generated and real points meet.",
    },
  },
  infer(ctx) {
    const real = matchingPair(ctx, 'real', 'fake');
    const id = ctx.params.network;
    if (id === '') ctx.fail('E_BAD_PARAM', { param: 'network', detail: 'choose the critic to penalise' });
    const { inputs, outputs } = ctx.network(id);
    const [expected] = inputs;
    const [score] = outputs;
    if (
      inputs.length !== 1 ||
      expected === undefined ||
      score?.kind !== 'tensor' ||
      !sameShape(score.shape, [1])
    )
      return ctx.fail('E_NETWORK_SHAPE', {
        network: id,
        detail: 'the penalty needs a critic with one input and one score per sample [B,1]',
      });
    expectNetworkInput(ctx, 'real', id, real, expected);
    return { loss: lossType };
  },
  build: {
    role: 'loss',
    appliesNetwork: (params) => params.network,
    run(ctx) {
      const { tf } = ctx;
      const real = ctx.input('real');
      const fake = ctx.input('fake');
      const critic = ctx.network(ctx.params.network);
      const count = real.shape[0] ?? 0;
      // One mixing share per sample, broadcast over its values.
      const share = uniformValues(ctx.rng, count, 0, 1);
      return tf.tidy(() => {
        const t = tf.tensor(share, [count, ...real.shape.slice(1).map(() => 1)]);
        const between = tf.add(tf.mul(t, real), tf.mul(tf.sub(1, t), fake));
        const gradient = tf.grad((x: tfjs.Tensor) => tf.sum(critic(x)))(between);
        const squared = tf.sum(tf.square(tf.reshape(gradient, [count, -1])), 1);
        // With a target of 0 the penalty is the squared norm itself, no square root needed.
        if (ctx.params.slope === 0) return tf.mean(squared);
        const norms = tf.sqrt(tf.add(squared, NORM_EPSILON));
        return tf.mean(tf.square(tf.sub(norms, ctx.params.slope)));
      });
    },
  },
});

export const WASSERSTEIN_LOSS_NODES: readonly AnyNodeDefinition[] = [
  wganCriticLoss,
  wganGeneratorLoss,
  gradientPenalty,
];
