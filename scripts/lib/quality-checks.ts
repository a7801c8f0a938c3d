// The lecture's claims as measured bars (LECTURE.md): each check trains what it needs and
// returns rows of preset, metric, value, bar and pass. `pass: null` marks a bar not measured here.
import { readFileSync } from 'node:fs';
import {
  activeUnits,
  gaussianTotalCorrelation,
  largestPrincipalAngleDegrees,
  matrix,
  pca,
  pcaReconstructionMse,
  psnr,
} from '../../src/core/metrics';
import type { PortRef } from '../../src/core/graph/document';
import type { Trainer } from '../../src/core/train/trainer';
import { codingsMap, convVsStacked, recurrentVsMean, stackedRun } from './quality-autoencoders';
import { CONDITIONAL_GAN_CHECKS } from './quality-gan-conditional';
import { pretraining } from './quality-pretraining';
import { meanSquaredError, trainPreset } from './quality-run';
import { vaeAblation } from './quality-vae';

export interface QualityRow {
  readonly preset: string;
  readonly metric: string;
  readonly value: number;
  readonly bar: string;
  readonly pass: boolean | null;
}

export interface QualityCheck {
  readonly name: string;
  /** About how many minutes of CPU a full-length run takes: the costliest checks start first. */
  readonly cpuMinutes?: number;
  /** Steps at full length; a quick run scales them down. */
  run(scale: number, log: (line: string) => void): Promise<QualityRow[]>;
}

export const steps = (full: number, scale: number): number => Math.max(1, Math.round(full * scale));
/** Test images (class-balanced) or noise samples each measurement is taken on. */
export const EVAL_COUNT = 2000;

/** A linear AE's test MSE over the PCA optimum for the same M, and the largest angle between spans. */
export async function linearMeasure(
  trainer: Trainer,
  input: PortRef,
  count: number,
): Promise<{ ratio: number; angle: number }> {
  const decoder = trainer.program.networks.get('decoder');
  const [x, recon] = await trainer.evaluate(
    [input, { node: decoder?.outputRefs[0]?.node ?? '', port: 'out' }],
    count,
  );
  if (!x || !recon) throw new Error('evaluation failed');
  const dim = x.values.length / count;
  const kernel = decoder?.model.layers.find((l) => l.getWeights().length === 2)?.getWeights()[0];
  if (!kernel) throw new Error('no decoder kernel');
  const k = kernel.shape[0] ?? 1;
  const w = await kernel.data();
  // The decoded point is z W + b: the decoder spans the rows of W, the columns of W^T.
  const span = matrix(
    dim,
    k,
    Float64Array.from({ length: dim * k }, (_, i) => w[(i % k) * dim + Math.floor(i / k)] ?? 0),
  );
  const p = pca(x.values, count, dim, k, dim > 100 ? 40 : 60);
  return {
    ratio: meanSquaredError(x.values, recon.values) / pcaReconstructionMse(p, dim),
    angle: largestPrincipalAngleDegrees(span, p.components),
  };
}

/** Linear AE against PCA: MSE within 5% of the optimum and the decoder's span within 10 degrees. */
function linearVsPca(preset: string, input: PortRef, full: number): QualityCheck {
  return {
    name: preset,
    async run(scale, log) {
      const { trainer } = await trainPreset(preset, steps(full, scale), {}, log);
      const { ratio, angle } = await linearMeasure(trainer, input, EVAL_COUNT);
      trainer.dispose();
      return [
        { preset, metric: 'test MSE / PCA optimum', value: ratio, bar: '<= 1.05', pass: ratio <= 1.05 },
        { preset, metric: 'largest principal angle (degrees)', value: angle, bar: '< 10', pass: angle < 10 },
      ];
    },
  };
}

/** PSNR of the denoised output minus that of the noisy input (clipped to 0..1), against the clean image. */
export async function denoisingGain(trainer: Trainer, count: number): Promise<number> {
  const [clean, noisy, out] = await trainer.evaluate(
    [
      { node: 'data', port: 'images' },
      { node: 'noise', port: 'out' },
      { node: 'image', port: 'out' },
    ],
    count,
    'preview',
  );
  if (!clean || !noisy || !out) throw new Error('evaluation failed');
  const clipped = noisy.values.map((v) => Math.min(1, Math.max(0, v)));
  return psnr(clean.values, out.values) - psnr(clean.values, clipped);
}

