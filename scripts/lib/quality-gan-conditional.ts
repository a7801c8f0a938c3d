// Conditional GANs in the quality report (LECTURE.md): the cGAN's samples are classified as the
// class they were asked for at least 80% of the time, and pix2pix trained with GAN + L1 gives
// sharper footwear (more high-frequency energy) and a lower FID than the same U-Net on L1 alone.

import * as tf from '@tensorflow/tfjs';
import { fixedBatch } from '../../src/core/data/datasets';
import { classAgreement, classify, fid } from '../../src/core/metrics/classifier';
import { meanWithinGroupDistance } from '../../src/core/metrics';
import { highFrequencyEnergy } from '../../src/core/metrics/sharpness';
import { loadClassifier } from './classifier-files';
import { loadDataset } from './node-data';
import type { QualityCheck, QualityRow } from './quality-checks';
import { PIXELS, writeStrip } from './quality-gan-latent';
import { loadPreset, trainPreset } from './quality-run';

const SAMPLES = 1000;
/**
 * The noise must vary the handwriting within a row: a generator that draws one fixed picture per
 * class (collapse within the class) reaches about 0.14 of real digits' spread; half is our bar.
 */
const SPREAD_BAR = { least: 0.5, text: '>= 0.5 (the noise varies the drawing within a class)' };
const FOOTWEAR = [5, 7, 9];
/** The preset's own step count (its training settings), scaled for a quick run. */
const stepsOf = (preset: string, scale: number): number =>
  Math.max(1, Math.round(loadPreset(preset).training.steps * scale));

/** Generated pixels as the sample grid shows them: clipped to 0..1 (a linear output may overshoot). */
const clipped = (values: Float32Array): Float32Array => values.map((v) => Math.min(1, Math.max(0, v)));

/** The editor's cGAN view as a file to look at: one row per requested class, its first samples. */
function writeClassRows(path: string, pixels: Float32Array, wanted: Float32Array, perRow = 10): void {
  const size = pixels.length / wanted.length;
  const sheet = new Float32Array(10 * perRow * size);
  for (let c = 0; c < 10; c++) {
    const rows = [...wanted.keys()].filter((i) => wanted[i] === c).slice(0, perRow);
    rows.forEach((row, k) =>
      sheet.set(pixels.subarray(row * size, (row + 1) * size), (c * perRow + k) * size),
    );
  }
  writeStrip(path, sheet, perRow);
}

const cganAgreement: QualityCheck = {
  name: 'cgan-mnist',
  async run(scale, log) {
    const preset = 'cgan-mnist';
    const model = await loadClassifier('mnist');
    const { trainer } = await trainPreset(preset, stepsOf(preset, scale), {}, log);
    try {
      const [samples, wanted] = await trainer.evaluate(
        [
          { node: 'gOut', port: 'out' },
          { node: 'wanted', port: 'labels' },
        ],
        SAMPLES,
      );
      if (!samples || !wanted) throw new Error(`${preset}: evaluation failed`);
      const classified = await classify(tf, model, clipped(samples.values), SAMPLES);
      const agreement = classAgreement(classified, wanted.values);
      const perClass = Array.from({ length: 10 }, (_, c) => {
        const rows = [...wanted.values.keys()].filter((i) => wanted.values[i] === c);
        const probabilities = new Float32Array(rows.length * classified.classes);
        rows.forEach((row, i) =>
          probabilities.set(
            classified.probabilities.subarray(row * classified.classes, (row + 1) * classified.classes),
            i * classified.classes,
          ),
        );
        return classAgreement(
          { ...classified, count: rows.length, probabilities },
          rows.map(() => c),
        );
      });
      log(`${preset}: agreement by class ${perClass.map((a) => a.toFixed(2)).join(' ')}`);
      writeClassRows(`quality/${preset}-rows.png`, clipped(samples.values), wanted.values);
      // Variety along a row: the samples of one requested class against real test digits of one class.
      const test = fixedBatch(await loadDataset('mnist', 'test'), SAMPLES);
      const spread =
        meanWithinGroupDistance(clipped(samples.values), wanted.values, PIXELS) /
        meanWithinGroupDistance(test.images, test.labels, PIXELS);
      return [
        {
          preset,
          metric: `samples classified as the requested class (${SAMPLES})`,
          value: agreement,
          bar: '>= 0.80',
          pass: agreement >= 0.8,
        },
        {
          preset,
          metric: 'distance between samples of one requested class ÷ between real test digits of one class',
          value: spread,
          bar: SPREAD_BAR.text,
          pass: spread >= SPREAD_BAR.least,
        },
        {
          preset,
          metric: 'lowest agreement of any one class',
          value: Math.min(...perClass),
          bar: 'reported',
          pass: null,
        },
      ];
    } finally {
      trainer.dispose();
      model.dispose();
    }
  },
};

