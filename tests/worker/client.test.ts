// The page's training client against the real worker API in-process: typed commands and frames,
// and a worker that hangs or loses its device being replaced on the next backend, same document.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ClientEvent, TrainingClient } from '../../src/app/session/client';
import type { SessionFrame } from '../../src/core/train/frames';
import { wideDense } from '../core/graph-builder';
import { tf, useCpu } from '../core/helpers';
import { type FakeWorker, fakeWorker, nodeActivators } from './fake-worker';
import { expectOk, preset } from './session-harness';

let clients: TrainingClient[] = [];
beforeAll(useCpu);
afterEach(() => {
  for (const c of clients) c.dispose();
  clients = [];
});

function client(makers: (() => FakeWorker)[], options: ConstructorParameters<typeof TrainingClient>[0] = {}) {
  const workers: FakeWorker[] = [];
  const c = new TrainingClient({
    silenceMs: 400,
    pingTimeoutMs: 300,
    ...options,
    createWorker: () => {
      const make = makers[Math.min(workers.length, makers.length - 1)];
      if (!make) throw new Error('no worker maker');
      const w = make();
      workers.push(w);
      return w.handle;
    },
  });
  clients.push(c);
  const frames: SessionFrame[] = [];
  const events: ClientEvent[] = [];
  c.onFrame((f) => frames.push(f));
  c.onEvent((e) => events.push(e));
  const until = async (test: () => boolean, ms = 20_000) => {
    const end = Date.now() + ms;
    while (!test()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { client: c, workers, frames, events, until };
}

describe('TrainingClient', () => {
  it('trains through the worker protocol and receives frames with RGBA previews', async () => {
    const { client: c, frames } = client([() => fakeWorker(nodeActivators('cpu'))], { backend: 'cpu' });
    expect(await c.started()).toBe(true);
    expect(c.backend?.name).toBe('cpu');
    expectOk(await c.load(preset('stacked-autoencoder'), { batchSize: 8 }));
    const stepped = expectOk(await c.step(2));
    expect(stepped.iteration).toBe(2);
    expect(Object.keys(stepped.losses)).toEqual(['mse']);
    const recon = frames.flatMap((f) => f.previews).find((p) => p.node === 'image');
    expect(recon?.rgba).toBeInstanceOf(Uint8ClampedArray);
    expect(recon?.rgba.length).toBe((recon?.width ?? 0) * (recon?.height ?? 0) * 4);
    const { weights } = expectOk(await c.readWeights());
    expect(weights.find((l) => l.node === 'coding')?.weights[0]?.shape).toEqual([256, 32]);
  });

  it('refuses a graph too large for memory before compiling it, keeps the worker, then loads a preset', async () => {
    const {
      client: c,
      frames,
      events,
    } = client([() => fakeWorker(nodeActivators('cpu'))], {
      backend: 'cpu',
    });
    expect(await c.started()).toBe(true);
    const tensors = tf.memory().numTensors;
    // Ten dense layers of 4096 units: about 2.3 GB with Adam's moments, over cpu's 2 GB.
    const refused = await c.load(wideDense(10, 4096), { batchSize: 128 });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('too-large');
    expect(refused.error.fatal).toBe(false);
    expect(refused.error.message).toMatch(
      /^This graph needs about 2\.\d GB to train at batch 128 .*2 GB allowed on cpu/,
    );
    expect(frames.at(-1)?.error?.code).toBe('too-large');
    // Nothing was built, and the worker was not replaced.
    expect(tf.memory().numTensors).toBe(tensors);
    expect(events.map((e) => e.kind)).toEqual(['started']);
    expectOk(await c.load(preset('stacked-autoencoder'), { batchSize: 8 }));
    expect(expectOk(await c.step(1)).iteration).toBe(1);
  });

  it('refuses a graph over a memory limit the page sets for the backend', async () => {
    const { client: c } = client([() => fakeWorker(nodeActivators('cpu'))], {
      backend: 'cpu',
      memoryLimits: { cpu: 1024 ** 2 },
    });
    const refused = await c.load(preset('stacked-autoencoder'), { batchSize: 8 });
    expect(refused.ok ? 'loaded' : refused.error.message).toMatch(/more than the 1 MB allowed on cpu/);
  });

  it('restarts a worker that stops answering while training on the next backend, with the same graph', async () => {
    const auto = () => fakeWorker(nodeActivators('wasm', 'cpu'));
    const { client: c, workers, events, frames, until } = client([auto]);
    expect(await c.started()).toBe(true);
    expect(c.backend?.name).toBe('wasm');
    expect(c.backend?.skipped.map((s) => s.name)).toEqual(['webgpu', 'webgl']);
    expectOk(await c.load(preset('gan-ring'), { batchSize: 8 }));
    expectOk(await c.start({ iterations: 1_000_000 }));
    await until(() => frames.some((f) => f.state === 'training' && f.iteration > 0));
    workers[0]?.hang();
    await until(() => events.some((e) => e.kind === 'restarted')).catch((e) => {
      throw new Error(
        `${e}: ${JSON.stringify(events)} ${JSON.stringify(frames.map((f) => [f.state, f.iteration, f.error]))}`,
      );
    });
    const restarted = events.find((e) => e.kind === 'restarted');
    expect(restarted?.kind === 'restarted' && restarted.reason).toContain('stopped answering');
    expect(restarted?.kind === 'restarted' && restarted.backend?.name).toBe('cpu');
    expect(c.backend?.skipped.find((s) => s.name === 'wasm')?.reason).toContain('stopped answering');
    // The new worker got the document back and trains it.
    expect(expectOk(await c.step(1)).iteration).toBe(1);
    expect(workers).toHaveLength(2);
  });

  it('restarts on the next backend when the worker reports a lost device', async () => {
    const { client: c, workers, events, until } = client([() => fakeWorker(nodeActivators('wasm', 'cpu'))]);
    expectOk(await c.load(preset('gan-ring'), { batchSize: 8 }));
    workers[0]?.loseDevice();
    await until(() => events.some((e) => e.kind === 'restarted'));
    const restarted = events.find((e) => e.kind === 'restarted');
    expect(restarted?.kind === 'restarted' && restarted.reason).toMatch(/GPU device was lost on wasm/);
    expect(c.backend?.name).toBe('cpu');
    expect(expectOk(await c.step(1)).iteration).toBe(1);
  });

  it('answers a call that was in flight when its worker was replaced instead of hanging', async () => {
    const { client: c, workers } = client([() => fakeWorker(nodeActivators('wasm', 'cpu'))]);
    expectOk(await c.load(preset('gan-ring'), { batchSize: 8 }));
    workers[0]?.hang();
    const inFlight = c.step(5);
    await new Promise((r) => setTimeout(r, 50));
    await c.setBackend('cpu');
    const result = await inFlight;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('restarted before it answered');
    expect(c.backend?.name).toBe('cpu');
  });

  it('falls back to the automatic order when a forced backend cannot start, saying why', async () => {
    const activators = {
      ...nodeActivators('cpu'),
      webgpu: async () => ({ ok: false as const, reason: 'no WebGPU adapter' }),
    };
    const { client: c } = client([() => fakeWorker(activators)], { backend: 'webgpu' });
    expect(await c.started()).toBe(true);
    expect(c.backend?.name).toBe('cpu');
    expect(c.backend?.forced).toBe(false);
    expect(c.backend?.skipped[0]).toEqual({
      name: 'webgpu',
      reason: 'no backend could start: webgpu: no WebGPU adapter',
    });
  });
});
