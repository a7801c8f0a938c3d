// Random numbers for op and source nodes, drawn from the step's seeded generator on the CPU side
// so one seed gives the same numbers on every backend (tf.random* differs between backends).

import type { Rng } from '../src/core/types/definition';

/** `count` draws of mean + std * N(0, 1). */
export function normalValues(rng: Rng, count: number, std = 1, mean = 0): Float32Array {
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = mean + std * rng.normal();
  return values;
}

/** `count` draws uniform in [low, high). */
export function uniformValues(rng: Rng, count: number, low: number, high: number): Float32Array {
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = low + (high - low) * rng.next();
  return values;
}

/** A mask of 1 (kept) and 0 (dropped), each entry dropped with probability `rate`. */
export function keepMask(rng: Rng, count: number, rate: number): Float32Array {
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = rng.next() < rate ? 0 : 1;
  return values;
}
