// Seeded random numbers for data order, toy samples and noise, identical in Node, the worker and tests.
//
// Hand-written rather than a library: the generator is thirty lines, and owning it guarantees the
// same stream everywhere (no dependency whose algorithm could change under a version bump).
// The generator is sfc32 (Chris Doty-Humphrey's "small fast chaotic" design, 128 bits of state),
// which passes PractRand far beyond what a training run draws; Math.random is never used.

import type { Rng } from '../types/definition';

const TWO_POW_32 = 4294967296;

/** Folds any JS number (negative, fractional, above 2^32, NaN) into a 32-bit unsigned seed. */
function toSeed32(seed: number): number {
  if (!Number.isFinite(seed)) return 0;
  const whole = Math.trunc(seed);
  return ((whole >>> 0) ^ Math.floor(whole / TWO_POW_32)) >>> 0;
}

/** Murmur3's finaliser: every input bit affects every output bit, so nearby seeds diverge at once. */
function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A generator of uniform numbers in [0, 1) and standard normals, fixed by one 32-bit seed. */
export function createRng(seed: number): Rng {
  // Spread the single seed over the four state words; seeds 1 and 2 must not start out alike.
  const s = toSeed32(seed);
  let a = avalanche(s ^ 0x9e3779b9);
  let b = avalanche(s + 0x6a09e667);
  let c = avalanche(s ^ 0xbb67ae85);
  let d = 1; // sfc32's counter word; it guarantees a period of at least 2^32.

  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // The first outputs still carry the seeding pattern; the usual advice is to discard a dozen.
  for (let i = 0; i < 12; i++) nextUint32();

  // Box-Muller makes normals in pairs; the second is kept for the next call.
  let spare: number | undefined;

  return {
    next: () => nextUint32() / TWO_POW_32,
    normal: () => {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return value;
      }
      const u = 1 - nextUint32() / TWO_POW_32; // (0, 1], so the log is finite
      const angle = (2 * Math.PI * nextUint32()) / TWO_POW_32;
      const radius = Math.sqrt(-2 * Math.log(u));
      spare = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
  };
}

/**
 * A seed for one consumer (a node id, "data-order", "init") that is independent of the seeds of
 * other labels, so adding a node never shifts another node's random stream.
 */
export function deriveSeed(seed: number, label: string): number {
  // FNV-1a over the seed's four bytes and the label's UTF-16 code units, then a full avalanche.
  let h = 0x811c9dc5;
  const s = toSeed32(seed);
  for (let shift = 0; shift < 32; shift += 8) {
    h = Math.imul(h ^ ((s >>> shift) & 0xff), 0x01000193);
  }
  for (let i = 0; i < label.length; i++) {
    h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  }
  return avalanche(h);
}

/** Fisher-Yates: every permutation equally likely for a fair generator. Returns the same array. */
export function shuffleInPlace<A extends { length: number; [index: number]: unknown }>(
  array: A,
  rng: Rng,
): A {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const held = array[i] as A[number];
    array[i] = array[j] as A[number];
    array[j] = held;
  }
  return array;
}