function denoising(preset: string, full: number): QualityCheck {
  return {
    name: preset,
    async run(scale, log) {
      const { trainer } = await trainPreset(preset, steps(full, scale), {}, log);
      const gain = await denoisingGain(trainer, EVAL_COUNT);
      trainer.dispose();
      return [
        { preset, metric: 'PSNR gain output vs noisy input (dB)', value: gain, bar: '>= 3', pass: gain >= 3 },
      ];
    },
  };
}

/** Mean activation of the `coding` node on test images. */
export async function meanActivation(trainer: Trainer, count: number): Promise<number> {
  const [coding] = await trainer.evaluate([{ node: 'coding', port: 'out' }], count);
  const values = coding?.values ?? new Float32Array();
  return values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
}

/** The target mean activation of a sparse preset: the KL node's rho, or the L1 preset's stated one. */
export function sparsityTarget(trainer: Trainer): number {
  const rho = trainer.program.params.get('sparsity')?.target;
  return typeof rho === 'number' ? rho : SPARSE_L1_TARGET;
}

/** Mean activation of a sparse coding layer on test images, within 25% of the target it is asked for. */
function sparse(preset: string, full: number): QualityCheck {
  return {
    name: preset,
    async run(scale, log) {
      const { trainer } = await trainPreset(preset, steps(full, scale), {}, log);
      const mean = await meanActivation(trainer, EVAL_COUNT);
      const rho = sparsityTarget(trainer);
      trainer.dispose();
      return [
        {
          preset,
          metric: `mean coding activation (target ${rho})`,
          value: mean,
          bar: `within 25% of ${rho}`,
          pass: Math.abs(mean - rho) <= 0.25 * rho,
        },
      ];
    },
  };
}

/** The L1 preset has no target param; its description names the mean it is weighted to reach. */
export const SPARSE_L1_TARGET = 0.1;

/**
 * The beta-VAE's mean codes on the test images: how many units are active (variance of mu over the
 * images above 0.01, the usual test) and the Gaussian total correlation of mu over those active
 * units. Each run is measured over its own active units: units of two separately trained models
 * do not correspond, so "active in both" would pair unrelated units. Inactive units are left out
 * because they carry nothing yet, the measure being scale-free, their tiny wiggles (a fixed
 * function of the same encoder features) read as near-perfect correlation. For a check that
 * needs no such choice, the total correlation of the sampled codes z over all units is reported
 * beside it: there an inactive unit is the prior's own noise and adds nothing.
 */
export async function betaVaeCodes(
  trainer: Trainer,
  count: number,
): Promise<{ active: number; tcActive: number; tcSampled: number }> {
  const [mu, z] = await trainer.evaluate(
    [
      { node: 'mu', port: 'out' },
      { node: 'sample', port: 'out' },
    ],
    count,
  );
  if (!mu || !z) throw new Error('evaluation failed');
  // MNIST's test split holds fewer images than may be asked for: count those that came back.
  const [returned = 0, dim = 0] = mu.shape;
  const active = activeUnits(mu.values, returned, dim);
  return {
    active: active.filter(Boolean).length,
    tcActive: gaussianTotalCorrelation(mu.values, returned, dim, active),
    tcSampled: gaussianTotalCorrelation(z.values, returned, dim),
  };
}

/**
 * The two betas the beta-VAE check compares, as its preset's description does: at beta 4 none of
 * its 10 units switches off within 3,000 steps, so the lower of the two claims could not show.
 */
const BETA_LOW = 1;
const BETA_HIGH = 8;

