// The latent views on a trained generator, measured: decoded midpoints of linear paths between two
// codes, and A - B + C of mean codes (the DCGAN paper's arithmetic), against the same operations
// on the pictures. The project's classifier judges each picture: a generated picture that looks
// like one class gets a confident verdict, a pixel blend of two different pictures does not.
// PNG strips are written beside the report so the pictures can be looked at.

import * as tf from '@tensorflow/tfjs';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import { classify } from '../../src/core/metrics/classifier';
import { createRng } from '../../src/core/data/rng';
import type { Trainer } from '../../src/core/train/trainer';
import { renderImageGrid } from '../../src/core/train/render';
import { analogy, meanRow, pixelAnalogy } from '../../src/core/views/latent-arithmetic';
import { crossFade, interpolationCodes } from '../../src/core/views/latent-math';
import { writePng } from './png';
import type { QualityRow } from './quality-checks';

const PAIRS = 200;
/** Pixels of one 28x28 grey picture. */
export const PIXELS = 784;
const STEPS = 9;

/** The generator's pictures for row-major codes, values 0..1. */
async function generate(
  trainer: Trainer,
  network: string,
  codes: Float32Array,
  dim: number,
): Promise<Float32Array> {
  const model = trainer.program.networks.get(network)?.model;
  if (!model) throw new Error(`no network "${network}" in the graph`);
  const out = tf.tidy(() => {
    const z = tf.tensor2d(codes, [codes.length / dim, dim]);
    return (model.predict(z) as tfjs.Tensor).clipByValue(0, 1);
  });
  try {
    return new Float32Array(await out.data());
  } finally {
    out.dispose();
  }
}

/** Mean of each picture's largest class probability. */
async function confidence(model: tfjs.LayersModel, pictures: Float32Array): Promise<number> {
  const count = pictures.length / PIXELS;
  const out = await classify(tf, model, pictures, count);
  let sum = 0;
  for (let s = 0; s < count; s++) {
    sum += Math.max(...out.probabilities.subarray(s * out.classes, (s + 1) * out.classes));
  }
  return sum / count;
}

const picture = (all: Float32Array, index: number) => all.subarray(index * PIXELS, (index + 1) * PIXELS);

/**
 * Writes 28x28 grey pictures (values 0..1, one after another) as a PNG sheet of `columns` columns,
 * making the file's folder first.
 */
export function writeStrip(path: string, pixels: Float32Array, columns: number): void {
  mkdirSync(dirname(path), { recursive: true });
  writePng(
    path,
    renderImageGrid(
      {
        kind: 'image-grid',
        node: 'strip',
        port: 'out',
        count: pixels.length / PIXELS,
        height: 28,
        width: 28,
        channels: 1,
        pixels,
        columns,
      },
      columns,
      3,
    ),
  );
}

/**
 * Rows for a trained generator whose input is a `dim`-wide N(0, I) code: the classifier's mean
 * confidence on latent midpoints against pixel midpoints, and on decoded A - B + C against the same
 * sum of pictures. Both bars: the latent operation keeps pictures more like one class (ratio > 1).
 */
