// What the wasm kernel tests share: running some ops and checking that wasm holds as many buffers,
// and tfjs as many tensors, afterwards as before.

import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';

/** Runs `ops` (which must dispose what it makes) `times` times on wasm; nothing may be left behind. */
export async function expectNothingLeftOnWasm(times: number, ops: () => Promise<void> | void): Promise<void> {
  await tf.setBackend('wasm');
  const backend = tf.backend();
  const buffers = backend.numDataIds();
  const tensors = tf.memory().numTensors;
  for (let i = 0; i < times; i++) await ops();
  expect(backend.numDataIds()).toBe(buffers);
  expect(tf.memory().numTensors).toBe(tensors);
}
