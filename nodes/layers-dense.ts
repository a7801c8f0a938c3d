// Layers on feature vectors and element-wise layers: dense, activation, dropout, batch norm,
// and the embedding that turns class labels into vectors.

import { defineNode } from '../src/core/types/definition';
import { formatType, tensorType } from '../src/core/types/ports';
import {
  ACTIVATION_FUNCTIONS,
  activationParam,
  countParam,
  IN_PORT,
  kernelAndBias,
  lastAxis,
  OUT_PORT,
  seededKernel,
  tensorOfRankAtLeast,
  trained,
} from './layers-common';

export const denseNode = defineNode({
  type: 'layer.dense',
  title: 'Dense',
  category: 'layer',
  doc: 'Every output is a learned weighted sum of all inputs plus a bias: the basic fully connected layer.',
  inputs: [IN_PORT],
  outputs: [OUT_PORT],
  params: {
    units: countParam('units', 64, 4096, 'units', 'How many numbers the layer outputs per sample.'),
    activation: activationParam('relu'),
    useBias: {
      kind: 'boolean',
      label: 'bias',
      default: true,
      doc: 'Adds a learned offset to every output; turn off when a batch norm follows.',
    },
  },
  infer(ctx) {
    ctx.tensor('in', 1);
    return { out: tensorType([ctx.params.units]) };
  },
  build: {
    role: 'layer',
    layer: (ctx, p) =>
      ctx.tf.layers.dense({
        name: ctx.name,
        units: p.units,
        activation: p.activation,
        useBias: p.useBias,
        kernelInitializer: seededKernel(ctx),
        biasInitializer: 'zeros',
      }),
    weights: ([input], p) => kernelAndBias([lastAxis(input), p.units], p.units, p.useBias),
  },
});

export const activationNode = defineNode({
  type: 'layer.activation',
  title: 'Activation',
  category: 'layer',
  doc: 'Applies a function to every value on its own; the shape stays the same.',
  inputs: [IN_PORT],
  outputs: [OUT_PORT],
  params: {
    function: {
      kind: 'enum',
      label: 'function',
      default: 'relu',
      options: ACTIVATION_FUNCTIONS,
      doc: 'relu zeroes negatives; leakyRelu keeps a small slope alpha for them (common in GAN discriminators); sigmoid squashes into 0..1, tanh into -1..1; softmax makes the last axis sum to 1.',
    },
    alpha: {
      kind: 'number',
      label: 'alpha',
      default: 0.2,
      min: 0,
      max: 1,
      step: 0.01,
      unit: 'slope',
      doc: 'Slope for negative values; used only by leakyRelu.',
    },
  },
  infer(ctx) {
    return { out: tensorType(ctx.tensor('in').shape) };
  },
  build: {
    role: 'layer',
    layer: (ctx, p) =>
      p.function === 'leakyRelu'
        ? ctx.tf.layers.leakyReLU({ name: ctx.name, alpha: p.alpha })
        : ctx.tf.layers.activation({ name: ctx.name, activation: p.function }),
  },
});

export const dropoutNode = defineNode({
  type: 'layer.dropout',
  title: 'Dropout',
  category: 'layer',
  doc: 'While training, sets a random fraction of values to zero (and scales up the rest) so the network cannot rely on any single one.',
  inputs: [IN_PORT],
  outputs: [OUT_PORT],
  params: {
    rate: {
      kind: 'number',
      label: 'rate',
      default: 0.3,
      min: 0,
      max: 0.95,
      step: 0.05,
      unit: 'fraction',
      doc: 'Fraction of values dropped at each training step; nothing is dropped when evaluating.',
    },
  },
  infer(ctx) {
    return { out: tensorType(ctx.tensor('in').shape) };
  },
  build: {
    role: 'layer',
    layer: (ctx, p) => ctx.tf.layers.dropout({ name: ctx.name, rate: p.rate, seed: ctx.seed }),
  },
});

export const batchNormNode = defineNode({
  type: 'layer.batch-norm',
  title: 'Batch norm',
  category: 'layer',
  doc: 'Rescales each feature (channel) to mean 0 and variance 1 over the batch, then applies a learned scale and shift.',
  inputs: [IN_PORT],
  outputs: [OUT_PORT],
  params: {
    momentum: {
      kind: 'number',
      label: 'momentum',
      default: 0.99,
      min: 0,
      max: 0.999,
      step: 0.001,
      doc: 'How slowly the running mean and variance (used when evaluating) follow the batches.',
    },
    epsilon: {
      kind: 'number',
      label: 'epsilon',
      default: 0.001,
      min: 1e-6,
      max: 0.1,
      step: 1e-4,
      log: true,
      doc: 'Small number added to the variance so that dividing by it never blows up.',
    },
  },
  infer(ctx) {
    return { out: tensorType(tensorOfRankAtLeast(ctx, 1).shape) };
  },
  build: {
    role: 'layer',
    layer: (ctx, p) =>
      ctx.tf.layers.batchNormalization({
        name: ctx.name,
        axis: -1,
        momentum: p.momentum,
        epsilon: p.epsilon,
      }),
    weights([input]) {
      const channels = [lastAxis(input)];
      const statistic = (name: string) => ({ name, shape: channels, trainable: false });
      return [
        trained('gamma', channels),
        trained('beta', channels),
        statistic('moving_mean'),
        statistic('moving_variance'),
      ];
    },
  },
});

export const labelEmbeddingNode = defineNode({
  type: 'layer.label-embedding',
  title: 'Label embedding',
  category: 'layer',
  doc: 'Looks up a learned vector for each class label, so labels can be concatenated with images or codes (conditional models).',
  inputs: [{ name: 'in', kind: 'labels', label: 'labels' }],
  outputs: [OUT_PORT],
  params: {
    dim: countParam('size', 16, 512, 'values', 'Length of the vector learned for each class.'),
  },
  infer(ctx) {
    const input = ctx.input('in');
    if (input === undefined) return ctx.fail('E_UNCONNECTED', { port: 'in' });
    if (input.kind !== 'labels') {
      return ctx.fail('E_WRONG_KIND', {
        port: 'in',
        expected: 'labels [B] of k classes',
        actual: formatType(input),
      });
    }
    return { out: tensorType([ctx.params.dim]) };
  },
  build: {
    role: 'layer',
    layer(ctx, p) {
      const input = ctx.inputTypes[0];
      if (input?.kind !== 'labels') throw new Error('label embedding built without a labels input');
      return ctx.tf.layers.embedding({
        name: ctx.name,
        inputDim: input.classes,
        outputDim: p.dim,
        embeddingsInitializer: ctx.tf.initializers.randomUniform({
          minval: -0.05,
          maxval: 0.05,
          seed: ctx.seed,
        }),
      });
    },
    weights: ([input], p) => [trained('embeddings', [input?.kind === 'labels' ? input.classes : 0, p.dim])],
  },
});

export const DENSE_LAYER_NODES = [
  denseNode,
  activationNode,
  dropoutNode,
  batchNormNode,
  labelEmbeddingNode,
] as const;