export async function generatorLatentRows(
  preset: string,
  trainer: Trainer,
  classifier: tfjs.LayersModel,
  network: string,
  dim: number,
  outDir: string,
): Promise<QualityRow[]> {
  const rng = createRng(20261130);
  // Codes for PAIRS pairs, then nine per arithmetic triple (three samples for each letter).
  const triples = Math.floor(PAIRS / 3);
  const codes = Float32Array.from({ length: (2 * PAIRS + 9 * triples) * dim }, () => rng.normal());
  const ends = await generate(trainer, network, codes.subarray(0, 2 * PAIRS * dim), dim);

  // Midpoints: decoded (1/2)(zA + zB) against the pixel blend of G(zA) and G(zB).
  const mids = new Float32Array(PAIRS * dim);
  const blends = new Float32Array(PAIRS * PIXELS);
  for (let p = 0; p < PAIRS; p++) {
    const a = codes.subarray(2 * p * dim, (2 * p + 1) * dim);
    const b = codes.subarray((2 * p + 1) * dim, (2 * p + 2) * dim);
    mids.set(interpolationCodes(a, b, 3, 'linear').subarray(dim, 2 * dim), p * dim);
    blends.set(
      crossFade(picture(ends, 2 * p), picture(ends, 2 * p + 1), 3).subarray(PIXELS, 2 * PIXELS),
      p * PIXELS,
    );
  }
  const latentMid = await confidence(classifier, await generate(trainer, network, mids, dim));
  const pixelMid = await confidence(classifier, blends);

  // Arithmetic: three samples per letter, as in the views' default; the means have variance 1/3,
  // so A - B + C has the prior's variance again.
  const meanCodes = new Float32Array(triples * 3 * dim);
  const sums = new Float32Array(triples * dim);
  const pixelSums = new Float32Array(triples * PIXELS);
  const base = codes.subarray(2 * PAIRS * dim);
  const basePictures = await generate(trainer, network, base, dim);
  for (let t = 0; t < triples; t++) {
    const letters = [0, 1, 2].map((l) => {
      const rows = [0, 1, 2].map((k) => t * 9 + l * 3 + k);
      return {
        code: meanRow(base, dim, rows),
        picture: meanRow(basePictures, PIXELS, rows),
      };
    }) as [
      { code: Float32Array; picture: Float32Array },
      { code: Float32Array; picture: Float32Array },
      { code: Float32Array; picture: Float32Array },
    ];
    letters.forEach((letter, l) => meanCodes.set(letter.code, (t * 3 + l) * dim));
    sums.set(analogy(letters[0].code, letters[1].code, letters[2].code), t * dim);
    pixelSums.set(pixelAnalogy(letters[0].picture, letters[1].picture, letters[2].picture), t * PIXELS);
  }
  const decodedSums = await generate(trainer, network, sums, dim);
  const latentSum = await confidence(classifier, decodedSums);
  const pixelSum = await confidence(classifier, pixelSums);

  // Pictures to look at: four interpolation strips (latent row, then pixel row) and six sums.
  const strips: Float32Array[] = [];
  for (let p = 0; p < 4; p++) {
    const a = codes.subarray(2 * p * dim, (2 * p + 1) * dim);
    const b = codes.subarray((2 * p + 1) * dim, (2 * p + 2) * dim);
    strips.push(await generate(trainer, network, interpolationCodes(a, b, STEPS, 'linear'), dim));
    strips.push(crossFade(picture(ends, 2 * p), picture(ends, 2 * p + 1), STEPS));
  }
  const stripPixels = new Float32Array(strips.reduce((n, s) => n + s.length, 0));
  strips.reduce((at, s) => (stripPixels.set(s, at), at + s.length), 0);
  writeStrip(join(outDir, `${preset}-interpolation.png`), stripPixels, STEPS);
  // Six sums: G(mean A), G(mean B), G(mean C), G(A - B + C), then the same sum of mean pictures.
  const shown = Math.min(6, triples);
  const meanPictures = await generate(trainer, network, meanCodes.subarray(0, shown * 3 * dim), dim);
  const sheet = new Float32Array(shown * 5 * PIXELS);
  for (let t = 0; t < shown; t++) {
    for (let l = 0; l < 3; l++) sheet.set(picture(meanPictures, t * 3 + l), (t * 5 + l) * PIXELS);
    sheet.set(picture(decodedSums, t), (t * 5 + 3) * PIXELS);
    sheet.set(picture(pixelSums, t), (t * 5 + 4) * PIXELS);
  }
  writeStrip(join(outDir, `${preset}-arithmetic.png`), sheet, 5);

  return [
    {
      preset,
      metric: `classifier confidence on ${PAIRS} midpoints: latent path ÷ pixel blend (${latentMid.toFixed(3)} vs ${pixelMid.toFixed(3)})`,
      value: latentMid / pixelMid,
      bar: '> 1 (decoded midpoints look like one class)',
      pass: latentMid > pixelMid,
    },
    {
      preset,
      metric: `classifier confidence on ${triples} sums A - B + C of 3-sample means: codes ÷ pictures (${latentSum.toFixed(3)} vs ${pixelSum.toFixed(3)})`,
      value: latentSum / pixelSum,
      bar: '> 1 (decoded sums look like one class)',
      pass: latentSum > pixelSum,
    },
  ];
}
