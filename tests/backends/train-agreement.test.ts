// Trains one small fixed model on cpu, wasm and webgpu in this process and compares losses.
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, releaseBackend, useBackend, type NodeBackend } from '../../scripts/lib/backends';

const BATCH = 8;
const WIDTH = 16;
const CODE = 8;
const STEPS = 3;

// A seeded generator keeps data and initial weights identical on every backend.
function fixedValues(count: number, seed: number, scale: number): Float32Array {
  const out = new Float32Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = (state / 2 ** 32 - 0.5) * scale;
  }
  return out;
}

interface Run {
  losses: number[];
  tensorsAfterStep: number[];
}

async function trainAutoencoder(): Promise<Run> {
  const x = tf.tensor2d(fixedValues(BATCH * WIDTH, 1, 2), [BATCH, WIDTH]);
  const w1 = tf.variable(tf.tensor2d(fixedValues(WIDTH * CODE, 2, 0.8), [WIDTH, CODE]));
  const b1 = tf.variable(tf.tensor1d(fixedValues(CODE, 3, 0.1)));
  const w2 = tf.variable(tf.tensor2d(fixedValues(CODE * WIDTH, 4, 0.8), [CODE, WIDTH]));
  const b2 = tf.variable(tf.tensor1d(fixedValues(WIDTH, 5, 0.1)));
  const optimizer = tf.train.adam(0.01);
  const run: Run = { losses: [], tensorsAfterStep: [] };
  for (let step = 0; step < STEPS; step++) {
    const loss = optimizer.minimize(() => {
      const code = tf.relu(tf.add(tf.matMul(x, w1), b1));
      const out = tf.tanh(tf.add(tf.matMul(code, w2), b2));
      return tf.losses.meanSquaredError(x, out);
    }, true);
    if (!loss) throw new Error('minimize returned no loss');
    const [value] = await loss.data();
    loss.dispose();
    run.losses.push(value ?? Number.NaN);
    run.tensorsAfterStep.push(tf.memory().numTensors);
  }
  optimizer.dispose();
  tf.dispose([x, w1, b1, w2, b2]);
  return run;
}

describe('training the same model on each Node backend', () => {
  const runs = new Map<NodeBackend, Run>();

  afterAll(async () => {
    await releaseBackend();
  });

  // Sequential on purpose: the backend is global to the process.
  for (const name of NODE_BACKENDS) {
    it(`trains three Adam steps on ${name} with a falling loss and a flat tensor count`, async () => {
      const info = await useBackend(name);
      expect(info.name).toBe(name);
      expect(tf.getBackend()).toBe(name);
      expect(info.detail.length).toBeGreaterThan(0);
      const run = await trainAutoencoder();
      runs.set(name, run);
      expect(run.losses.every(Number.isFinite)).toBe(true);
      expect(run.losses[2]).toBeLessThan(run.losses[0] ?? 0);
      // Step one creates Adam's moment variables; after that nothing may pile up.
      expect(run.tensorsAfterStep[2]).toBe(run.tensorsAfterStep[1]);
    });
  }

  it('gives wasm and webgpu losses within 1e-3 relative of cpu', () => {
    const cpu = runs.get('cpu')?.losses;
    expect(cpu).toHaveLength(STEPS);
    for (const name of ['wasm', 'webgpu'] as const) {
      const other = runs.get(name)?.losses;
      expect(other, name).toHaveLength(STEPS);
      other?.forEach((loss, step) => {
        const reference = cpu?.[step] ?? Number.NaN;
        expect(Math.abs(loss - reference) / reference, `${name} step ${step}`).toBeLessThan(1e-3);
      });
    }
  });
});
