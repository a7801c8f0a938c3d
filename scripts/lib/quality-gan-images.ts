// Image GANs in the quality report: FID of generated samples against real images, measured with
// the project's classifier at checkpoints through one run; the lecture's bar is that DCGAN's FID
// falls over training. On the trained generator, its latent interpolation and arithmetic are judged
// against the same operations on pictures (quality-gan-latent.ts).

import * as tf from '@tensorflow/tfjs';
import { batchFromIndices, type DatasetName } from '../../src/core/data/datasets';
import { classify, fid } from '../../src/core/metrics/classifier';
import { loadClassifier } from './classifier-files';
import { loadDataset } from './node-data';
import { generatorLatentRows } from './quality-gan-latent';
import type { QualityCheck, QualityRow } from './quality-checks';
import { trainPreset } from './quality-run';

const SAMPLES = 1000;
const CHECKPOINTS = 4;

function fidOverTraining(
  preset: string,
  dataset: DatasetName,
  generated: string,
  fullSteps: number,
  latent: { readonly network: string; readonly dim: number },
  cpuMinutes: number,
): QualityCheck {
  return {
    name: preset,
    cpuMinutes,
    async run(scale, log) {
      const model = await loadClassifier(dataset);
      const train = await loadDataset(dataset, 'train');
      // The training split interleaves classes, so its first images are class-balanced.
      const real = batchFromIndices(
        train,
        Array.from({ length: 2 * SAMPLES }, (_, i) => i),
      );
      const reference = await classify(tf, model, real.images, real.size);
      const total = Math.max(CHECKPOINTS, Math.round(fullSteps * scale));
      const chunk = Math.round(total / CHECKPOINTS);
      const { trainer } = await trainPreset(preset, chunk, {}, log);
      const fids: number[] = [];
      const latentRows: QualityRow[] = [];
      try {
        for (let point = 1; point <= CHECKPOINTS; point++) {
          if (point > 1) for (let i = 0; i < chunk; i++) await trainer.step();
          const [samples] = await trainer.evaluate([{ node: generated, port: 'out' }], SAMPLES);
          const out = await classify(tf, model, samples?.values ?? new Float32Array(0), SAMPLES);
          fids.push(fid(reference, out));
          log(`${preset}: FID after ${point * chunk} steps = ${fids.at(-1)?.toFixed(2)}`);
        }
        latentRows.push(
          ...(await generatorLatentRows(preset, trainer, model, latent.network, latent.dim, 'quality')),
        );
      } finally {
        trainer.dispose();
        model.dispose();
      }
      const first = fids[0] ?? NaN;
      const last = fids.at(-1) ?? NaN;
      const rows: QualityRow[] = fids.map((value, i) => ({
        preset,
        metric: `FID of ${SAMPLES} samples after ${(i + 1) * chunk} steps`,
        value,
        bar: 'reported',
        pass: null,
      }));
      rows.push({
        preset,
        metric: `FID at the end ÷ FID after ${chunk} steps`,
        value: last / first,
        bar: '< 1 (FID falls over training)',
        pass: last < first,
      });
      return [...rows, ...latentRows];
    },
  };
}

export const GAN_IMAGE_CHECKS: readonly QualityCheck[] = [
  // CPU minutes measured at full length on wasm (2026-11-30): DCGAN is by far the longest check.
  fidOverTraining('dcgan-mnist', 'mnist', 'gOut', 2000, { network: 'generator', dim: 64 }, 22),
  fidOverTraining('gan-fashion-dense', 'fashion', 'gOut', 3000, { network: 'generator', dim: 64 }, 2),
];
