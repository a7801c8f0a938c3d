// Tensor op nodes that are not layers (they hold no weights): splitting a VAE encoder's output,
// the reparameterised sample, arithmetic, concatenation, stopping gradients and one-hot labels.

import type * as tfjs from '@tensorflow/tfjs';
import { defineNode, type AnyNodeDefinition } from '../src/core/types/definition';
import { formatShape, formatType, sameShape, tensorType } from '../src/core/types/ports';
import { normalValues } from './random';
import { matchingPair } from './infer-helpers';

const IN = { name: 'in', kind: 'tensor' } as const;
const OUT = { name: 'out', kind: 'tensor', preview: 'auto' } as const;

export const splitOp = defineNode({
  type: 'op.split',
  title: 'Split mu / logVar',
  category: 'op',
  doc: 'Cuts a vector of length 2n into two halves: the mean mu and the log-variance logVar of a VAE encoder.',
  inputs: [{ ...IN, doc: 'A vector [B,2n], usually the last dense layer of the encoder.' }],
  outputs: [
    { name: 'mu', kind: 'tensor', preview: 'auto', doc: 'The first half [B,n].' },
    { name: 'logVar', kind: 'tensor', preview: 'histogram', doc: 'The second half [B,n].' },
  ],
  params: {},
  infer(ctx) {
    const input = ctx.tensor('in', 1);
    const length = input.shape[0] ?? 0;
    if (length % 2 !== 0) {
      ctx.fail('E_SHAPE_MISMATCH', {
        port: 'in',
        expected: 'a vector of even length [B,2n] to split in two halves',
        actual: formatType(input),
      });
    }
    const half = tensorType([length / 2]);
    return { mu: half, logVar: half };
  },
  build: {
    role: 'op',
    run(ctx) {
      const [mu, logVar] = ctx.tf.split(ctx.input('in'), 2, 1);
      if (mu === undefined || logVar === undefined) throw new Error('split returned fewer than two halves');
      return { mu, logVar };
    },
  },
});

export const sampleOp = defineNode({
  type: 'op.sample',
  title: 'Reparameterised sample',
  category: 'op',
  doc: 'Draws z = mu + exp(logVar / 2) * eps with eps ~ N(0, I): random, yet gradients still reach mu and logVar.',
  inputs: [
    { name: 'mu', kind: 'tensor', doc: 'Mean of q(z|x).' },
    { name: 'logVar', kind: 'tensor', doc: 'Log of the variance of q(z|x).' },
  ],
  outputs: [{ ...OUT, doc: 'The sampled code z.' }],
  params: {},
  infer(ctx) {
    return { out: tensorType(matchingPair(ctx, 'mu', 'logVar').shape) };
  },
  build: {
    role: 'op',
    run(ctx) {
      const { tf } = ctx;
      const mu = ctx.input('mu');
      const logVar = ctx.input('logVar');
      const eps = normalValues(ctx.rng, mu.size);
      const out = tf.tidy(() =>
        tf.add(mu, tf.mul(tf.exp(tf.mul(logVar, 0.5)), tf.tensor(eps, mu.shape, 'float32'))),
      );
      return { out };
    },
  },
});

export const addOp = defineNode({
  type: 'op.add',
  title: 'Add',
  category: 'op',
  doc: 'Adds two tensors of the same shape, value by value.',
  inputs: [
    { name: 'a', kind: 'tensor' },
    { name: 'b', kind: 'tensor' },
  ],
  outputs: [{ ...OUT, doc: 'a + b' }],
  params: {},
  infer(ctx) {
    return { out: tensorType(matchingPair(ctx, 'a', 'b').shape) };
  },
  build: {
    role: 'op',
    run(ctx) {
      return { out: ctx.tf.add(ctx.input('a'), ctx.input('b')) };
    },
  },
});

export const scaleOp = defineNode({
  type: 'op.scale',
  title: 'Scale',
  category: 'op',
  doc: 'Multiplies every value by a number, for example to shrink or flip a signal.',
  inputs: [IN],
  outputs: [OUT],
  params: {
    factor: {
      kind: 'number',
      default: 1,
      min: -100,
      max: 100,
      step: 0.1,
      live: true,
      doc: 'The multiplier.',
    },
  },
  infer(ctx) {
    return { out: tensorType(ctx.tensor('in').shape) };
  },
  build: {
    role: 'op',
    run(ctx) {
      return { out: ctx.tf.mul(ctx.input('in'), ctx.params.factor) };
    },
  },
});

