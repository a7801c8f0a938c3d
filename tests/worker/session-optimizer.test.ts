// A structural edit mid-run keeps the optimizer's state (Adam's moments, its step count) for the
// layers whose weights it keeps, and starts the changed layers from zero, as a fresh Adam would.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { loadDataset } from '../../scripts/lib/node-data';
import type { GraphDocument } from '../../src/core/graph/document';
import { type OptimizerState, snapshotOptimizers } from '../../src/core/train/optimizer-state';
import type { TrainingSession } from '../../src/core/train/session';
import { type BuildRequest, buildTrainer, rebuildKeepingWeights } from '../../src/core/train/session-build';
import { DatasetCache } from '../../src/core/train/session-support';
import type { Trainer } from '../../src/core/train/trainer';
import { GraphBuilder } from '../core/graph-builder';
import { useCpu } from '../core/helpers';
import {
  bitIdentical,
  expectOk,
  layerWeights,
  nodeBackends,
  preset,
  recordedSession,
  type Recorded,
  tf,
} from './session-harness';

let open: { dispose(): unknown }[] = [];
beforeAll(useCpu);
afterEach(async () => {
  await Promise.all(open.map((o) => o.dispose()));
  open = [];
});

function editNode(doc: GraphDocument, id: string, params: Record<string, unknown>): GraphDocument {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === id ? { ...n, params: { ...n.params, ...params } as never } : n)),
  };
}

async function request(doc: GraphDocument): Promise<BuildRequest> {
  return {
    doc,
    options: { batchSize: 8 },
    registry: NODE_REGISTRY,
    tf,
    backends: await nodeBackends(),
    data: new DatasetCache(loadDataset),
    previewSize: 64,
    memoryLimits: undefined,
  };
}

async function built(doc: GraphDocument): Promise<Trainer> {
  const trainer = await buildTrainer(await request(doc));
  open.push(trainer);
  return trainer;
}

/** Every saved slot of one layer's weights, e.g. Adam's m and v of its kernel and bias. */
function slotsOf(state: OptimizerState | undefined, node: string): Float32Array[] {
  const out: Float32Array[] = [];
  for (const [key, weight] of state?.weights ?? [])
    if (key.startsWith(`${node}\u0000`)) out.push(...weight.slots);
  if (out.length === 0) throw new Error(`no optimizer state for ${node}`);
  return out;
}

async function newSession(): Promise<Recorded> {
  const recorded = await recordedSession();
  open.push(recorded.session as TrainingSession);
  return recorded;
}

describe('optimizer state across a recompile', () => {
  it("keeps the encoder's Adam moments and step count when the decoder changes; the decoder's start at zero", async () => {
    const doc = preset('stacked-autoencoder');
    const first = await built(doc);
    for (let i = 0; i < 3; i++) await first.step();
    const [before] = await snapshotOptimizers(first.program);
    expect(before?.slotNames).toEqual(['m', 'v']);
    expect(before?.iterations).toBe(3);

    // dec1 narrows from 256 to 128 units, so the decoder's dense layers both change shape.
    const rebuilt = await rebuildKeepingWeights(first, await request(editNode(doc, 'dec1', { units: 128 })));
    open.push(rebuilt.trainer);
    expect(rebuilt.weights?.optimizerKept).toEqual(['enc1', 'coding']);
    const [after] = await snapshotOptimizers(rebuilt.trainer.program);
    expect(after?.iterations).toBe(3);
    for (const node of ['enc1', 'coding']) {
      const moments = slotsOf(before, node);
      expect(moments.some((m) => m.some((v) => v !== 0))).toBe(true);
      expect(bitIdentical(slotsOf(after, node), moments)).toBe(true);
    }
    for (const node of ['dec1', 'dec2'])
      expect(slotsOf(after, node).every((m) => m.every((v) => v === 0))).toBe(true);

    // Training goes on from there without leaking: the carried state is the optimizer's own now.
    await rebuilt.trainer.step();
    const tensors = tf.memory().numTensors;
    await rebuilt.trainer.step();
    expect(tf.memory().numTensors).toBe(tensors);
    const [stepped] = await snapshotOptimizers(rebuilt.trainer.program);
    expect(stepped?.iterations).toBe(5);
    expect(slotsOf(stepped, 'dec1').some((m) => m.some((v) => v !== 0))).toBe(true);
  });

  it('starts a fresh optimizer when the optimizer node changes type', async () => {
    const doc = preset('stacked-autoencoder');
    const first = await built(doc);
    await first.step();
    const sgd = {
      ...doc,
      nodes: doc.nodes.map((n) => (n.id === 'adam' ? { ...n, type: 'optimizer.sgd', params: {} } : n)),
    };
    const rebuilt = await rebuildKeepingWeights(first, await request(sgd));
    open.push(rebuilt.trainer);
    expect(rebuilt.weights?.kept).toContain('enc1');
    expect(rebuilt.weights?.optimizerKept).toEqual([]);
  });

  it('a recompiled session steps with the kept optimizer state, not the uniform first steps of a fresh Adam', async () => {
    // Ring points through three small dense layers: gradients far above Adam's epsilon.
    const ring = (midUnits: number) =>
      new GraphBuilder()
        .node('points', 'source.toy', { distribution: 'ring8' })
        .node('enc', 'layer.dense', { units: 8, activation: 'tanh' })
        .node('mid', 'layer.dense', { units: midUnits, activation: 'tanh' })
        .node('dec', 'layer.dense', { units: 2, activation: 'linear' })
        .node('mse', 'loss.mse')
        .node('adam', 'optimizer.adam', { learningRate: 0.01 })
        .edge('points.points', 'enc.in')
        .edge('enc.out', 'mid.in')
        .edge('mid.out', 'dec.in')
        .edge('dec.out', 'mse.prediction')
        .edge('points.points', 'mse.target')
        .edge('mse.loss', 'adam.losses')
        .build();
    // Session A recompiles an edit of the middle layer after 5 steps; session C starts from A's weights.
    const a = await newSession();
    expectOk(await a.session.load(ring(8), { batchSize: 16 }));
    expectOk(await a.session.step(5));
    const trained = expectOk(await a.session.readWeights()).weights;
    expectOk(await a.session.load(ring(6), { batchSize: 16 }));
    expect(a.frames.at(-1)?.notice).toBe(
      "Recompiled: kept the weights of enc, with the optimizer's state for enc; new weights for mid, dec.",
    );
    expectOk(await a.session.step(1));
    const kept = layerWeights(expectOk(await a.session.readWeights()).weights, 'enc');

    const c = await newSession();
    expectOk(await c.session.load(ring(6), { batchSize: 16 }));
    expectOk(await c.session.writeWeights(trained));
    expectOk(await c.session.step(1));
    const fresh = layerWeights(expectOk(await c.session.readWeights()).weights, 'enc');

    // A fresh Adam's first step moves every weight by the learning rate, whatever its gradient.
    const start = layerWeights(trained, 'enc');
    const shareAtRate = (after: Float32Array[]) => {
      const steps = after.flatMap((values, i) =>
        [...values].map((v, j) => Math.abs(v - (start[i]?.[j] ?? NaN))),
      );
      return steps.filter((step) => Math.abs(step - 0.01) < 0.01 * 0.01).length / steps.length;
    };
    expect(shareAtRate(fresh)).toBeGreaterThan(0.95);
    expect(shareAtRate(kept)).toBeLessThan(0.5);
  });
});