interface Pix2pixFigures {
  readonly energy: number;
  readonly fid: number;
}

const pix2pixAblation: QualityCheck = {
  name: 'pix2pix-footwear',
  async run(scale, log) {
    const model = await loadClassifier('fashion');
    const train = await loadDataset('fashion', 'train');
    const reference = fixedBatch(train, 2 * SAMPLES, FOOTWEAR);
    const referenceOut = await classify(tf, model, reference.images, reference.size);
    const rows: QualityRow[] = [];
    const measure = async (preset: string): Promise<Pix2pixFigures> => {
      const { trainer } = await trainPreset(preset, stepsOf(preset, scale), {}, log);
      try {
        const [generated, targets] = await trainer.evaluate(
          [
            { node: 'gOut', port: 'out' },
            { node: 'real', port: 'images' },
          ],
          SAMPLES,
        );
        if (!generated || !targets) throw new Error(`${preset}: evaluation failed`);
        if (rows.length === 0) {
          // What real footwear scores, once: the targets of the test edge maps against train images.
          const realOut = await classify(tf, model, targets.values, SAMPLES);
          rows.push(
            {
              preset,
              metric: 'high-frequency energy of the real test footwear',
              value: highFrequencyEnergy(targets.values, SAMPLES, 28, 28),
              bar: 'reference',
              pass: null,
            },
            {
              preset,
              metric: 'FID of real test footwear vs train footwear',
              value: fid(referenceOut, realOut),
              bar: 'reference (floor)',
              pass: null,
            },
          );
        }
        const outputs = clipped(generated.values);
        const out = await classify(tf, model, outputs, SAMPLES);
        const figures = {
          energy: highFrequencyEnergy(outputs, SAMPLES, 28, 28),
          fid: fid(referenceOut, out),
        };
        log(`${preset}: energy ${figures.energy.toFixed(4)}, FID ${figures.fid.toFixed(2)}`);
        return figures;
      } finally {
        trainer.dispose();
      }
    };
    try {
      const gan = await measure('pix2pix-footwear');
      const l1 = await measure('pix2pix-l1-footwear');
      rows.push(
        {
          preset: 'pix2pix-footwear',
          metric: 'high-frequency energy, GAN + L1',
          value: gan.energy,
          bar: 'reported',
          pass: null,
        },
        {
          preset: 'pix2pix-l1-footwear',
          metric: 'high-frequency energy, L1 only',
          value: l1.energy,
          bar: 'reported',
          pass: null,
        },
        {
          preset: 'pix2pix-footwear',
          metric: 'high-frequency energy, GAN + L1 ÷ L1 only',
          value: gan.energy / l1.energy,
          bar: '> 1 (GAN + L1 is sharper)',
          pass: gan.energy > l1.energy,
        },
        {
          preset: 'pix2pix-footwear',
          metric: `FID of ${SAMPLES} outputs, GAN + L1`,
          value: gan.fid,
          bar: 'reported',
          pass: null,
        },
        {
          preset: 'pix2pix-l1-footwear',
          metric: `FID of ${SAMPLES} outputs, L1 only`,
          value: l1.fid,
          bar: 'reported',
          pass: null,
        },
        {
          preset: 'pix2pix-footwear',
          metric: 'FID, GAN + L1 ÷ L1 only',
          value: gan.fid / l1.fid,
          bar: '< 1 (GAN + L1 is closer to real footwear)',
          pass: gan.fid < l1.fid,
        },
      );
      return rows;
    } finally {
      model.dispose();
    }
  },
};

export const CONDITIONAL_GAN_CHECKS: readonly QualityCheck[] = [cganAgreement, pix2pixAblation];