export const concatOp = defineNode({
  type: 'op.concat',
  title: 'Concatenate',
  category: 'op',
  doc: 'Joins tensors along their last axis, e.g. noise and a one-hot class for a conditional generator.',
  inputs: [
    {
      ...IN,
      multiple: true,
      doc: 'Tensors with equal shapes except the last axis, such as vectors [B,n] and [B,m].',
    },
  ],
  outputs: [{ ...OUT, doc: 'All inputs side by side.' }],
  params: {},
  infer(ctx) {
    const types = ctx.inputs('in');
    const shapes = types.map((type) => {
      if (type.kind !== 'tensor') {
        return ctx.fail('E_WRONG_KIND', { port: 'in', expected: 'a tensor', actual: formatType(type) });
      }
      return type.shape;
    });
    const [first] = shapes;
    if (first === undefined) return ctx.fail('E_UNCONNECTED', { port: 'in' });
    if (first.length === 0) {
      ctx.fail('E_RANK', {
        port: 'in',
        expected: 'a tensor with at least one axis',
        actual: formatShape(first),
      });
    }
    const lead = first.slice(0, -1);
    let last = 0;
    for (const shape of shapes) {
      if (shape.length !== first.length || !sameShape(shape.slice(0, -1), lead)) {
        ctx.fail('E_SHAPE_MISMATCH', {
          port: 'in',
          expected: `[${['B', ...lead, 'n'].join(',')}] to match the first input ${formatShape(first)}`,
          actual: formatShape(shape),
        });
      }
      last += shape[shape.length - 1] ?? 0;
    }
    return { out: tensorType([...lead, last]) };
  },
  build: {
    role: 'op',
    run(ctx) {
      const parts = ctx.inputs('in');
      return { out: ctx.tf.concat([...parts], -1) };
    },
  },
});

export const stopGradientOp = defineNode({
  type: 'op.stop-gradient',
  title: 'Stop gradient',
  category: 'op',
  doc: 'Passes values forward unchanged but lets no gradient flow back, so no optimizer trains what lies before it through this path.',
  inputs: [IN],
  outputs: [OUT],
  params: {},
  infer(ctx) {
    return { out: tensorType(ctx.tensor('in').shape) };
  },
  build: {
    role: 'op',
    run(ctx) {
      const { tf } = ctx;
      // tfjs has no stop_gradient op; an identity whose gradient is zero does the same job.
      const blocked = tf.customGrad((...args: (tfjs.Tensor | unknown)[]) => {
        const x = args[0] as tfjs.Tensor;
        return { value: tf.clone(x), gradFunc: (dy: tfjs.Tensor) => tf.zerosLike(dy) };
      });
      return { out: blocked(ctx.input('in')) };
    },
  },
});

export const oneHotOp = defineNode({
  type: 'op.one-hot',
  title: 'One-hot',
  category: 'op',
  doc: 'Turns class labels into vectors with a 1 at the class and 0 elsewhere, so a network can read them.',
  inputs: [{ name: 'labels', kind: 'labels', doc: 'Class labels [B].' }],
  outputs: [{ ...OUT, doc: 'One-hot vectors [B,classes].' }],
  params: {},
  infer(ctx) {
    const labels = ctx.input('labels');
    if (labels === undefined) return ctx.fail('E_UNCONNECTED', { port: 'labels' });
    if (labels.kind !== 'labels') {
      return ctx.fail('E_WRONG_KIND', {
        port: 'labels',
        expected: 'class labels',
        actual: formatType(labels),
      });
    }
    return { out: tensorType([labels.classes]) };
  },
  build: {
    role: 'op',
    run(ctx) {
      const { tf } = ctx;
      const classes = ctx.outputType('out');
      const depth = classes.kind === 'tensor' ? (classes.shape[0] ?? 1) : 1;
      return {
        out: tf.tidy(() => tf.cast(tf.oneHot(tf.cast(ctx.input('labels'), 'int32'), depth), 'float32')),
      };
    },
  },
});

export const OP_NODES: readonly AnyNodeDefinition[] = [
  splitOp,
  sampleOp,
  addOp,
  scaleOp,
  concatOp,
  stopGradientOp,
  oneHotOp,
];
