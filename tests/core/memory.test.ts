// The memory estimate of a graph, made from inferred types before anything is built, held against
// what tfjs really allocates for the presets: parameter counts and optimizer state.
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { estimateMemory, formatBytes } from '../../src/core/compile/memory';
import { compileProgram } from '../../src/core/compile/program';
import { inferGraph } from '../../src/core/infer';
import { checkMemory, GraphTooLargeError } from '../../src/core/train/session-memory';
import { GraphBuilder, wideDense } from './graph-builder';
import { preset, presetTrainer, tf, useCpu } from './helpers';

const presetNames = readdirSync(new URL('../../graphs/', import.meta.url))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

const estimateOf = (name: string, batchSize: number) =>
  estimateMemory(inferGraph(preset(name), NODE_REGISTRY), NODE_REGISTRY, { batchSize });

beforeAll(useCpu);

describe('estimateMemory', () => {
  it.each(presetNames)('%s: counts the parameters tfjs builds for it', (name) => {
    const doc = preset(name);
    const program = compileProgram(doc, NODE_REGISTRY, tf);
    try {
      const built = [...program.networks.values()].reduce((sum, net) => sum + net.model.countParams(), 0);
      expect(built).toBeGreaterThan(0);
      expect(estimateOf(name, 32).parameters).toBe(built);
    } finally {
      program.dispose();
    }
  });

  it.each(['stacked-autoencoder', 'gan-ring'])(
    '%s: counts the optimizer state tfjs keeps once every phase has stepped',
    async (name) => {
      const trainer = await presetTrainer(name, { batchSize: 8 });
      try {
        await trainer.step();
        let bytes = 0;
        for (const phase of trainer.program.phases) {
          const [iterations, ...slots] = await phase.optimizer.getWeights();
          tf.dispose(iterations?.tensor);
          bytes += slots.reduce((sum, s) => sum + s.tensor.size * 4, 0);
        }
        expect(bytes).toBeGreaterThan(0);
        expect(estimateOf(name, 8).optimizerBytes).toBe(bytes);
      } finally {
        trainer.dispose();
      }
    },
  );

  it('grows the activations with the batch and leaves the weights alone', () => {
    const small = estimateOf('stacked-autoencoder', 512);
    const large = estimateOf('stacked-autoencoder', 1024);
    expect(large.weightBytes).toBe(small.weightBytes);
    expect(large.activationBytes).toBe(small.activationBytes * 2);
    expect(large.totalBytes).toBeGreaterThan(small.totalBytes);
  });

  it('counts a preview pass when it takes more than a small training batch', () => {
    const one = estimateOf('stacked-autoencoder', 1);
    const two = estimateOf('stacked-autoencoder', 2);
    // 256 preview samples outweigh 2 x 2 training samples: the batch makes no difference here.
    expect(two.activationBytes).toBe(one.activationBytes);
  });

  it('names the widest layer as the largest part of a wide dense graph', () => {
    const doc = new GraphBuilder()
      .node('points', 'source.toy', { distribution: 'ring8' })
      .node('narrow', 'layer.dense', { units: 16 })
      .node('wide', 'layer.dense', { units: 4096 })
      .node('out', 'layer.dense', { units: 2 })
      .node('mse', 'loss.mse')
      .node('sgd', 'optimizer.sgd', { momentum: 0 })
      .edge('points.points', 'narrow.in')
      .edge('narrow.out', 'wide.in')
      .edge('wide.out', 'out.in')
      .edge('out.out', 'mse.prediction')
      .edge('points.points', 'mse.target')
      .edge('mse.loss', 'sgd.losses')
      .build();
    const estimate = estimateMemory(inferGraph(doc, NODE_REGISTRY), NODE_REGISTRY, { batchSize: 64 });
    expect(estimate.largest?.node).toBe('wide');
    // Plain SGD keeps nothing per weight.
    expect(estimate.optimizerBytes).toBe(0);
    expect(estimate.parameters).toBe(2 * 16 + 16 + 16 * 4096 + 4096 + 4096 * 2 + 2);
  });
});

describe('checkMemory', () => {
  it('refuses a graph over the backend limit, with its size, batch and limit in words', () => {
    let refused: unknown;
    try {
      checkMemory(wideDense(10, 4096), { registry: NODE_REGISTRY, batchSize: 128, backend: 'webgl' });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(GraphTooLargeError);
    expect((refused as Error).message).toMatch(
      /^This graph needs about 2\.\d GB to train at batch 128 \(weights 576 MB, optimizer state and gradients 1\.7 GB, activations 40 MB\), more than the 1 GB allowed on webgl\. The largest part is node "wide\d"/,
    );
  });

  it('accepts the presets on every backend at their own batch size', () => {
    for (const name of presetNames) {
      for (const backend of ['webgpu', 'webgl', 'wasm', 'cpu'] as const) {
        const doc = preset(name);
        const batchSize = doc.training.batchSize;
        expect(checkMemory(doc, { registry: NODE_REGISTRY, batchSize, backend })?.totalBytes).toBeLessThan(
          256 * 1024 ** 2,
        );
      }
    }
  });

  it('follows a limit given for one backend', () => {
    const doc = preset('stacked-autoencoder');
    const options = { registry: NODE_REGISTRY, batchSize: 64, backend: 'cpu' as const };
    expect(checkMemory(doc, options)).not.toBeNull();
    expect(() => checkMemory(doc, { ...options, limits: { cpu: 1024 ** 2 } })).toThrow(/allowed on cpu/);
  });
});

describe('formatBytes', () => {
  it('writes sizes in the unit people read them in', () => {
    expect(formatBytes(2.3 * 1024 ** 3)).toBe('2.3 GB');
    expect(formatBytes(12 * 1024 ** 3)).toBe('12 GB');
    expect(formatBytes(1024 ** 3)).toBe('1 GB');
    expect(formatBytes(840 * 1024 ** 2)).toBe('840 MB');
    expect(formatBytes(12 * 1024)).toBe('12 KB');
    expect(formatBytes(3)).toBe('1 KB');
  });
});
