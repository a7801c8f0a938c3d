// Quality measures the lecture's claims are checked with: GAN mode coverage, denoising PSNR,
// neighbourhood class accuracy of a 2-D map, active latent units and total correlation of codes.

import { covariance, symmetricEigen } from './linalg';

export interface ModeCoverage {
  /** Modes with at least one high-quality sample. */
  readonly covered: number;
  readonly modes: number;
  /** Share of samples within `sigmas` standard deviations of their nearest mode. */
  readonly highQualityFraction: number;
}

/** How many modes a generator hits, as in the unrolled-GAN paper's ring experiment. */
export function modeCoverage(
  points: ArrayLike<number>,
  modes: readonly (readonly number[])[],
  std: number,
  sigmas = 3,
): ModeCoverage {
  const dim = modes[0]?.length ?? 2;
  const count = Math.floor(points.length / dim);
  const hits = new Array<number>(modes.length).fill(0);
  let good = 0;
  for (let i = 0; i < count; i++) {
    let best = Infinity;
    let bestMode = -1;
    modes.forEach((mode, m) => {
      let d2 = 0;
      for (let j = 0; j < dim; j++) d2 += ((points[i * dim + j] ?? 0) - (mode[j] ?? 0)) ** 2;
      if (d2 < best) {
        best = d2;
        bestMode = m;
      }
    });
    if (Math.sqrt(best) <= sigmas * std) {
      good += 1;
      hits[bestMode]! += 1;
    }
  }
  return {
    covered: hits.filter((h) => h > 0).length,
    modes: modes.length,
    highQualityFraction: count ? good / count : 0,
  };
}

/** Peak signal-to-noise ratio in dB of `estimate` against `clean`, both in [0, 1]. */
export function psnr(clean: ArrayLike<number>, estimate: ArrayLike<number>): number {
  if (clean.length !== estimate.length) throw new Error('psnr: arrays differ in length');
  let se = 0;
  for (let i = 0; i < clean.length; i++) se += ((clean[i] ?? 0) - (estimate[i] ?? 0)) ** 2;
  const mse = se / Math.max(1, clean.length);
  return mse === 0 ? Infinity : 10 * Math.log10(1 / mse);
}

/** Leave-one-out k-nearest-neighbour class accuracy of points (e.g. a 2-D latent map). */
export function knnAccuracy(
  points: ArrayLike<number>,
  labels: ArrayLike<number>,
  dim: number,
  k = 5,
): number {
  const count = labels.length;
  let correct = 0;
  const dist = new Float64Array(count);
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < count; j++) {
      let d2 = 0;
      for (let c = 0; c < dim; c++) d2 += ((points[i * dim + c] ?? 0) - (points[j * dim + c] ?? 0)) ** 2;
      dist[j] = j === i ? Infinity : d2;
      order[j] = j;
    }
    const nearest = Array.from(order)
      .sort((a, b) => (dist[a] ?? 0) - (dist[b] ?? 0))
      .slice(0, k);
    const votes = new Map<number, number>();
    for (const n of nearest) votes.set(labels[n] ?? -1, (votes.get(labels[n] ?? -1) ?? 0) + 1);
    const predicted = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (predicted === labels[i]) correct += 1;
  }
  return count ? correct / count : 0;
}

/**
 * Latent units in use, by the usual test (Burda et al., "Importance Weighted Autoencoders"): the
 * variance over the data of the unit's mean code mu exceeds `threshold`. An inactive unit sends
 * every image to nearly the same mu, so the decoder cannot read anything from it.
 */
export function activeUnits(mu: ArrayLike<number>, count: number, dim: number, threshold = 0.01): boolean[] {
  const { cov } = covariance(mu, count, dim);
  return Array.from({ length: dim }, (_, j) => (cov.data[j * dim + j] ?? 0) > threshold);
}

/**
 * Total correlation of codes under a Gaussian fit: sum of marginal entropies minus the joint
 * entropy = 1/2 (sum log var_i - log det Cov). Zero for independent units. With `keep`, only the
 * units marked true are fitted: the measure is scale-free, so a nearly constant unit whose tiny
 * wiggles follow the other units counts as strongly correlated however little it varies.
 */
export function gaussianTotalCorrelation(
  codes: ArrayLike<number>,
  count: number,
  dim: number,
  keep?: readonly boolean[],
): number {
  if (keep && keep.length !== dim)
    throw new Error(`gaussianTotalCorrelation: ${keep.length} unit flags for ${dim} units`);
  const units = keep ? keep.flatMap((k, j) => (k ? [j] : [])) : Array.from({ length: dim }, (_, j) => j);
  const n = units.length;
  if (n < 2) return 0;
  const kept = new Float64Array(count * n);
  for (let s = 0; s < count; s++) units.forEach((j, k) => (kept[s * n + k] = codes[s * dim + j] ?? 0));
  const { cov } = covariance(kept, count, n);
  const { values } = symmetricEigen(cov);
  let logDet = 0;
  let sumLogVar = 0;
  for (let i = 0; i < n; i++) {
    logDet += Math.log(Math.max(values[i] ?? 0, 1e-12));
    sumLogVar += Math.log(Math.max(cov.data[i * n + i] ?? 0, 1e-12));
  }
  return 0.5 * (sumLogVar - logDet);
}
