// Small dense linear algebra for metrics (PCA, principal angles, Gaussian total correlation).
// Hand-written because the sizes are small (k <= 64 eigenproblems, d <= 784 covariances) and the
// same code must run in Node, the worker and tests without a tensor backend.

/** A row-major matrix of doubles. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export const matrix = (rows: number, cols: number, data = new Float64Array(rows * cols)): Matrix => ({
  rows,
  cols,
  data,
});

export const at = (m: Matrix, r: number, c: number): number => m.data[r * m.cols + c] ?? 0;

export function multiply(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new Error(`cannot multiply ${a.rows}x${a.cols} by ${b.rows}x${b.cols}`);
  const out = matrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const v = a.data[i * a.cols + k] ?? 0;
      if (v === 0) continue;
      const rowB = k * b.cols;
      const rowOut = i * b.cols;
      for (let j = 0; j < b.cols; j++) out.data[rowOut + j]! += v * (b.data[rowB + j] ?? 0);
    }
  }
  return out;
}

export function transpose(m: Matrix): Matrix {
  const out = matrix(m.cols, m.rows);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) out.data[j * m.rows + i] = at(m, i, j);
  return out;
}

/** Orthonormalises the columns in place (modified Gram-Schmidt); a column that vanishes becomes zero. */
export function orthonormalizeColumns(m: Matrix): Matrix {
  const { rows, cols, data } = m;
  for (let j = 0; j < cols; j++) {
    for (let p = 0; p < j; p++) {
      let dot = 0;
      for (let i = 0; i < rows; i++) dot += (data[i * cols + j] ?? 0) * (data[i * cols + p] ?? 0);
      for (let i = 0; i < rows; i++) data[i * cols + j]! -= dot * (data[i * cols + p] ?? 0);
    }
    let norm = 0;
    for (let i = 0; i < rows; i++) norm += (data[i * cols + j] ?? 0) ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < rows; i++) data[i * cols + j] = norm > 1e-12 ? (data[i * cols + j] ?? 0) / norm : 0;
  }
  return m;
}

/**
 * Eigenvalues and eigenvectors of a symmetric matrix by cyclic Jacobi rotations, sorted by
 * decreasing eigenvalue; vectors are the columns of `vectors`.
 */
export function symmetricEigen(input: Matrix): { values: number[]; vectors: Matrix } {
  const n = input.rows;
  const a = new Float64Array(input.data);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (a[p * n + q] ?? 0) ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] ?? 0;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = ((a[q * n + q] ?? 0) - (a[p * n + p] ?? 0)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p] ?? 0;
          const akq = a[k * n + q] ?? 0;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k] ?? 0;
          const aqk = a[q * n + k] ?? 0;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] ?? 0;
          const vkq = v[k * n + q] ?? 0;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (a[j * n + j] ?? 0) - (a[i * n + i] ?? 0),
  );
  const vectors = matrix(n, n);
  order.forEach((src, dst) => {
    for (let k = 0; k < n; k++) vectors.data[k * n + dst] = v[k * n + src] ?? 0;
  });
  return { values: order.map((i) => a[i * n + i] ?? 0), vectors };
}

/** Covariance (divided by n) of `count` samples of `dim` features, and the feature means. */
export function covariance(
  samples: ArrayLike<number>,
  count: number,
  dim: number,
): { cov: Matrix; mean: Float64Array } {
  const mean = new Float64Array(dim);
  for (let s = 0; s < count; s++)
    for (let j = 0; j < dim; j++) mean[j]! += (samples[s * dim + j] ?? 0) / count;
  const cov = matrix(dim, dim);
  const row = new Float64Array(dim);
  for (let s = 0; s < count; s++) {
    for (let j = 0; j < dim; j++) row[j] = (samples[s * dim + j] ?? 0) - (mean[j] ?? 0);
    for (let i = 0; i < dim; i++) {
      const ri = row[i] ?? 0;
      if (ri === 0) continue;
      const base = i * dim;
      for (let j = i; j < dim; j++) cov.data[base + j]! += ri * (row[j] ?? 0);
    }
  }
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      const value = (cov.data[i * dim + j] ?? 0) / count;
      cov.data[i * dim + j] = value;
      cov.data[j * dim + i] = value;
    }
  }
  return { cov, mean };
}
