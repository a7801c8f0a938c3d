// Loss nodes: each returns one unweighted scalar (the trainer multiplies it by the node's weight).
// Reductions are chosen so a VAE's BCE (sum) + KL reads as the negative ELBO in nats per sample.

import type * as tfjs from '@tensorflow/tfjs';
import {
  defineNode,
  type AnyNodeDefinition,
  type InferContext,
  type PortSpec,
  type Rng,
  type TF,
} from '../src/core/types/definition';
import type { NumberParam, ParamSpecs } from '../src/core/types/params';
import { formatType, lossType, sameShape, type TensorType } from '../src/core/types/ports';
import { matchingPair } from './infer-helpers';

/** Keeps log() finite when a probability reaches 0 or 1. */
export const PROBABILITY_EPSILON = 1e-7;

export const WEIGHT: NumberParam = {
  kind: 'number',
  default: 1,
  min: 0,
  max: 1000,
  step: 0.1,
  live: true,
  doc: "How much this term counts in the optimizer's total loss (for example beta on a VAE's KL term).",
};

const REDUCTION = {
  kind: 'enum',
  options: ['mean', 'sum'],
  default: 'mean',
  doc: 'mean: average over every value; sum: add up the values of each sample, then average over the batch.',
} as const;

const FROM = {
  kind: 'enum',
  options: ['logits', 'probabilities'],
  default: 'logits',
  doc: 'What the input holds: raw scores (no sigmoid at the end, more stable) or probabilities in 0..1 (after a sigmoid).',
} as const;

export const LOSS_OUT: readonly PortSpec[] = [{ name: 'loss', kind: 'loss', preview: 'loss-chart' }];

/** Per-element values [B,...] to a scalar: 'mean' over everything, or 'sum' per sample then mean over B. */
function reduce(tf: TF, values: tfjs.Tensor, reduction: 'mean' | 'sum'): tfjs.Scalar {
  if (reduction === 'mean' || values.rank < 2) return tf.mean(values);
  return tf.mean(tf.sum(tf.reshape(values, [values.shape[0] ?? -1, -1]), 1));
}

/** Binary cross-entropy per element against targets in [0, 1]. */
function binaryCrossEntropy(
  tf: TF,
  input: tfjs.Tensor,
  target: tfjs.Tensor | number,
  from: 'logits' | 'probabilities',
) {
  if (from === 'logits') {
    // max(x, 0) - x t + log(1 + exp(-|x|)): the stable form of -t log s(x) - (1 - t) log(1 - s(x)).
    return tf.add(tf.sub(tf.relu(input), tf.mul(input, target)), tf.log1p(tf.exp(tf.neg(tf.abs(input)))));
  }
  const p = tf.clipByValue(input, PROBABILITY_EPSILON, 1 - PROBABILITY_EPSILON);
  return tf.neg(tf.add(tf.mul(target, tf.log(p)), tf.mul(tf.sub(1, target), tf.log(tf.sub(1, p)))));
}

const PREDICTION_TARGET: readonly PortSpec[] = [
  { name: 'prediction', kind: 'tensor', doc: 'What the network produced, e.g. the reconstruction.' },
  { name: 'target', kind: 'tensor', doc: 'What it should have produced, e.g. the clean input.' },
];

export const mseLoss = defineNode({
  type: 'loss.mse',
  title: 'Mean squared error',
  category: 'loss',
  doc: 'Squared difference between prediction and target: small when the reconstruction is close to the original.',
  inputs: PREDICTION_TARGET,
  outputs: LOSS_OUT,
  params: { weight: WEIGHT, reduction: REDUCTION },
  infer(ctx) {
    matchingPair(ctx, 'prediction', 'target');
    return { loss: lossType };
  },
  build: {
    role: 'loss',
    run(ctx) {
      const { tf } = ctx;
      return tf.tidy(() =>
        reduce(tf, tf.squaredDifference(ctx.input('prediction'), ctx.input('target')), ctx.params.reduction),
      );
    },
  },
});

export const l1Loss = defineNode({
  type: 'loss.l1',
  title: 'L1 error',
  category: 'loss',
  doc: 'Absolute difference between prediction and target; punishes small errors more and large errors less than squared error.',
  inputs: PREDICTION_TARGET,
  outputs: LOSS_OUT,
  params: { weight: WEIGHT, reduction: REDUCTION },
  infer(ctx) {
    matchingPair(ctx, 'prediction', 'target');
    return { loss: lossType };
  },
  build: {
    role: 'loss',
    run(ctx) {
      const { tf } = ctx;
      return tf.tidy(() =>
        reduce(tf, tf.abs(tf.sub(ctx.input('prediction'), ctx.input('target'))), ctx.params.reduction),
      );
    },
  },
});

