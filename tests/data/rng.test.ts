import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed, shuffleInPlace } from '../../src/core/data/rng';

function draw(seed: number, count: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => rng.next());
}

function correlation(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const meanA = a.reduce((s, v) => s + v, 0) / n;
  const meanB = b.reduce((s, v) => s + v, 0) / n;
  let cov = 0;
  let varA = 0;
  let varB = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] ?? 0) - meanA;
    const db = (b[i] ?? 0) - meanB;
    cov += da * db;
    varA += da * da;
    varB += db * db;
  }
  return cov / Math.sqrt(varA * varB);
}

function bitsSet(value: number): number {
  let count = 0;
  for (let v = value >>> 0; v !== 0; v >>>= 1) count += v & 1;
  return count;
}

describe('createRng', () => {
  it('repeats the same stream for the same seed', () => {
    expect(draw(42, 1000)).toEqual(draw(42, 1000));
    const a = createRng(7);
    const b = createRng(7);
    const normalsA = Array.from({ length: 101 }, () => a.normal());
    const normalsB = Array.from({ length: 101 }, () => b.normal());
    expect(normalsA).toEqual(normalsB);
  });

  it('gives different streams for neighbouring seeds', () => {
    const a = draw(1, 1000);
    const b = draw(2, 1000);
    expect(a.filter((v, i) => v === b[i]).length).toBe(0);
    expect(Math.abs(correlation(a, b))).toBeLessThan(0.1);
  });

  it('draws uniform numbers in [0, 1) with mean 1/2 and variance 1/12', () => {
    const values = draw(123, 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 2);
    const buckets = new Array<number>(10).fill(0);
    for (const v of values) buckets[Math.floor(v * 10)]! += 1;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('draws standard normals with mean 0, variance 1 and Gaussian tails', () => {
    const rng = createRng(99);
    const values = Array.from({ length: 100_000 }, () => rng.normal());
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
    // P(|z| > 2) = 4.55% for a standard normal.
    const beyondTwo = values.filter((v) => Math.abs(v) > 2).length / values.length;
    expect(beyondTwo).toBeGreaterThan(0.041);
    expect(beyondTwo).toBeLessThan(0.05);
    expect(values.every(Number.isFinite)).toBe(true);
  });

  it('accepts zero, negative, fractional and huge seeds and still yields valid numbers', () => {
    for (const seed of [0, -1, 1.5, 2 ** 40, Number.NaN]) {
      const values = draw(seed, 100);
      expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
      expect(new Set(values).size).toBe(100);
    }
    expect(draw(2 ** 40, 10)).not.toEqual(draw(0, 10));
  });
});

describe('deriveSeed', () => {
  it('is a deterministic 32-bit unsigned integer', () => {
    const seed = deriveSeed(1, 'encoder');
    expect(deriveSeed(1, 'encoder')).toBe(seed);
    expect(Number.isInteger(seed)).toBe(true);
    expect(seed).toBeGreaterThanOrEqual(0);
    expect(seed).toBeLessThan(2 ** 32);
  });

  it('depends on both the base seed and the label', () => {
    expect(deriveSeed(1, 'node-1')).not.toBe(deriveSeed(1, 'node-2'));
    expect(deriveSeed(1, 'node-1')).not.toBe(deriveSeed(2, 'node-1'));
    expect(deriveSeed(1, '')).not.toBe(deriveSeed(2, ''));
  });

  it('flips about half the bits between labels that differ in one character', () => {
    let flipped = 0;
    const pairs = 200;
    for (let i = 0; i < pairs; i++)
      flipped += bitsSet(deriveSeed(5, `node-${i}`) ^ deriveSeed(5, `node-${i + 1}`));
    expect(flipped / pairs).toBeGreaterThan(14);
    expect(flipped / pairs).toBeLessThan(18);
  });

  it('gives streams that are uncorrelated with each other and with the base stream', () => {
    const base = draw(3, 5000);
    const streams = ['dense-1', 'dense-2', 'noise', 'data-order'].map((label) =>
      draw(deriveSeed(3, label), 5000),
    );
    for (let i = 0; i < streams.length; i++) {
      expect(Math.abs(correlation(base, streams[i]!))).toBeLessThan(0.05);
      for (let j = i + 1; j < streams.length; j++) {
        expect(Math.abs(correlation(streams[i]!, streams[j]!))).toBeLessThan(0.05);
      }
    }
  });

  it('has no collisions among a thousand node ids', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, i) => deriveSeed(1, `n${i}`)));
    expect(seeds.size).toBe(1000);
  });
});

describe('shuffleInPlace', () => {
  it('returns a permutation of the same array, repeatable by seed', () => {
    const a = Array.from({ length: 50 }, (_, i) => i);
    const result = shuffleInPlace(a, createRng(11));
    expect(result).toBe(a);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(a).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    const b = shuffleInPlace(
      Int32Array.from({ length: 50 }, (_, i) => i),
      createRng(11),
    );
    expect(Array.from(b)).toEqual(a);
  });

  it('puts an element in every position about equally often', () => {
    const rng = createRng(8);
    const positions = new Array<number>(5).fill(0);
    for (let trial = 0; trial < 10_000; trial++) {
      const order = shuffleInPlace([0, 1, 2, 3, 4], rng);
      positions[order.indexOf(0)]! += 1;
    }
    for (const count of positions) expect(Math.abs(count - 2000)).toBeLessThan(200);
  });
});
