// Fréchet distance and Inception Score: the two image-quality figures of the lecture, computed
// from a classifier's features and class probabilities (the project's own small classifier, not
// Inception, so figures compare within this project only).

import { covariance, matrix, multiply, symmetricEigen, type Matrix } from './linalg';

/** The symmetric square root of a positive semi-definite matrix (negative eigenvalues, from rounding, count as 0). */
function sqrtPsd(m: Matrix): Matrix {
  const { values, vectors } = symmetricEigen(m);
  const n = m.rows;
  const out = matrix(n, n);
  for (let k = 0; k < n; k++) {
    const root = Math.sqrt(Math.max(0, values[k] ?? 0));
    if (root === 0) continue;
    for (let i = 0; i < n; i++) {
      const vi = (vectors.data[i * n + k] ?? 0) * root;
      if (vi === 0) continue;
      for (let j = 0; j < n; j++) out.data[i * n + j]! += vi * (vectors.data[j * n + k] ?? 0);
    }
  }
  return out;
}

/**
 * Fréchet distance between Gaussians fitted to two sets of `dim`-wide feature rows:
 * |mu_a - mu_b|^2 + tr(S_a + S_b - 2 (S_a S_b)^(1/2)). The trace of the matrix root is taken as
 * the sum of the roots of the eigenvalues of S_a^(1/2) S_b S_a^(1/2), which is symmetric.
 */
export function frechetDistance(
  a: ArrayLike<number>,
  countA: number,
  b: ArrayLike<number>,
  countB: number,
  dim: number,
): number {
  if (countA < 2 || countB < 2) throw new Error('the Fréchet distance needs at least 2 samples on each side');
  const fa = covariance(a, countA, dim);
  const fb = covariance(b, countB, dim);
  let meanTerm = 0;
  for (let j = 0; j < dim; j++) meanTerm += ((fa.mean[j] ?? 0) - (fb.mean[j] ?? 0)) ** 2;
  let trace = 0;
  for (let j = 0; j < dim; j++) trace += (fa.cov.data[j * dim + j] ?? 0) + (fb.cov.data[j * dim + j] ?? 0);
  const rootA = sqrtPsd(fa.cov);
  const middle = multiply(multiply(rootA, fb.cov), rootA);
  // Symmetrise away rounding before the eigen solver, which assumes symmetry.
  for (let i = 0; i < dim; i++) {
    for (let j = i + 1; j < dim; j++) {
      const v = ((middle.data[i * dim + j] ?? 0) + (middle.data[j * dim + i] ?? 0)) / 2;
      middle.data[i * dim + j] = v;
      middle.data[j * dim + i] = v;
    }
  }
  const crossTrace = symmetricEigen(middle).values.reduce((s, v) => s + Math.sqrt(Math.max(0, v)), 0);
  return Math.max(0, meanTerm + trace - 2 * crossTrace);
}

/**
 * Inception Score exp(E_x KL(p(y|x) || p(y))) of `count` rows of class probabilities: high when
 * each image is confidently one class and the classes are evenly used; at most `classes`.
 */
export function inceptionScore(probabilities: ArrayLike<number>, count: number, classes: number): number {
  if (count < 1) throw new Error('the Inception Score needs at least one sample');
  const tiny = 1e-12;
  const marginal = new Float64Array(classes);
  for (let s = 0; s < count; s++)
    for (let c = 0; c < classes; c++) marginal[c]! += (probabilities[s * classes + c] ?? 0) / count;
  let kl = 0;
  for (let s = 0; s < count; s++) {
    for (let c = 0; c < classes; c++) {
      const p = probabilities[s * classes + c] ?? 0;
      if (p > 0) kl += p * (Math.log(p + tiny) - Math.log((marginal[c] ?? 0) + tiny));
    }
  }
  return Math.exp(kl / count);
}