export const bceLoss = defineNode({
  type: 'loss.bce',
  title: 'Binary cross-entropy',
  category: 'loss',
  doc: 'Cross-entropy for values between 0 and 1 such as pixels; with reduction "sum" it is the reconstruction term of a VAE.',
  inputs: PREDICTION_TARGET,
  outputs: LOSS_OUT,
  params: { weight: WEIGHT, reduction: REDUCTION, from: FROM },
  infer(ctx) {
    matchingPair(ctx, 'prediction', 'target');
    return { loss: lossType };
  },
  build: {
    role: 'loss',
    run(ctx) {
      const { tf, params } = ctx;
      return tf.tidy(() =>
        reduce(
          tf,
          binaryCrossEntropy(tf, ctx.input('prediction'), ctx.input('target'), params.from),
          params.reduction,
        ),
      );
    },
  },
  // Summed per image, BCE is -log p(x|z) under a Bernoulli decoder; averaged, it is not in nats per image.
  elboTerm: (params) => (params.reduction === 'sum' ? 'reconstruction' : null),
});

export const klNormalLoss = defineNode({
  type: 'loss.kl-normal',
  title: 'KL to N(0, I)',
  category: 'loss',
  doc: "How far the encoder's Gaussian q(z|x) is from the prior N(0, I), in nats: the regulariser of a VAE.",
  inputs: [
    { name: 'mu', kind: 'tensor', doc: 'Mean of q(z|x).' },
    { name: 'logVar', kind: 'tensor', doc: 'Log-variance of q(z|x).' },
  ],
  outputs: LOSS_OUT,
  params: { weight: WEIGHT, reduction: { ...REDUCTION, default: 'sum' } },
  infer(ctx) {
    matchingPair(ctx, 'mu', 'logVar');
    return { loss: lossType };
  },
  build: {
    role: 'loss',
    run(ctx) {
      const { tf } = ctx;
      return tf.tidy(() => {
        const mu = ctx.input('mu');
        const logVar = ctx.input('logVar');
        // KL(N(mu, s^2) || N(0, 1)) = -1/2 (1 + log s^2 - mu^2 - s^2), per latent dimension.
        const perDim = tf.mul(-0.5, tf.sub(tf.sub(tf.add(1, logVar), tf.square(mu)), tf.exp(logVar)));
        return reduce(tf, perDim, ctx.params.reduction);
      });
    },
  },
  // Summed over latent dimensions it is the ELBO's KL term; averaged, it is that divided by the code size.
  elboTerm: (params) => (params.reduction === 'sum' ? 'kl' : null),
});

export const l1ActivityLoss = defineNode({
  type: 'loss.l1-activity',
  title: 'L1 activity penalty',
  category: 'loss',
  doc: 'Sum of the absolute activations of a layer: pushes most units to 0, giving a sparse code.',
  inputs: [{ name: 'activation', kind: 'tensor', doc: 'The code whose activity should be sparse.' }],
  outputs: LOSS_OUT,
  params: { weight: { ...WEIGHT, default: 0.001 }, reduction: { ...REDUCTION, default: 'sum' } },
  infer(ctx) {
    ctx.tensor('activation');
    return { loss: lossType };
  },
  build: {
    role: 'loss',
    run(ctx) {
      const { tf } = ctx;
      return tf.tidy(() => reduce(tf, tf.abs(ctx.input('activation')), ctx.params.reduction));
    },
  },
});

