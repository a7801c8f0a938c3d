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
import { GAN_QUALITY_CHECKS } from './quality-gan';
import { meanSquaredError, trainPreset } from './quality-run';

export interface QualityRow {
  readonly preset: string;
  readonly metric: string;
  readonly value: number;
  readonly bar: string;
  readonly pass: boolean | null;
}

export interface QualityCheck {
  readonly name: string;
  /** Steps at full length; a quick run scales them down. */
  run(scale: number, log: (line: string) => void): Promise<QualityRow[]>;
}

const steps = (full: number, scale: number): number => Math.max(1, Math.round(full * scale));
const EVAL_COUNT = 2000;

/** Linear AE against PCA: MSE within 5% of the optimum and the decoder's span within 10 degrees. */
function linearVsPca(preset: string, input: { node: string; port: string }, full: number): QualityCheck {
  return {
    name: preset,
    async run(scale, log) {
      const { trainer } = await trainPreset(preset, steps(full, scale), {}, log);
      const [x, recon] = await trainer.evaluate(
        [input, { node: trainer.program.networks.get('decoder')?.outputRefs[0]?.node ?? '', port: 'out' }],
        EVAL_COUNT,
      );
      if (!x || !recon) throw new Error(`${preset}: evaluation failed`);
      const dim = x.values.length / EVAL_COUNT;
      const decoder = trainer.program.networks.get('decoder');
      const kernelLayer = decoder?.model.layers.find((l) => l.getWeights().length === 2);
      const kernel = kernelLayer?.getWeights()[0];
      if (!kernel) throw new Error(`${preset}: no decoder kernel`);
      const k = kernel.shape[0] ?? 1;
      const w = await kernel.data();
      // The decoded point is z W + b: the decoder spans the rows of W, the columns of W^T.
      const span = matrix(
        dim,
        k,
        Float64Array.from({ length: dim * k }, (_, i) => w[(i % k) * dim + Math.floor(i / k)] ?? 0),
      );
      const p = pca(x.values, EVAL_COUNT, dim, k, dim > 100 ? 40 : 60);
      const optimum = pcaReconstructionMse(p, dim);
      const mse = meanSquaredError(x.values, recon.values);
      const angle = largestPrincipalAngleDegrees(span, p.components);
      trainer.dispose();
      return [
        {
          preset,
          metric: 'test MSE / PCA optimum',
          value: mse / optimum,
          bar: '<= 1.05',
          pass: mse / optimum <= 1.05,
        },
        { preset, metric: 'largest principal angle (degrees)', value: angle, bar: '< 10', pass: angle < 10 },
      ];
    },
  };
}

function denoising(preset: string, full: number): QualityCheck {
  return {
    name: preset,
    async run(scale, log) {
      const { trainer } = await trainPreset(preset, steps(full, scale), {}, log);
      const [clean, noisy, out] = await trainer.evaluate(
        [
          { node: 'data', port: 'images' },
          { node: 'noise', port: 'out' },
          { node: 'image', port: 'out' },
        ],
        EVAL_COUNT,
        'preview',
      );
      trainer.dispose();
      if (!clean || !noisy || !out) throw new Error(`${preset}: evaluation failed`);
      const gain =
        psnr(clean.values, out.values) -
        psnr(
          clean.values,
          noisy.values.map((v) => Math.min(1, Math.max(0, v))),
        );
      return [
        { preset, metric: 'PSNR gain output vs noisy input (dB)', value: gain, bar: '>= 3', pass: gain >= 3 },
      ];
    },
  };
}

const sparseKl: QualityCheck = {
  name: 'sparse-kl',
  async run(scale, log) {
    const { trainer } = await trainPreset('sparse-kl', steps(2000, scale), {}, log);
    const [coding] = await trainer.evaluate([{ node: 'coding', port: 'out' }], EVAL_COUNT);
    const target = Number(trainer.program.params.get('sparsity')?.target ?? 0.1);
    trainer.dispose();
    const values = coding?.values ?? new Float32Array();
    const mean = values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
    const off = Math.abs(mean - target) / target;
    return [
      {
        preset: 'sparse-kl',
        metric: `mean coding activation (target ${target})`,
        value: mean,
        bar: `within 25% of ${target}`,
        pass: off <= 0.25,
      },
    ];
  },
};

const betaVae: QualityCheck = {
  name: 'beta-vae',
  async run(scale, log) {
    const measure = async (beta: number) => {
      const { trainer } = await trainPreset('beta-vae', steps(3000, scale), { kl: { weight: beta } }, log);
      const [mu, logVar] = await trainer.evaluate(
        [
          { node: 'mu', port: 'out' },
          { node: 'logVar', port: 'out' },
        ],
        EVAL_COUNT,
      );
      trainer.dispose();
      const dim = (mu?.values.length ?? 0) / EVAL_COUNT;
      const active = activeUnits(mu?.values ?? [], logVar?.values ?? [], EVAL_COUNT, dim).filter(
        Boolean,
      ).length;
      return { active, tc: gaussianTotalCorrelation(mu?.values ?? [], EVAL_COUNT, dim) };
    };
    const one = await measure(1);
    const four = await measure(4);
    return [
      {
        preset: 'beta-vae',
        metric: 'active units at beta 1 / beta 4',
        value: four.active - one.active,
        bar: 'beta 4 has fewer',
        pass: four.active < one.active,
      },
      {
        preset: 'beta-vae',
        metric: 'total correlation of mu, beta 4 minus beta 1 (nats)',
        value: four.tc - one.tc,
        bar: '< 0',
        pass: four.tc < one.tc,
      },
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
    const { trainer } = await trainPreset('stacked-autoencoder', steps(2000, scale), {}, log);
    const [x, recon] = await trainer.evaluate(
      [
        { node: 'data', port: 'images' },
        { node: 'image', port: 'out' },
      ],
      EVAL_COUNT,
    );
    trainer.dispose();
    const mse = meanSquaredError(x?.values ?? new Float32Array(), recon?.values ?? new Float32Array());
    const torch = pytorchFigure('stacked-autoencoder', 'testMse');
    return [
      {
        preset: 'stacked-autoencoder',
        metric: 'test MSE',
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
  sparseKl,
  betaVae,
  ...GAN_QUALITY_CHECKS,
];
