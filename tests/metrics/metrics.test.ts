// Metrics checked on data whose answer is known in closed form.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/data/rng';
import { PLANE3D, sampleToy, TOY_INFO } from '../../src/core/data/toys';
import {
  activeUnits,
  gaussianTotalCorrelation,
  knnAccuracy,
  largestPrincipalAngleDegrees,
  matrix,
  modeCoverage,
  pca,
  pcaReconstructionMse,
  principalAngles,
  psnr,
} from '../../src/core/metrics';
import { symmetricEigen } from '../../src/core/metrics/linalg';

describe('linear algebra', () => {
  it('finds the eigenvalues of a symmetric matrix', () => {
    const { values, vectors } = symmetricEigen(matrix(2, 2, Float64Array.from([2, 1, 1, 2])));
    expect(values[0]).toBeCloseTo(3, 10);
    expect(values[1]).toBeCloseTo(1, 10);
    expect(Math.abs(vectors.data[0] ?? 0)).toBeCloseTo(Math.SQRT1_2, 8);
  });
});

describe('pca', () => {
  it('recovers the plane of the 3-D toy and its residual variance', () => {
    const count = 4000;
    const sample = sampleToy('plane3d', count, createRng(3));
    const p = pca(sample.points, count, 3, 2);
    const plane = matrix(
      3,
      2,
      Float64Array.from([0, 1, 2].flatMap((i) => [PLANE3D.axes[0][i], PLANE3D.axes[1][i]])),
    );
    expect(largestPrincipalAngleDegrees(p.components, plane)).toBeLessThan(2);
    // What is left is the noise normal to the plane, spread over 3 elements.
    expect(pcaReconstructionMse(p, 3)).toBeCloseTo(PLANE3D.noiseStd ** 2 / 3, 3);
    expect(p.variances[0]).toBeGreaterThan(p.variances[1] ?? Infinity);
  });

  it('measures 90 degrees between orthogonal spans and 0 between equal ones', () => {
    const a = matrix(3, 1, Float64Array.from([1, 0, 0]));
    const b = matrix(3, 1, Float64Array.from([0, 1, 0]));
    expect((principalAngles(a, b)[0] ?? 0) * (180 / Math.PI)).toBeCloseTo(90, 6);
    const c = matrix(3, 2, Float64Array.from([1, 1, 0, 1, 0, 0]));
    const d = matrix(3, 2, Float64Array.from([1, 0, 0, 1, 0, 0]));
    expect(largestPrincipalAngleDegrees(c, d)).toBeLessThan(1e-6);
  });
});

describe('quality measures', () => {
  it('counts the ring modes a sample hits and the share near a mode', () => {
    const info = TOY_INFO.ring8;
    const real = sampleToy('ring8', 800, createRng(1));
    const full = modeCoverage(real.points, info.modes ?? [], info.std ?? 0.02);
    expect(full).toEqual({ covered: 8, modes: 8, highQualityFraction: expect.any(Number) });
    expect(full.highQualityFraction).toBeGreaterThan(0.98);
    // A collapsed generator: every point on one mode.
    const collapsed = new Float32Array(200).map((_, i) => (i % 2 === 0 ? 2 : 0));
    expect(modeCoverage(collapsed, info.modes ?? [], info.std ?? 0.02).covered).toBe(1);
  });

  it('gives PSNR of a known error', () => {
    const clean = new Float32Array(100).fill(0.5);
    const noisy = clean.map((v, i) => v + (i % 2 ? 0.1 : -0.1));
    expect(psnr(clean, noisy)).toBeCloseTo(20, 4);
    expect(psnr(clean, clean)).toBe(Infinity);
  });

  it('scores separated clusters 1 and shuffled labels near chance', () => {
    const points: number[] = [];
    const labels: number[] = [];
    const rng = createRng(5);
    for (let i = 0; i < 200; i++) {
      const c = i % 4;
      points.push(c * 10 + rng.normal() * 0.1, rng.normal() * 0.1);
      labels.push(c);
    }
    expect(knnAccuracy(points, labels, 2)).toBe(1);
    const shuffled = labels.map(() => Math.floor(rng.next() * 4));
    expect(knnAccuracy(points, shuffled, 2)).toBeLessThan(0.5);
  });

  it('finds active units from the variance of mu over the data, not from the posterior width', () => {
    const count = 50;
    const mu = new Float32Array(count * 3);
    for (let s = 0; s < count; s++) {
      mu[s * 3] = s % 2 ? 1.5 : -1.5; // varies: carries information
      mu[s * 3 + 1] = 3; // far from the prior yet the same for every image: carries none
      mu[s * 3 + 2] = s % 2 ? 0.09 : -0.09; // variance 0.0081, just under the usual 0.01
    }
    expect(activeUnits(mu, count, 3)).toEqual([true, false, false]);
    expect(activeUnits(mu, count, 3, 0.005)).toEqual([true, false, true]);
  });

  it('total correlation is near 0 for independent codes and large for correlated ones', () => {
    const rng = createRng(9);
    const count = 3000;
    const independent = new Float32Array(count * 2).map(() => rng.normal());
    const correlated = new Float32Array(count * 2);
    for (let s = 0; s < count; s++) {
      const z = rng.normal();
      correlated[s * 2] = z;
      correlated[s * 2 + 1] = z + 0.1 * rng.normal();
    }
    expect(Math.abs(gaussianTotalCorrelation(independent, count, 2))).toBeLessThan(0.01);
    // For correlation rho the Gaussian TC is -1/2 log(1 - rho^2); here rho ~ 0.995.
    expect(gaussianTotalCorrelation(correlated, count, 2)).toBeGreaterThan(2);
  });

  it('total correlation over the kept units ignores a nearly constant unit that follows the others', () => {
    const rng = createRng(4);
    const count = 4000;
    const rho = 0.6;
    const codes = new Float32Array(count * 3);
    for (let s = 0; s < count; s++) {
      const a = rng.normal();
      const b = rho * a + Math.sqrt(1 - rho * rho) * rng.normal();
      codes[s * 3] = a;
      codes[s * 3 + 1] = b;
      // An inactive unit: tiny, yet almost exactly a + b, so a Gaussian fit of all three is near-singular.
      codes[s * 3 + 2] = 1e-3 * (a + b) + 1e-7 * rng.normal();
    }
    const expected = -0.5 * Math.log(1 - rho * rho); // 0.223 nats for two units with correlation rho
    expect(gaussianTotalCorrelation(codes, count, 3, [true, true, false])).toBeCloseTo(expected, 1);
    expect(gaussianTotalCorrelation(codes, count, 3)).toBeGreaterThan(5);
    expect(gaussianTotalCorrelation(codes, count, 3, [true, false, false])).toBe(0);
    expect(() => gaussianTotalCorrelation(codes, count, 3, [true, true])).toThrow(/2 unit flags for 3 units/);
  });
});
