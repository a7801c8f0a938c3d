// The arithmetic of the latent views over plain arrays: per-dimension statistics that mark
// inactive units, linear and spherical interpolation between two codes with the pixel cross-fade
// beside them, and the grid of codes of a latent traversal. Runs the same in the page and tests.

/** Below this a dimension counts as inactive: KL in nats for a VAE, variance of the coding otherwise. */
export const INACTIVE_THRESHOLD = 0.01;

export interface DimensionStats {
  /** 'kl': mean KL of each dimension to N(0, 1) from mu and logVar; 'variance': spread over the images. */
  readonly measure: 'kl' | 'variance';
  readonly values: readonly number[];
  readonly mean: readonly number[];
  readonly std: readonly number[];
  readonly active: readonly boolean[];
}

/**
 * Statistics of each coding dimension over `count` images. With logVar (a VAE) the measure is the
 * mean KL to the prior; without it, the coding's variance (an autoencoder's dead units never vary).
 */
export function dimensionStats(
  codings: ArrayLike<number>,
  count: number,
  dim: number,
  logVar: ArrayLike<number> | null,
): DimensionStats {
  const mean = new Array<number>(dim).fill(0);
  const square = new Array<number>(dim).fill(0);
  for (let s = 0; s < count; s++) {
    for (let j = 0; j < dim; j++) {
      const v = codings[s * dim + j] ?? 0;
      mean[j]! += v / count;
      square[j]! += (v * v) / count;
    }
  }
  const variance = mean.map((m, j) => Math.max(0, (square[j] ?? 0) - m * m));
  const std = variance.map(Math.sqrt);
  if (logVar) {
    const kl = new Array<number>(dim).fill(0);
    for (let s = 0; s < count; s++) {
      for (let j = 0; j < dim; j++) {
        const m = codings[s * dim + j] ?? 0;
        const lv = logVar[s * dim + j] ?? 0;
        kl[j]! += (-0.5 * (1 + lv - m * m - Math.exp(lv))) / count;
      }
    }
    return { measure: 'kl', values: kl, mean, std, active: kl.map((v) => v > INACTIVE_THRESHOLD) };
  }
  return {
    measure: 'variance',
    values: variance,
    mean,
    std,
    active: variance.map((v) => v > INACTIVE_THRESHOLD),
  };
}

/** Row `index` of a row-major matrix with `dim` columns. */
export const row = (data: ArrayLike<number>, index: number, dim: number): Float32Array =>
  Float32Array.from({ length: dim }, (_, j) => data[index * dim + j] ?? 0);

/** Evenly spaced t from 0 to 1 inclusive. */
export function steps(count: number): number[] {
  if (!Number.isInteger(count) || count < 2)
    throw new Error(`an interpolation needs at least 2 steps, got ${count}`);
  return Array.from({ length: count }, (_, i) => i / (count - 1));
}

/**
 * Spherical interpolation: along the great circle between the directions of a and b, with the
 * length interpolated linearly. Falls back to the straight line when they are (anti)parallel or one is 0.
 */
export function slerp(a: ArrayLike<number>, b: ArrayLike<number>, t: number): Float32Array {
  const n = a.length;
  let na = 0;
  let nb = 0;
  let dot = 0;
  for (let i = 0; i < n; i++) {
    na += (a[i] ?? 0) ** 2;
    nb += (b[i] ?? 0) ** 2;
    dot += (a[i] ?? 0) * (b[i] ?? 0);
  }
  na = Math.sqrt(na);
  nb = Math.sqrt(nb);
  const out = new Float32Array(n);
  const cos = na > 0 && nb > 0 ? Math.min(1, Math.max(-1, dot / (na * nb))) : 1;
  const omega = Math.acos(cos);
  if (omega < 1e-4 || Math.PI - omega < 1e-4) {
    for (let i = 0; i < n; i++) out[i] = (1 - t) * (a[i] ?? 0) + t * (b[i] ?? 0);
    return out;
  }
  const length = (1 - t) * na + t * nb;
  const wa = Math.sin((1 - t) * omega) / Math.sin(omega);
  const wb = Math.sin(t * omega) / Math.sin(omega);
  for (let i = 0; i < n; i++) {
    const direction = wa * ((a[i] ?? 0) / na) + wb * ((b[i] ?? 0) / nb);
    out[i] = direction * length;
  }
  return out;
}

export type InterpolationKind = 'linear' | 'spherical';

/** Codes from a to b, one row per step. */
export function interpolationCodes(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  count: number,
  kind: InterpolationKind,
): Float32Array {
  const dim = a.length;
  if (b.length !== dim) throw new Error(`codes of different lengths: ${dim} and ${b.length}`);
  const out = new Float32Array(count * dim);
  steps(count).forEach((t, s) => {
    const code =
      kind === 'spherical'
        ? slerp(a, b, t)
        : Float32Array.from({ length: dim }, (_, i) => (1 - t) * (a[i] ?? 0) + t * (b[i] ?? 0));
    out.set(code, s * dim);
  });
  return out;
}

/** The pixel-space cross-fade (1 - t) x_a + t x_b of two images (values 0..1), one image per step. */
export function crossFade(a: ArrayLike<number>, b: ArrayLike<number>, count: number): Float32Array {
  const size = a.length;
  const out = new Float32Array(count * size);
  steps(count).forEach((t, s) => {
    for (let i = 0; i < size; i++) out[s * size + i] = (1 - t) * (a[i] ?? 0) + t * (b[i] ?? 0);
  });
  return out;
}

/** Evenly spaced values from -3 to 3 inclusive. */
export function traversalOffsets(columns: number): number[] {
  if (!Number.isInteger(columns) || columns < 2)
    throw new Error(`a traversal needs at least 2 columns, got ${columns}`);
  return Array.from({ length: columns }, (_, i) => -3 + (6 * i) / (columns - 1));
}

/**
 * The value of dimension `d` in column `c`: with a N(0, I) prior the offsets themselves (-3 to 3);
 * otherwise the offsets in units of that dimension's spread over the test images, around its mean.
 */
export function traversalValue(stats: DimensionStats, prior: boolean, d: number, offset: number): number {
  return prior ? offset : (stats.mean[d] ?? 0) + offset * (stats.std[d] ?? 0);
}

/** Most rows a traversal draws; wider codings show their most active dimensions. */
export const MAX_TRAVERSAL_ROWS = 64;

/** The dimensions a traversal shows: all of them, or the `limit` with the largest statistic, in order. */
export function traversalDimensions(stats: DimensionStats, limit = MAX_TRAVERSAL_ROWS): number[] {
  const all = stats.values.map((_, d) => d);
  if (all.length <= limit) return all;
  return all
    .sort((a, b) => (stats.values[b] ?? 0) - (stats.values[a] ?? 0))
    .slice(0, limit)
    .sort((a, b) => a - b);
}

/** One row per dimension in `dims`, one column per offset: `base` with that dimension replaced. */
export function traversalCodes(
  base: ArrayLike<number>,
  stats: DimensionStats,
  prior: boolean,
  columns: number,
  dims: readonly number[] = Array.from({ length: base.length }, (_, d) => d),
): Float32Array {
  const dim = base.length;
  const offsets = traversalOffsets(columns);
  const out = new Float32Array(dims.length * columns * dim);
  dims.forEach((d, r) => {
    offsets.forEach((offset, c) => {
      const at = (r * columns + c) * dim;
      for (let j = 0; j < dim; j++) out[at + j] = base[j] ?? 0;
      out[at + d] = traversalValue(stats, prior, d, offset);
    });
  });
  return out;
}