export const klSparsityLoss = defineNode({
  type: 'loss.kl-sparsity',
  title: 'KL sparsity',
  category: 'loss',
  doc: 'Asks each unit to be active only a small share rho of the time: KL(rho || average activation), added over units.',
  inputs: [{ name: 'activation', kind: 'tensor', doc: 'Activations between 0 and 1 (after a sigmoid).' }],
  outputs: LOSS_OUT,
  params: {
    weight: WEIGHT,
    target: {
      kind: 'number',
      default: 0.05,
      min: 0.001,
      max: 0.999,
      step: 0.01,
      live: true,
      label: 'target rho',
      doc: 'The average activation each unit should have over a batch.',
    },
  },
  infer(ctx) {
    ctx.tensor('activation');
    return { loss: lossType };
  },
  build: {
    role: 'loss',
    run(ctx) {
      const { tf } = ctx;
      const rho = ctx.params.target;
      return tf.tidy(() => {
        const activation = ctx.input('activation');
        const perUnit = tf.reshape(activation, [activation.shape[0] ?? -1, -1]);
        const rhoHat = tf.clipByValue(tf.mean(perUnit, 0), PROBABILITY_EPSILON, 1 - PROBABILITY_EPSILON);
        const kl = tf.add(
          tf.mul(rho, tf.log(tf.div(rho, rhoHat))),
          tf.mul(1 - rho, tf.log(tf.div(1 - rho, tf.sub(1, rhoHat)))),
        );
        return tf.sum(kl);
      });
    },
  },
});

// ---------------------------------------------------------------- classification

/** Class scores [B,C] whose C matches the number of classes on a labels port. */
export function classScores<P extends ParamSpecs>(
  ctx: InferContext<P>,
  scoresPort: string,
  labelsPort: string,
): TensorType {
  const scores = ctx.tensor(scoresPort, 1);
  const labels = ctx.input(labelsPort);
  if (labels === undefined) return ctx.fail('E_UNCONNECTED', { port: labelsPort });
  if (labels.kind !== 'labels')
    ctx.fail('E_WRONG_KIND', { port: labelsPort, expected: 'class labels', actual: formatType(labels) });
  else if (!sameShape(scores.shape, [labels.classes]))
    ctx.fail('E_SHAPE_MISMATCH', {
      port: scoresPort,
      expected: `vector [B,${labels.classes}], one score per class (end the classifier with Dense(${labels.classes}))`,
      actual: formatType(scores),
    });
  return scores;
}

export const categoricalCrossEntropyLoss = defineNode({
  type: 'loss.categorical-crossentropy',
  title: 'Categorical cross-entropy',
  category: 'loss',
  doc: 'Trains a classifier: minus the log of the probability it gives the true class, averaged over the batch (ln 10 = 2.3 for a blind guess among 10).',
  inputs: [
    {
      name: 'scores',
      kind: 'tensor',
      doc: 'One score per class [B,C]: raw scores (end with a linear Dense) or probabilities (end with softmax).',
    },
    { name: 'labels', kind: 'labels', doc: 'The true class of each sample.' },
  ],
  outputs: LOSS_OUT,
  params: {
    weight: WEIGHT,
    from: {
      kind: 'enum',
      options: ['logits', 'probabilities'],
      default: 'logits',
      doc: 'What the scores are: raw scores, turned into probabilities by a softmax inside the loss (more stable), or probabilities already.',
    },
  },
  infer(ctx) {
    classScores(ctx, 'scores', 'labels');
    return { loss: lossType };
  },
  build: {
    role: 'loss',
    run(ctx) {
      const { tf, params } = ctx;
      return tf.tidy(() => {
        const scores = ctx.input('scores');
        const logProbabilities =
          params.from === 'logits'
            ? tf.logSoftmax(scores)
            : tf.log(tf.clipByValue(scores, PROBABILITY_EPSILON, 1));
        const classes = scores.shape[1] ?? 1;
        const truth = tf.oneHot(tf.cast(ctx.input('labels'), 'int32'), classes);
        return tf.neg(tf.mean(tf.sum(tf.mul(truth, logProbabilities), 1)));
      });
    },
  },
});

/**
 * A discriminator score port: one number per sample [B,1], or one per patch of the image
 * [B,h,w,1] (a patch discriminator); the losses average over every score.
 */
export function scoreInput<P extends ParamSpecs>(ctx: InferContext<P>, port: string): TensorType {
  const score = ctx.tensor(port);
  if (score.shape.length === 0 || score.shape.at(-1) !== 1) {
    ctx.fail('E_SHAPE_MISMATCH', {
      port,
      expected:
        'vector [B,1], one discriminator score per sample (end the discriminator with Dense(1)), or a map of patch scores [B,h,w,1]',
      actual: formatType(score),
    });
  }
  return score;
}

/**
 * Per-sample targets [count,1]: `target`, except that each is swapped for `flipped` with
 * probability `rate` (label noise), drawn from the node's seeded stream.
 */
