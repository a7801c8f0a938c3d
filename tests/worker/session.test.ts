// The training session as the worker runs it, driven directly in Node on the cpu backend with the
// real presets: paced frames, pause/resume/step, live params, recompiles that keep weights, NaN.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../src/core/graph/document';
import type { TrainingSession } from '../../src/core/train/session';
import { tinyAutoencoder, wideDense } from '../core/graph-builder';
import { useCpu } from '../core/helpers';
import {
  bitIdentical,
  expectOk,
  layerWeights,
  preset,
  recordedSession,
  type Recorded,
  tf,
} from './session-harness';

let open: TrainingSession[] = [];
async function newSession(...args: Parameters<typeof recordedSession>): Promise<Recorded> {
  const recorded = await recordedSession(...args);
  open.push(recorded.session);
  return recorded;
}

beforeAll(useCpu);
afterEach(async () => {
  await Promise.all(open.map((s) => s.dispose()));
  open = [];
});

function maxChange(a: Float32Array[], b: Float32Array[]): number {
  let max = 0;
  a.forEach((x, i) => x.forEach((v, j) => (max = Math.max(max, Math.abs(v - (b[i]?.[j] ?? NaN))))));
  return max;
}

function editNode(doc: GraphDocument, id: string, params: Record<string, unknown>): GraphDocument {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === id ? { ...n, params: { ...n.params, ...params } as never } : n)),
  };
}