const betaVae: QualityCheck = {
  name: 'beta-vae',
  async run(scale, log) {
    const measure = async (beta: number) => {
      const { trainer } = await trainPreset('beta-vae', steps(3000, scale), { kl: { weight: beta } }, log);
      try {
        return await betaVaeCodes(trainer, EVAL_COUNT);
      } finally {
        trainer.dispose();
      }
    };
    const low = await measure(BETA_LOW);
    const high = await measure(BETA_HIGH);
    const lo = `beta ${BETA_LOW}`;
    const hi = `beta ${BETA_HIGH}`;
    const reference = (metric: string, value: number): QualityRow => ({
      preset: 'beta-vae',
      metric,
      value,
      bar: 'reference',
      pass: null,
    });
    return [
      reference(`active units at ${lo}`, low.active),
      reference(`active units at ${hi}`, high.active),
      {
        preset: 'beta-vae',
        metric: `active units, ${hi} minus ${lo}`,
        value: high.active - low.active,
        bar: `${hi} has fewer`,
        pass: high.active < low.active,
      },
      reference(`total correlation of mu over its active units at ${lo} (nats)`, low.tcActive),
      reference(`total correlation of mu over its active units at ${hi} (nats)`, high.tcActive),
      {
        preset: 'beta-vae',
        metric: `total correlation of mu over the active units, ${hi} minus ${lo} (nats)`,
        value: high.tcActive - low.tcActive,
        bar: '< 0',
        pass: high.tcActive < low.tcActive,
      },
      reference(
        `total correlation of sampled z over all units, ${hi} minus ${lo} (nats)`,
        high.tcSampled - low.tcSampled,
      ),
    ];
  },
};

/** Figures recorded from the PyTorch twins in scripts/reference (see results.json there). */
function pytorchFigure(model: string, key: string): number | undefined {
  try {
    const recorded = JSON.parse(
      readFileSync(new URL('../reference/results.json', import.meta.url), 'utf8'),
    ) as {
      runs: { model: string; [key: string]: unknown }[];
    };
    const value = recorded.runs.find((r) => r.model === model)?.[key];
    return typeof value === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}

const stackedVsPytorch: QualityCheck = {
  name: 'stacked-autoencoder',
  async run(scale, log) {
    const { mse, parameters } = await stackedRun(scale, log);
    const torch = pytorchFigure('stacked-autoencoder', 'testMse');
    return [
      {
        preset: 'stacked-autoencoder',
        metric: `test MSE (${parameters} weights)`,
        value: mse,
        bar: 'reference for the ratio',
        pass: null,
      },
      {
        preset: 'stacked-autoencoder',
        metric: 'test MSE / PyTorch test MSE',
        value: torch === undefined ? NaN : mse / torch,
        bar: '<= 1.10',
        pass: torch === undefined ? null : mse / torch <= 1.1,
      },
    ];
  },
};

const vaeVsPytorch: QualityCheck = {
  name: 'vae',
  async run(scale, log) {
    const { trainer } = await trainPreset('vae', steps(3000, scale), {}, log);
    const [reconstruction, kl] = await trainer.evaluate(
      [
        { node: 'reconstruction', port: 'loss' },
        { node: 'kl', port: 'loss' },
      ],
      EVAL_COUNT,
    );
    trainer.dispose();
    const elbo = (reconstruction?.values[0] ?? NaN) + (kl?.values[0] ?? NaN);
    const torch = pytorchFigure('vae', 'testNegativeElbo');
    const off = torch === undefined ? NaN : Math.abs(elbo - torch) / torch;
    return [
      {
        preset: 'vae',
        metric: 'test negative ELBO (nats)',
        value: elbo,
        bar: 'reference for the ratio',
        pass: null,
      },
      {
        preset: 'vae',
        metric: 'relative gap to PyTorch negative ELBO',
        value: off,
        bar: '<= 0.05',
        pass: torch === undefined ? null : off <= 0.05,
      },
    ];
  },
};

export const QUALITY_CHECKS: readonly QualityCheck[] = [
  stackedVsPytorch,
  vaeVsPytorch,
  linearVsPca('linear-ae-plane', { node: 'points', port: 'points' }, 3000),
  linearVsPca('linear-ae-fashion', { node: 'data', port: 'images' }, 3000),
  denoising('denoising-gaussian', 2000),
  denoising('denoising-dropout', 2000),
  sparse('sparse-kl', 2000),
  sparse('sparse-l1', 2000),
  betaVae,
  convVsStacked,
  recurrentVsMean,
  codingsMap,
  vaeAblation,
  pretraining,
  ...CONDITIONAL_GAN_CHECKS,
];