export function noisyTargets(rng: Rng, count: number, rate: number, target: number, flipped: number) {
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = rng.next() < rate ? flipped : target;
  return values;
}

export const ganDiscriminatorLoss = defineNode({
  type: 'loss.gan-discriminator',
  title: 'GAN discriminator loss',
  category: 'loss',
  doc: 'Trains D to say "real" (1) on real data and "fake" (0) on generated data: -log D(x) - log(1 - D(G(z))).',
  inputs: [
    { name: 'real', kind: 'tensor', doc: "D's scores on real data [B,1], or per patch [B,h,w,1]." },
    { name: 'fake', kind: 'tensor', doc: "D's scores on generated data [B,1], or per patch [B,h,w,1]." },
  ],
  outputs: LOSS_OUT,
  params: {
    weight: WEIGHT,
    from: FROM,
    smoothing: {
      kind: 'number',
      default: 0,
      min: 0,
      max: 0.5,
      step: 0.05,
      live: true,
      label: 'label smoothing',
      doc: 'One-sided smoothing: the target for real data becomes 1 - smoothing, which keeps D from growing overconfident.',
    },
    noise: {
      kind: 'number',
      default: 0,
      min: 0,
      max: 0.5,
      step: 0.01,
      live: true,
      label: 'label noise',
      doc: 'Share of the labels swapped at random on every training step (a real point labelled fake, a generated one real), so D can never trust its labels completely.',
    },
  },
  criticMap: {
    real: 'real',
    fake: 'fake',
    scale: (params) => (params.from === 'logits' ? 'logits' : 'probability'),
  },
  infer(ctx) {
    scoreInput(ctx, 'real');
    scoreInput(ctx, 'fake');
    return { loss: lossType };
  },
  build: {
    role: 'loss',
    run(ctx) {
      const { tf, params } = ctx;
      const realTarget = 1 - params.smoothing;
      // Labels are swapped only while training, so evaluating the loss measures it without noise.
      const targets = (scores: tfjs.Tensor, target: number, flipped: number): tfjs.Tensor | number =>
        params.noise > 0 && ctx.mode === 'train'
          ? tf.tensor(noisyTargets(ctx.rng, scores.size, params.noise, target, flipped), scores.shape)
          : target;
      return tf.tidy(() => {
        const realScores = ctx.input('real');
        const fakeScores = ctx.input('fake');
        const real = binaryCrossEntropy(tf, realScores, targets(realScores, realTarget, 0), params.from);
        const fake = binaryCrossEntropy(tf, fakeScores, targets(fakeScores, 0, realTarget), params.from);
        return tf.add(tf.mean(real), tf.mean(fake));
      });
    },
  },
});

export const ganGeneratorLoss = defineNode({
  type: 'loss.gan-generator',
  title: 'GAN generator loss',
  category: 'loss',
  doc: 'Trains G to fool D. Non-saturating: -log D(G(z)), strong gradients early on; minimax: log(1 - D(G(z))), which stalls when D wins.',
  inputs: [
    { name: 'fake', kind: 'tensor', doc: "D's scores on generated data [B,1], or per patch [B,h,w,1]." },
  ],
  outputs: LOSS_OUT,
  params: {
    weight: WEIGHT,
    form: {
      kind: 'enum',
      options: ['non-saturating', 'minimax'],
      default: 'non-saturating',
      live: true,
      doc: 'non-saturating: minimise -log D(G(z)); minimax: minimise log(1 - D(G(z))) as in the original game.',
    },
    from: FROM,
  },
  infer(ctx) {
    scoreInput(ctx, 'fake');
    return { loss: lossType };
  },
  build: {
    role: 'loss',
    run(ctx) {
      const { tf, params } = ctx;
      return tf.tidy(() => {
        const fake = ctx.input('fake');
        // -log D = BCE(score, 1); log(1 - D) = -BCE(score, 0).
        if (params.form === 'non-saturating') return tf.mean(binaryCrossEntropy(tf, fake, 1, params.from));
        return tf.neg(tf.mean(binaryCrossEntropy(tf, fake, 0, params.from)));
      });
    },
  },
});

export const LOSS_NODES: readonly AnyNodeDefinition[] = [
  mseLoss,
  l1Loss,
  bceLoss,
  klNormalLoss,
  l1ActivityLoss,
  klSparsityLoss,
  categoricalCrossEntropyLoss,
  ganDiscriminatorLoss,
  ganGeneratorLoss,
];
