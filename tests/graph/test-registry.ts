// A small node catalogue for the graph-file tests, independent of the real one under nodes/.

import { defineNode, makeRegistry } from '../../src/core/types/definition';
import { lossType, tensorType } from '../../src/core/types/ports';

// The loader never builds; a node that is built by mistake says so.
const notBuilt = (): never => {
  throw new Error('the graph-file test registry builds nothing');
};

export const testSource = defineNode({
  type: 'test.source',
  title: 'Test source',
  category: 'source',
  doc: 'A batch of tensors of a chosen shape.',
  inputs: [],
  outputs: [{ name: 'out', kind: 'tensor' }],
  params: {
    shape: { kind: 'shape', default: [8] },
    shuffle: { kind: 'boolean', default: true },
  },
  infer: (ctx) => ({ out: tensorType(ctx.params.shape) }),
  build: { role: 'op', run: notBuilt },
});

export const testDense = defineNode({
  type: 'test.dense',
  title: 'Test dense',
  category: 'layer',
  doc: 'A fully connected layer.',
  inputs: [{ name: 'in', kind: 'tensor' }],
  outputs: [{ name: 'out', kind: 'tensor' }],
  params: {
    units: { kind: 'number', default: 16, min: 1, integer: true },
    activation: { kind: 'enum', default: 'relu', options: ['relu', 'sigmoid', 'linear'] },
    useBias: { kind: 'boolean', default: true },
  },
  infer: (ctx) => {
    ctx.tensor('in', 1);
    return { out: tensorType([ctx.params.units]) };
  },
  build: { role: 'op', run: notBuilt },
});

export const testLoss = defineNode({
  type: 'test.loss',
  title: 'Test loss',
  category: 'loss',
  doc: 'Mean squared error between a prediction and a target.',
  inputs: [
    { name: 'prediction', kind: 'tensor' },
    { name: 'target', kind: 'tensor' },
  ],
  outputs: [{ name: 'loss', kind: 'loss' }],
  params: { weight: { kind: 'number', default: 1, min: 0 } },
  infer: () => ({ loss: lossType }),
  build: { role: 'op', run: notBuilt },
});

export const testOptimizer = defineNode({
  type: 'test.optimizer',
  title: 'Test optimizer',
  category: 'optimizer',
  doc: 'Minimises its losses over its networks.',
  inputs: [{ name: 'losses', kind: 'loss', multiple: true }],
  outputs: [],
  params: {
    learningRate: { kind: 'number', default: 0.001, min: 0, log: true, live: true },
    networks: { kind: 'networks', default: [] },
  },
  infer: () => ({}),
  build: { role: 'op', run: notBuilt },
});

export const testRegistry = makeRegistry([testSource, testDense, testLoss, testOptimizer]);
