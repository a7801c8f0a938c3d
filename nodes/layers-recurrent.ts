// Sequence layers on [B,t,n]: LSTM, GRU and a dense layer applied at every time step.

import { defineNode, type LayerBuildContext } from '../src/core/types/definition';
import { tensorType } from '../src/core/types/ports';
import type { PortType } from '../src/core/types/ports';
import {
  activationParam,
  countParam,
  IN_PORT,
  kernelAndBias,
  lastAxis,
  OUT_PORT,
  seededKernel,
  trained,
} from './layers-common';
import { withHandWrittenPass } from './lstm-sequence';

/**
 * Keras starts recurrent weights orthogonal, but tfjs builds that matrix with a QR decomposition
 * of thousands of tiny ops (about 4 s for 64 units on cpu, at every compile); seeded Glorot
 * weights cost milliseconds and train these short sequences well.
 */
const recurrentKernel = (ctx: LayerBuildContext) => seededKernel(ctx, 1);

/**
 * The gates' squashing function. tfjs defaults to a hard sigmoid (a clipped line), Keras and
 * PyTorch use the sigmoid; the hard one also costs more here, since its clip and its gradient's
 * masks are several small ops per step where the sigmoid is one (LSTM autoencoder on wasm:
 * 352 -> 202 ms of CPU per training step).
 */
const GATE_ACTIVATION = 'sigmoid';

/** A recurrent layer with `gates` gates: input and recurrent kernels and a bias for all gates at once. */
const gatedWeights =
  (gates: number) =>
  ([input]: readonly PortType[], p: { units: number }) => [
    trained('kernel', [lastAxis(input), gates * p.units]),
    trained('recurrent_kernel', [p.units, gates * p.units]),
    trained('bias', [gates * p.units]),
  ];

const recurrentParams = {
  units: countParam(
    'units',
    64,
    1024,
    'units',
    'Size of the memory (state) carried from step to step, and of each output.',
  ),
  returnSequences: {
    kind: 'boolean',
    label: 'sequence or last output',
    default: false,
    doc: 'On: output the state after every step, a sequence [B,t,units]; off: only after the last step, a vector [B,units].',
  },
} as const;

export const lstmNode = defineNode({
  type: 'layer.lstm',
  title: 'LSTM',
  category: 'layer',
  doc: 'Reads a sequence step by step, keeping a memory with learned gates that decide what to keep and what to forget.',
  inputs: [IN_PORT],
  outputs: [OUT_PORT],
  params: recurrentParams,
  infer(ctx) {
    const [steps = 0] = ctx.tensor('in', 2).shape;
    const { units, returnSequences } = ctx.params;
    return { out: tensorType(returnSequences ? [steps, units] : [units]) };
  },
  build: {
    role: 'layer',
    // tfjs's own layer (weights, saved form) with a hand-written pass: lstm-sequence.ts.
    layer: (ctx, p) =>
      withHandWrittenPass(
        ctx.tf,
        ctx.tf.layers.lstm({
          name: ctx.name,
          units: p.units,
          returnSequences: p.returnSequences,
          kernelInitializer: seededKernel(ctx),
          recurrentInitializer: recurrentKernel(ctx),
          // A forget gate that starts open lets memories survive early training (Keras' default).
          unitForgetBias: true,
          recurrentActivation: GATE_ACTIVATION,
        }),
      ),
    weights: gatedWeights(4),
  },
});

export const gruNode = defineNode({
  type: 'layer.gru',
  title: 'GRU',
  category: 'layer',
  doc: 'Reads a sequence step by step with a gated memory; a lighter cousin of the LSTM.',
  inputs: [IN_PORT],
  outputs: [OUT_PORT],
  params: recurrentParams,
  infer(ctx) {
    const [steps = 0] = ctx.tensor('in', 2).shape;
    const { units, returnSequences } = ctx.params;
    return { out: tensorType(returnSequences ? [steps, units] : [units]) };
  },
  build: {
    role: 'layer',
    layer: (ctx, p) =>
      ctx.tf.layers.gru({
        name: ctx.name,
        units: p.units,
        returnSequences: p.returnSequences,
        kernelInitializer: seededKernel(ctx),
        recurrentInitializer: recurrentKernel(ctx),
        recurrentActivation: GATE_ACTIVATION,
      }),
    weights: gatedWeights(3),
  },
});

export const timeDistributedDenseNode = defineNode({
  type: 'layer.time-distributed-dense',
  title: 'Dense per step',
  category: 'layer',
  doc: 'Applies the same dense layer to every step of a sequence, e.g. to turn LSTM states into outputs.',
  inputs: [IN_PORT],
  outputs: [OUT_PORT],
  params: {
    units: countParam('units', 32, 4096, 'units', 'How many numbers the layer outputs at each step.'),
    activation: activationParam('linear'),
  },
  infer(ctx) {
    const [steps = 0] = ctx.tensor('in', 2).shape;
    return { out: tensorType([steps, ctx.params.units]) };
  },
  build: {
    role: 'layer',
    // A tfjs Dense acts on the last axis and shares its weights across the others, which is
    // exactly a time-distributed dense; one plain layer exports more simply than a wrapper.
    layer: (ctx, p) =>
      ctx.tf.layers.dense({
        name: ctx.name,
        units: p.units,
        activation: p.activation,
        kernelInitializer: seededKernel(ctx),
        biasInitializer: 'zeros',
      }),
    weights: ([input], p) => kernelAndBias([lastAxis(input), p.units], p.units),
  },
});

export const RECURRENT_LAYER_NODES = [lstmNode, gruNode, timeDistributedDenseNode] as const;
