// Principal component analysis and the comparison of a linear autoencoder with it: the
// lecture's claim that a linear autoencoder with MSE learns the span of the top components.

import {
  covariance,
  matrix,
  type Matrix,
  multiply,
  orthonormalizeColumns,
  symmetricEigen,
  transpose,
} from './linalg';

export interface Pca {
  readonly mean: Float64Array;
  /** dim x k, orthonormal columns, by decreasing variance. */
  readonly components: Matrix;
  /** Variance along each component. */
  readonly variances: readonly number[];
  /** Variance of the data summed over every direction. */
  readonly totalVariance: number;
}

/**
 * Top-k principal components by subspace iteration on the covariance with a Rayleigh-Ritz
 * rotation; `iterations` multiplications by the covariance are enough when the spectrum decays.
 */
export function pca(samples: ArrayLike<number>, count: number, dim: number, k: number, iterations = 60): Pca {
  if (k < 1 || k > dim) throw new Error(`pca: k must be between 1 and ${dim}, got ${k}`);
  const { cov, mean } = covariance(samples, count, dim);
  let totalVariance = 0;
  for (let i = 0; i < dim; i++) totalVariance += cov.data[i * dim + i] ?? 0;
  // A fixed, well-spread start keeps the result deterministic.
  let q = matrix(dim, k);
  for (let i = 0; i < dim; i++)
    for (let j = 0; j < k; j++) q.data[i * k + j] = Math.sin(1 + i * 1.7 + j * 7.3 + i * j * 0.31);
  orthonormalizeColumns(q);
  for (let it = 0; it < iterations; it++) q = orthonormalizeColumns(multiply(cov, q));
  const small = multiply(transpose(q), multiply(cov, q));
  const { values, vectors } = symmetricEigen(small);
  return { mean, components: multiply(q, vectors), variances: values, totalVariance };
}

/** Mean squared reconstruction error per element of the best rank-k linear reconstruction. */
export function pcaReconstructionMse(p: Pca, dim: number): number {
  const kept = p.variances.reduce((s, v) => s + v, 0);
  return Math.max(0, p.totalVariance - kept) / dim;
}

/** Principal angles (radians, ascending) between the column spans of two dim x k matrices. */
export function principalAngles(a: Matrix, b: Matrix): number[] {
  const qa = orthonormalizeColumns(matrix(a.rows, a.cols, new Float64Array(a.data)));
  const qb = orthonormalizeColumns(matrix(b.rows, b.cols, new Float64Array(b.data)));
  const m = multiply(transpose(qa), qb);
  const { values } = symmetricEigen(multiply(transpose(m), m));
  return values.map((v) => Math.acos(Math.min(1, Math.sqrt(Math.max(0, v))))).sort((x, y) => x - y);
}

export const largestPrincipalAngleDegrees = (a: Matrix, b: Matrix): number =>
  (Math.max(...principalAngles(a, b)) * 180) / Math.PI;
