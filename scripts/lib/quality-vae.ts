// The VAE loss ablation's three pictures (LECTURE.md), measured on the 2-D codes mu of MNIST test
// images. Reconstruction only: scattered tight clusters, meaning classes stay apart (5-NN accuracy
// of the map) and the codes stray beyond the prior (larger mean norm than with both terms). KL
// only: one blob at the origin (mean norm near 0) with no reconstruction (no better than decoding
// every image as the mean image). Both: a smooth filled disc, meaning the codes cover the disc of
// radius 2 that holds most of N(0, I) better than either ablation, at a mean norm near the prior's.
import { knnAccuracy } from '../../src/core/metrics';
import { PROBABILITY_EPSILON } from '../../nodes/losses';
import type { Trainer } from '../../src/core/train/trainer';
import { EVAL_COUNT, type QualityCheck, type QualityRow, steps } from './quality-checks';
import { trainPreset } from './quality-run';

interface AblationPicture {
  /** Mean distance of the codes from the origin. */
  readonly meanNorm: number;
  /** Share of the 0.2-wide grid cells inside the disc of radius 2 that hold at least one code. */
  readonly discCoverage: number;
  /** Leave-one-out 5-NN class accuracy of the codes. */
  readonly knn5: number;
  /** Reconstruction BCE (nats per image) over that of the mean test image. */
  readonly reconstructionRatio: number;
}

/** Share of grid cells (side `cell`) whose centre lies inside the disc of `radius` that hold a point. */
export function discCoverage(points: ArrayLike<number>, radius = 2, cell = 0.2): number {
  const side = Math.round((2 * radius) / cell);
  const filled = new Set<number>();
  for (let i = 0; i + 1 < points.length; i += 2) {
    const gx = Math.floor(((points[i] ?? 0) + radius) / cell);
    const gy = Math.floor(((points[i + 1] ?? 0) + radius) / cell);
    if (gx >= 0 && gx < side && gy >= 0 && gy < side) filled.add(gy * side + gx);
  }
  let inside = 0;
  let covered = 0;
  for (let gy = 0; gy < side; gy++) {
    for (let gx = 0; gx < side; gx++) {
      const cx = -radius + (gx + 0.5) * cell;
      const cy = -radius + (gy + 0.5) * cell;
      if (cx * cx + cy * cy > radius * radius) continue;
      inside += 1;
      if (filled.has(gy * side + gx)) covered += 1;
    }
  }
  return covered / inside;
}

/** Binary cross-entropy, summed per image and averaged, of decoding every image as their mean. */
export function meanImageBce(images: Float32Array, count: number): number {
  if (!(Number.isInteger(count) && count > 0 && images.length % count === 0))
    throw new Error(`meanImageBce: ${images.length} pixel values do not split into ${count} images`);
  const dim = images.length / count;
  const mean = new Float64Array(dim);
  for (let i = 0; i < images.length; i++) mean[i % dim]! += (images[i] ?? 0) / count;
  let total = 0;
  for (let i = 0; i < images.length; i++) {
    const p = Math.min(1 - PROBABILITY_EPSILON, Math.max(PROBABILITY_EPSILON, mean[i % dim] ?? 0));
    const t = images[i] ?? 0;
    total -= t * Math.log(p) + (1 - t) * Math.log(1 - p);
  }
  return total / count;
}

/**
 * The measured picture of a trained ablation preset, on up to `count` test images. The pass
 * returns fewer when the test split is smaller (MNIST's holds 1,756 here): every figure is over
 * the images that came back, never over the number asked for.
 */
export async function measurePicture(trainer: Trainer, count: number): Promise<AblationPicture> {
  const [mu, labels, images, reconstruction] = await trainer.evaluate(
    [
      { node: 'mu', port: 'out' },
      { node: 'data', port: 'labels' },
      { node: 'data', port: 'images' },
      { node: 'reconstruction', port: 'loss' },
    ],
    count,
  );
  if (!mu || !labels || !images || !reconstruction) throw new Error('evaluation failed');
  const returned = mu.shape[0] ?? 0;
  let norms = 0;
  for (let i = 0; i < returned; i++) norms += Math.hypot(mu.values[2 * i] ?? 0, mu.values[2 * i + 1] ?? 0);
  return {
    meanNorm: norms / returned,
    discCoverage: discCoverage(mu.values),
    knn5: knnAccuracy(mu.values, labels.values, 2, 5),
    reconstructionRatio: (reconstruction.values[0] ?? NaN) / meanImageBce(images.values, returned),
  };
}

async function picture(preset: string, scale: number, log: (line: string) => void): Promise<AblationPicture> {
  const { trainer } = await trainPreset(preset, steps(3000, scale), {}, log);
  try {
    return await measurePicture(trainer, EVAL_COUNT);
  } finally {
    trainer.dispose();
  }
}

const row = (
  preset: string,
  metric: string,
  value: number,
  bar: string,
  pass: boolean | null,
): QualityRow => ({
  preset,
  metric,
  value,
  bar,
  pass,
});

export const vaeAblation: QualityCheck = {
  name: 'vae-ablation',
  async run(scale, log) {
    const recon = await picture('vae-ablation-reconstruction', scale, log);
    const kl = await picture('vae-ablation-kl', scale, log);
    const both = await picture('vae-ablation-both', scale, log);
    const rows: QualityRow[] = [];
    for (const [preset, p] of [
      ['vae-ablation-reconstruction', recon],
      ['vae-ablation-kl', kl],
      ['vae-ablation-both', both],
    ] as const) {
      rows.push(
        row(preset, 'mean code norm', p.meanNorm, 'reference', null),
        row(preset, 'disc coverage (radius 2)', p.discCoverage, 'reference', null),
        row(preset, '5-NN accuracy of the codes', p.knn5, 'reference', null),
        row(preset, 'reconstruction BCE / mean-image BCE', p.reconstructionRatio, 'reference', null),
      );
    }
    const r = 'vae-ablation-reconstruction';
    const k = 'vae-ablation-kl';
    const b = 'vae-ablation-both';
    rows.push(
      row(r, 'tight clusters: 5-NN accuracy', recon.knn5, '>= 0.70', recon.knn5 >= 0.7),
      row(
        r,
        'scattered: mean code norm minus that with both terms',
        recon.meanNorm - both.meanNorm,
        '> 0',
        recon.meanNorm > both.meanNorm,
      ),
      row(k, 'blob at the origin: mean code norm', kl.meanNorm, '< 0.1', kl.meanNorm < 0.1),
      row(
        k,
        'no reconstruction: BCE / mean-image BCE',
        kl.reconstructionRatio,
        '>= 0.95',
        kl.reconstructionRatio >= 0.95,
      ),
      row(
        b,
        'filled disc: disc coverage',
        both.discCoverage,
        '>= 0.8 and above both ablations',
        both.discCoverage >= 0.8 && both.discCoverage > Math.max(recon.discCoverage, kl.discCoverage),
      ),
      row(
        b,
        'inside the prior: mean code norm',
        both.meanNorm,
        'between 0.5 and 1.5',
        both.meanNorm >= 0.5 && both.meanNorm <= 1.5,
      ),
    );
    return rows;
  },
};