describe('TrainingSession', () => {
  it('trains the stacked autoencoder at batch 16: the reconstruction loss falls over 12 steps', async () => {
    const { session, frames } = await newSession();
    expectOk(await session.load(preset('stacked-autoencoder'), { batchSize: 16 }));
    expectOk(await session.setParams('adam', { learningRate: 0.005 }));
    const result = expectOk(await session.step(12));
    expect(result.iteration).toBe(12);
    const mse = frames.flatMap((f) => f.history.map((p) => p.losses.mse ?? NaN));
    expect(mse).toHaveLength(12);
    expect(mse[11]).toBeLessThan((mse[0] ?? 0) * 0.8);
    const last = frames.at(-1);
    // Stepping a loaded graph leaves it as it was: ready, not in a run.
    expect(last?.state).toBe('ready');
    expect(last?.backend?.name).toBe('cpu');
    // The step's closing frame carries every preview, painted to RGBA.
    const recon = last?.previews.find((p) => p.node === 'image');
    expect(recon?.kind).toBe('image-grid');
    expect(recon?.rgba.length).toBe((recon?.width ?? 0) * (recon?.height ?? 0) * 4);
    expect(last?.previews.some((p) => p.kind === 'histogram')).toBe(true);
  });

  it('sends frames about one per interval while training, never within 3/4 of it, each covering steps', async () => {
    // A clock that moves 25 ms whenever it is read makes the pacing independent of this machine's speed.
    let clock = 0;
    const { session, frames } = await newSession({ frameIntervalMs: 100, now: () => (clock += 25) });
    expectOk(await session.load(tinyAutoencoder().build(), { batchSize: 8 }));
    const first = frames.length;
    expectOk(await session.step(40));
    const paced = frames.slice(first).filter((f) => f.state === 'training' && f.history.length > 0);
    expect(paced.length).toBeGreaterThan(3);
    for (let i = 1; i < paced.length; i++) {
      expect((paced[i]?.time ?? 0) - (paced[i - 1]?.time ?? 0)).toBeGreaterThanOrEqual(75);
    }
    // Every step is in exactly one frame's history, in order.
    const iterations = frames.slice(first).flatMap((f) => f.history.map((p) => p.iteration));
    expect(iterations).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(paced.every((f) => f.history.length >= 2 && f.samplesPerSec > 0)).toBe(true);
  });

  it('sends frames with previews between the steps of a long iteration (the WGAN critic steps)', async () => {
    let clock = 0;
    const { session, frames } = await newSession({ frameIntervalMs: 100, now: () => (clock += 25) });
    expectOk(await session.load(preset('wgan-ring'), { batchSize: 8 }));
    const first = frames.length;
    expectOk(await session.step(4));
    const training = frames.slice(first).filter((f) => f.state === 'training');
    // A frame within an iteration has no finished iteration to add to the loss history.
    const within = training.filter((f) => f.history.length === 0);
    expect(within.length).toBeGreaterThan(0);
    expect(within.some((f) => f.previews.some((p) => p.kind === 'critic-map'))).toBe(true);
    expect(within.every((f) => f.iteration < 4)).toBe(true);
    // Every iteration still reaches the history exactly once, in order.
    const iterations = frames.slice(first).flatMap((f) => f.history.map((p) => p.iteration));
    expect(iterations).toEqual([1, 2, 3, 4]);
  });

  it('streams scatter previews with their points while a GAN trains', async () => {
    const { session, frames } = await newSession();
    expectOk(await session.load(preset('gan-ring'), { batchSize: 8 }));
    expectOk(await session.step(2));
    const scatter = frames.flatMap((f) => f.previews).find((p) => p.node === 'gOut');
    expect(scatter?.kind).toBe('scatter');
    expect(scatter?.points?.length).toBe(2 * 64);
    expect(scatter?.rgba.length).toBe((scatter?.width ?? 0) * (scatter?.height ?? 0) * 4);
  });

  it('pauses after the step in progress, steps exactly n, and resumes the run', async () => {
    const { session, frames } = await newSession();
    expectOk(await session.load(preset('gan-ring'), { batchSize: 8 }));
    expectOk(await session.start({ iterations: 1_000_000 }));
    await new Promise((r) => setTimeout(r, 300));
    expectOk(await session.pause());
    const paused = frames.at(-1);
    expect(paused?.state).toBe('paused');
    await new Promise((r) => setTimeout(r, 200));
    expect(frames.at(-1)?.iteration).toBe(paused?.iteration);
    const stepped = expectOk(await session.step(3));
    expect(stepped.iteration).toBe((paused?.iteration ?? 0) + 3);
    expect(session.currentState).toBe('paused');
    expectOk(await session.resume());
    expect(session.currentState).toBe('training');
    await new Promise((r) => setTimeout(r, 300));
    expectOk(await session.pause());
    expect(frames.at(-1)?.iteration).toBeGreaterThan(stepped.iteration);
    // The run's target survived the pause and the steps.
    expect(frames.at(-1)?.target).toBe(1_000_000);
  });

  it('applies a live learning rate to the next step and refuses a structural param', async () => {
    const { session } = await newSession();
    expectOk(await session.load(preset('stacked-autoencoder'), { batchSize: 8 }));
    expectOk(await session.step(1));
    expectOk(await session.setParams('adam', { learningRate: 1e-6 }));
    const w0 = layerWeights(expectOk(await session.readWeights()).weights, 'enc1');
    expectOk(await session.step(1));
    const w1 = layerWeights(expectOk(await session.readWeights()).weights, 'enc1');
    expect(maxChange(w0, w1)).toBeLessThan(1e-5);
    expectOk(await session.setParams('adam', { learningRate: 0.01 }));
    expectOk(await session.step(1));
    const w2 = layerWeights(expectOk(await session.readWeights()).weights, 'enc1');
    expect(maxChange(w1, w2)).toBeGreaterThan(1e-3);

    const structural = await session.setParams('coding', { units: 3 });
    expect(structural.ok).toBe(false);
    if (!structural.ok) expect(structural.error.message).toContain('structure');
    const mixed = expectOk(await session.setParams('adam', { learningRate: 0.002, beta1: 0.5 }));
    expect(mixed.applied).toEqual(['learningRate']);
    expect(mixed.refused.map((r) => r.param)).toEqual(['beta1']);
  });

  it("recompiles an edit of the decoder and keeps the encoder's weights bit-identical", async () => {
    const { session, frames } = await newSession();
    const doc = preset('stacked-autoencoder');
    expectOk(await session.load(doc, { batchSize: 8 }));
    expectOk(await session.step(2));
    const before = expectOk(await session.readWeights()).weights;
    // dec1 narrows from 256 to 128 units, so the decoder's dense layers both change shape.
    const loaded = expectOk(await session.load(editNode(doc, 'dec1', { units: 128 }), { batchSize: 8 }));
    expect(loaded.kept).toEqual(['enc1', 'coding']);
    const after = expectOk(await session.readWeights()).weights;
    for (const node of ['enc1', 'coding']) {
      expect(bitIdentical(layerWeights(before, node), layerWeights(after, node))).toBe(true);
    }
    expect(after.find((l) => l.node === 'dec1')?.weights[0]?.shape).toEqual([32, 128]);
    const notice = frames.at(-1);
    expect(notice?.weights?.fresh).toEqual(['dec1', 'dec2']);
    expect(notice?.iteration).toBe(2);
    // Training goes on from the kept weights.
    expect(expectOk(await session.step(1)).iteration).toBe(3);
  });

  it('recompiles while training and the run goes on', async () => {
    const { session, next } = await newSession();
    const doc = preset('gan-ring');
    expectOk(await session.load(doc, { batchSize: 8 }));
    expectOk(await session.start({ iterations: 1_000_000 }));
    await next((f) => f.state === 'training' && f.iteration > 0);
    expectOk(await session.load(editNode(doc, 'g2', { units: 8 }), { batchSize: 8 }));
    expect(session.currentState).toBe('training');
    const later = await next((f) => f.state === 'training' && f.history.length > 0);
    expect(later.iteration).toBeGreaterThan(0);
  });

  it('pauses on a NaN loss and names the node where it first appeared', async () => {
    const { session, frames } = await newSession();
    expectOk(await session.load(preset('vae'), { batchSize: 8 }));
    const weights = expectOk(await session.readWeights()).weights;
    // Huge log-variance weights make exp(logVar / 2) overflow in the sampling node.
    const broken = weights.map((l) =>
      l.node === 'logVar'
        ? { ...l, weights: l.weights.map((w) => ({ ...w, values: w.values.map(() => 1e4) })) }
        : l,
    );
    expect(expectOk(await session.writeWeights(broken)).kept).toContain('logVar');
    expectOk(await session.start());
    await new Promise((r) => setTimeout(r, 100));
    await session.pause();
    const report = frames.find((f) => f.nonFinite);
    expect(report?.nonFinite?.node).toBe('sample');
    expect(['reconstruction', 'kl']).toContain(report?.nonFinite?.loss);
    expect(report?.state).toBe('paused');
    expect(report?.iteration).toBe(0);
  });

  it('reset brings back the initial weights of the seed and a new seed gives other weights', async () => {
    const { session } = await newSession();
    expectOk(await session.load(preset('stacked-autoencoder'), { batchSize: 8 }));
    const initial = layerWeights(expectOk(await session.readWeights()).weights, 'enc1');
    expectOk(await session.step(2));
    const trained = layerWeights(expectOk(await session.readWeights()).weights, 'enc1');
    expect(bitIdentical(initial, trained)).toBe(false);
    expectOk(await session.reset());
    const reset = layerWeights(expectOk(await session.readWeights()).weights, 'enc1');
    expect(bitIdentical(reset, initial)).toBe(true);
    expectOk(await session.reset({ seed: 99 }));
    const reseeded = layerWeights(expectOk(await session.readWeights()).weights, 'enc1');
    expect(bitIdentical(reseeded, initial)).toBe(false);
    expect(session.currentState).toBe('ready');
  });

  it('keeps tf.memory().numTensors flat across steps, frames and previews', async () => {
    const { session, frames } = await newSession({
      frameIntervalMs: 0,
      fullPreviewIntervalMs: 0,
      previewShare: 1,
    });
    expectOk(await session.load(preset('vae'), { batchSize: 4 }));
    expectOk(await session.step(2)); // the optimizer makes its slot variables on the first step
    const before = tf.memory().numTensors;
    const count = frames.length;
    expectOk(await session.step(6));
    expect(frames.length - count).toBeGreaterThanOrEqual(6);
    expect(frames.slice(count).some((f) => f.previews.length > 0)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports a graph that does not compile in plain words with its node, and throws nothing', async () => {
    const { session, frames } = await newSession();
    const doc = preset('stacked-autoencoder');
    const broken = { ...doc, edges: doc.edges.filter((e) => e.to.node !== 'coding') };
    const result = await session.load(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('compile');
    expect(result.error.node).toBe('coding');
    expect(result.error.message).toMatch(/^The graph cannot be compiled: .*coding/);
    expect(frames.at(-1)?.error?.code).toBe('compile');
    expect((await session.start()).ok).toBe(false);
  });

  it('refuses an edit that makes the graph too large mid-run and keeps training the last one, paused', async () => {
    const { session, next } = await newSession();
    expectOk(await session.load(tinyAutoencoder().build(), { batchSize: 8 }));
    expectOk(await session.start({ iterations: 1_000_000 }));
    await next((f) => f.state === 'training' && f.iteration > 0);
    const refused = await session.load(wideDense(10, 4096), { batchSize: 128 });
    expect(refused.ok ? 'loaded' : refused.error.code).toBe('too-large');
    expect(session.currentState).toBe('paused');
    const before = expectOk(await session.readWeights()).weights.map((l) => l.node);
    expect(before).toEqual(['enc', 'dec']);
    expect(expectOk(await session.step(1)).iteration).toBeGreaterThan(1);
  });

  it('reports missing data files as a data error naming the command that prepares them', async () => {
    const { session, frames } = await newSession({
      loadDataset: async (name, split) => {
        throw new Error(`${name} ${split} data is missing; run \`npm run data\` to prepare the datasets`);
      },
    });
    const result = await session.load(preset('stacked-autoencoder'));
    expect(result.ok).toBe(false);
    expect(frames.at(-1)?.error?.code).toBe('data');
    expect(frames.at(-1)?.error?.message).toContain('npm run data');
  });

  it('exports each network as model artifacts that tfjs loads back', async () => {
    const { session } = await newSession();
    expectOk(await session.load(preset('stacked-autoencoder'), { batchSize: 8 }));
    const { networks } = expectOk(await session.exportNetworks());
    expect(networks.map((n) => n.network)).toEqual(['encoder', 'decoder']);
    const encoder = networks[0];
    if (!encoder) throw new Error('unreachable');
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: encoder.modelTopology,
        weightSpecs: [...encoder.weightSpecs],
        weightData: encoder.weightData,
      }),
    );
    expect(model.outputs[0]?.shape).toEqual([null, 32]);
    const weights = expectOk(await session.readWeights()).weights;
    const kernel = await model.getWeights()[0]?.data();
    expect(kernel?.[5]).toBe(layerWeights(weights, 'enc1')[0]?.[5]);
    model.dispose();
  });
});
