// Choosing the backend: the automatic order with each skip's reason, forcing, software GPUs passed
// over unless forced, and a graph that needs a kernel the backend lacks moving on to the next one.
import { afterAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { loadDataset } from '../../scripts/lib/node-data';
import { TrainingSession } from '../../src/core/train/session';
import {
  type Activator,
  BackendChooser,
  NoBackendError,
  softwareVerdict,
} from '../../workers/backend-choice';
import { GraphBuilder } from '../core/graph-builder';
import { nodeActivators } from './fake-worker';
import { useBackend } from '../../scripts/lib/backends';
import { addMissingKernels } from '../../src/core/train/kernels';
import { expectOk, tf } from './session-harness';

const works =
  (detail: string): Activator =>
  async () => ({ ok: true, detail });
const refuses =
  (reason: string): Activator =>
  async () => ({ ok: false, reason });

describe('BackendChooser', () => {
  it('takes the first backend that starts and lists why each earlier one was passed over', async () => {
    const chooser = await BackendChooser.start({
      choice: 'auto',
      activators: { webgpu: refuses('no adapter'), wasm: works('SIMD'), cpu: works('js') },
    });
    expect(chooser.current()).toEqual({
      name: 'wasm',
      detail: 'SIMD',
      forced: false,
      skipped: [
        { name: 'webgpu', reason: 'no adapter' },
        { name: 'webgl', reason: 'not available here' },
      ],
    });
  });

  it('falls back to the next backend with the reason, and not past a forced one', async () => {
    const auto = await BackendChooser.start({
      choice: 'auto',
      activators: { wasm: works('a'), cpu: works('b') },
    });
    const next = await auto.fallback('no "Conv2DBackpropFilter" kernel');
    expect(next?.name).toBe('cpu');
    expect(next?.skipped.at(-1)).toEqual({ name: 'wasm', reason: 'no "Conv2DBackpropFilter" kernel' });
    const forced = await BackendChooser.start({
      choice: 'wasm',
      activators: { wasm: works('a'), cpu: works('b') },
    });
    expect(forced.current().forced).toBe(true);
    expect(await forced.fallback('anything')).toBeNull();
  });

  it('skips backends an earlier worker gave up on and turns a throwing activator into a reason', async () => {
    const chooser = await BackendChooser.start({
      choice: 'auto',
      exclude: [{ name: 'webgpu', reason: 'device lost' }],
      activators: {
        webgpu: works('never asked'),
        webgl: async () => {
          throw new Error('context creation failed');
        },
        cpu: works('js'),
      },
    });
    expect(chooser.current().name).toBe('cpu');
    expect(chooser.current().skipped.slice(0, 2)).toEqual([
      { name: 'webgpu', reason: 'device lost' },
      { name: 'webgl', reason: 'failed to start (context creation failed)' },
    ]);
  });

  it('names every reason when no backend starts', async () => {
    const start = BackendChooser.start({ choice: 'wasm', activators: { wasm: refuses('no wasm here') } });
    await expect(start).rejects.toThrow(NoBackendError);
    await expect(start).rejects.toThrow('no backend could start: wasm: no wasm here');
  });

  it('passes over a software GPU unless it is forced', () => {
    expect(softwareVerdict('WebGPU', 'google swiftshader', true, false)).toEqual({
      ok: false,
      reason: 'software WebGPU (SwiftShader): it runs on the CPU, several times slower than wasm',
    });
    expect(softwareVerdict('WebGPU', 'google swiftshader', true, true)).toEqual({
      ok: true,
      detail: 'google swiftshader, software',
    });
    expect(softwareVerdict('WebGL', 'NVIDIA GeForce', false, false)).toEqual({
      ok: true,
      detail: 'NVIDIA GeForce',
    });
  });
});

describe('a graph that needs a kernel the backend lacks', () => {
  // mnist -> conv2d -> mse against the input: training needs Conv2DBackpropFilter. Stock wasm lacks
  // it and src/core/train/kernels.ts adds it; here a wasm without the added kernel stands for any
  // backend missing a kernel the graph needs.
  const wasmWithoutFilterGradient = {
    ...nodeActivators('cpu'),
    wasm: async () => {
      const { detail } = await useBackend('wasm');
      if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) tf.unregisterKernel('Conv2DBackpropFilter', 'wasm');
      return { ok: true as const, detail };
    },
  };
  afterAll(() => addMissingKernels(tf, 'wasm'));
  const conv = new GraphBuilder()
    .node('data', 'source.dataset', { dataset: 'mnist' })
    .node('conv', 'layer.conv2d', { filters: 1, kernelSize: 3, activation: 'sigmoid' })
    .node('mse', 'loss.mse')
    .node('adam', 'optimizer.adam')
    .edge('data.images', 'conv.in')
    .edge('conv.out', 'mse.prediction')
    .edge('data.images', 'mse.target')
    .edge('mse.loss', 'adam.losses')
    .build();

  it('trains on wasm with the added kernel', async () => {
    const backends = await BackendChooser.start({
      choice: 'auto',
      activators: nodeActivators('wasm', 'cpu'),
    });
    const session = new TrainingSession({
      tf,
      registry: NODE_REGISTRY,
      loadDataset,
      backends,
      previewSize: 16,
    });
    expectOk(await session.load(conv, { batchSize: 4 }));
    expect(backends.current().name).toBe('wasm');
    expect(expectOk(await session.step(1)).iteration).toBe(1);
    await session.dispose();
  });

  it('moves from wasm to cpu before training, saying which kernel was missing', async () => {
    const backends = await BackendChooser.start({
      choice: 'auto',
      activators: wasmWithoutFilterGradient,
    });
    expect(backends.current().name).toBe('wasm');
    const session = new TrainingSession({
      tf,
      registry: NODE_REGISTRY,
      loadDataset,
      backends,
      previewSize: 16,
    });
    expectOk(await session.load(conv, { batchSize: 4 }));
    const report = backends.current();
    expect(report.name).toBe('cpu');
    expect(report.skipped.find((s) => s.name === 'wasm')?.reason).toMatch(
      /^no "Conv2DBackprop(Filter|Input)" kernel, which training this graph needs$/,
    );
    expect(expectOk(await session.step(1)).iteration).toBe(1);
    await session.dispose();
  });

  it('reports in plain words when the forced backend lacks the kernel', async () => {
    const backends = await BackendChooser.start({
      choice: 'wasm',
      activators: wasmWithoutFilterGradient,
    });
    const session = new TrainingSession({
      tf,
      registry: NODE_REGISTRY,
      loadDataset,
      backends,
      previewSize: 16,
    });
    const result = await session.load(conv, { batchSize: 4 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('missing-kernel');
      expect(result.error.message).toMatch(
        /^The wasm backend cannot train this graph: it has no "Conv2DBackprop/,
      );
    }
    await session.dispose();
  });
});
