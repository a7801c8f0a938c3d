// The arithmetic behind interpolation and traversal, the marking of inactive dimensions, and the
// CSV each view exports.
import { describe, expect, it } from 'vitest';
import {
  crossFade,
  dimensionStats,
  interpolationCodes,
  slerp,
  steps,
  traversalCodes,
  traversalDimensions,
  traversalOffsets,
} from '../../src/core/views/latent-math';
import { interpolationCsv, mapCsv, traversalCsv } from '../../src/core/views/views-csv';

const norm = (v: ArrayLike<number>) => Math.hypot(...Array.from(v));

describe('interpolation', () => {
  it('linear steps run from a to b through the midpoint', () => {
    const codes = interpolationCodes([0, 2], [4, -2], 5, 'linear');
    expect([...codes]).toEqual([0, 2, 1, 1, 2, 0, 3, -1, 4, -2]);
  });

  it('spherical steps start and end at a and b and keep between their lengths on the arc', () => {
    const a = [3, 0, 0];
    const b = [0, 1, 0];
    const codes = interpolationCodes(a, b, 9, 'spherical');
    expect(Array.from(codes.subarray(0, 3)).map((v) => +v.toFixed(6))).toEqual([3, 0, 0]);
    expect(Array.from(codes.subarray(24, 27)).map((v) => +v.toFixed(6))).toEqual([0, 1, 0]);
    const middle = codes.subarray(12, 15);
    // Halfway along the quarter circle, at the mean length.
    expect(norm(middle)).toBeCloseTo(2, 5);
    expect((middle[0] ?? 0) / 2).toBeCloseTo(Math.SQRT1_2, 5);
    expect((middle[1] ?? 0) / 2).toBeCloseTo(Math.SQRT1_2, 5);
    // The straight line passes closer to the origin than the arc.
    const linear = interpolationCodes(a, b, 9, 'linear');
    expect(norm(linear.subarray(12, 15))).toBeLessThan(norm(middle));
  });

  it('spherical interpolation of parallel codes falls back to the straight line', () => {
    expect([...slerp([1, 1], [2, 2], 0.5)]).toEqual([1.5, 1.5]);
  });

  it('the pixel cross-fade mixes the two images by t', () => {
    const fade = crossFade([0, 1], [1, 0], 3);
    expect([...fade]).toEqual([0, 1, 0.5, 0.5, 1, 0]);
  });

  it('refuses fewer than two steps', () => {
    expect(() => steps(1)).toThrow('at least 2 steps');
  });
});

describe('dimensionStats', () => {
  it("marks a VAE's dimensions with no KL to the prior as inactive", () => {
    // Two images, two dimensions: the first matches the prior exactly, the second carries information.
    const mu = [0, 1, 0, -1];
    const logVar = [0, -2, 0, -2];
    const stats = dimensionStats(mu, 2, 2, logVar);
    expect(stats.measure).toBe('kl');
    expect(stats.values[0]).toBe(0);
    expect(stats.values[1]).toBeCloseTo(-0.5 * (1 - 2 - 1 - Math.exp(-2)), 10);
    expect(stats.active).toEqual([false, true]);
  });

  it("marks an autoencoder's dimensions that never vary as inactive", () => {
    const codings = [0, 1, 0, 3, 0, 2];
    const stats = dimensionStats(codings, 3, 2, null);
    expect(stats.measure).toBe('variance');
    expect(stats.active).toEqual([false, true]);
    expect(stats.mean[1]).toBeCloseTo(2, 10);
    expect(stats.std[1]).toBeCloseTo(Math.sqrt(2 / 3), 10);
  });
});

describe('traversal', () => {
  it('changes one dimension per row, from -3 to 3 around the prior', () => {
    const stats = dimensionStats([0, 0, 0, 0], 2, 2, [0, 0, 0, 0]);
    const codes = traversalCodes([0, 0], stats, true, 7);
    expect(traversalOffsets(7)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    // Row 0 moves z0, row 1 moves z1.
    expect(Array.from({ length: 7 }, (_, c) => codes[c * 2])).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(Array.from({ length: 7 }, (_, c) => codes[c * 2 + 1])).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from({ length: 7 }, (_, c) => codes[14 + c * 2 + 1])).toEqual([-3, -2, -1, 0, 1, 2, 3]);
  });

  it("without a prior moves a dimension by its spread over the images, keeping the image's other values", () => {
    const stats = dimensionStats([1, 10, 3, 20], 2, 2, null);
    const codes = traversalCodes([1, 10], stats, false, 3);
    // Dimension 0 has mean 2 and spread 1: -3, 0, +3 spreads.
    expect([...codes.subarray(0, 6)]).toEqual([-1, 10, 2, 10, 5, 10]);
    expect([...codes.subarray(6, 12)]).toEqual([1, 0, 1, 15, 1, 30]);
  });
});

describe('wide codings', () => {
  it('traverse only their most active dimensions, in order, and the CSV names them', () => {
    // Dimension d varies with spread d: the two widest are 4 and 3.
    const codings = [0, 0, 0, 0, 0, 0, 1, 2, 3, 4];
    const stats = dimensionStats(codings, 2, 5, null);
    const dims = traversalDimensions(stats, 2);
    expect(dims).toEqual([3, 4]);
    const codes = traversalCodes([0, 0, 0, 0, 0], stats, false, 2, dims);
    expect(codes).toHaveLength(2 * 2 * 5);
    // Row 0 moves dimension 3 only, row 1 dimension 4 only.
    expect([...codes.subarray(0, 5)].map((v, j) => (j === 3 ? 'x' : v))).toEqual([0, 0, 0, 'x', 0]);
    expect([...codes.subarray(10, 15)].map((v, j) => (j === 4 ? 'x' : v))).toEqual([0, 0, 0, 0, 'x']);
    const csv = traversalCsv(
      stats,
      [
        [-1, 1],
        [-2, 2],
      ],
      dims,
    )
      .trim()
      .split('\n');
    expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(['3', '3', '4', '4']);
  });
});

describe('CSV exports', () => {
  it('writes the map with class names, quoting where needed', () => {
    const csv = mapCsv({
      points: [0.5, -1, 2, 3],
      count: 2,
      labels: [1, 0],
      classNames: ['T-shirt/top', 'Trouser, long'],
    });
    expect(csv.split('\n')).toEqual([
      'image,class,class_name,x,y',
      '0,1,"Trouser, long",0.5,-1',
      '1,0,T-shirt/top,2,3',
      '',
    ]);
  });

  it('writes one row per step of each interpolation', () => {
    const csv = interpolationCsv([{ kind: 'linear', codes: [0, 0, 1, 1] }], [0, 1], 2);
    expect(csv).toBe('kind,step,t,z0,z1\nlinear,0,0,0,0\nlinear,1,1,1,1\n');
  });

  it('writes each traversal value with its dimension statistic', () => {
    const stats = dimensionStats([0, 1, 0, -1], 2, 2, [0, -2, 0, -2]);
    const csv = traversalCsv(stats, [
      [-3, 3],
      [-3, 3],
    ]);
    const rows = csv.trim().split('\n');
    expect(rows[0]).toBe('dimension,column,value,kl_nats,active');
    expect(rows).toHaveLength(5);
    expect(rows[1]).toBe('0,0,-3,0,0');
    expect(rows[4]?.startsWith('1,1,3,')).toBe(true);
    expect(rows[4]?.endsWith(',1')).toBe(true);
  });
});
