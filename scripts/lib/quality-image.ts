// The image-quality metrics' own bars (LECTURE.md, "Image quality metrics"): with the project's
// classifiers, FID of test against train images is near 0 and rises steadily as noise is added,
// and the Inception Score of real MNIST test images is near 10.

import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../src/core/data/rng';
import { batchFromIndices, fixedBatch, type DatasetName } from '../../src/core/data/datasets';
import { classify, fid, isScore } from '../../src/core/metrics/classifier';
import { loadClassifier } from './classifier-files';
import { loadDataset } from './node-data';
import type { QualityCheck, QualityRow } from './quality-checks';

const NOISE = [0.05, 0.1, 0.2, 0.3, 0.5];

/**
 * Train indices with the class mix of `wanted` (scaled by `factor`). MNIST's test split is short
 * of some digits (63 fives), and a different class mix alone would keep FID away from 0.
 */
function matchingClasses(labels: Uint8Array, wanted: Int32Array, factor: number): number[] {
  const need = new Map<number, number>();
  for (const label of wanted) need.set(label, (need.get(label) ?? 0) + factor);
  const out: number[] = [];
  labels.forEach((label, index) => {
    const left = need.get(label) ?? 0;
    if (left >= 1) {
      out.push(index);
      need.set(label, left - 1);
    }
  });
  return out;
}

async function measure(name: DatasetName, log: (line: string) => void): Promise<QualityRow[]> {
  const model = await loadClassifier(name);
  const [train, test] = await Promise.all([loadDataset(name, 'train'), loadDataset(name, 'test')]);
  const real = fixedBatch(test, 2000);
  const reference = batchFromIndices(train, matchingClasses(train.labels, real.labels, 2.5));
  const trainOut = await classify(tf, model, reference.images, reference.size);
  const testOut = await classify(tf, model, real.images, real.size);
  const rng = createRng(11);
  const fids = [fid(trainOut, testOut)];
  for (const sigma of NOISE) {
    const noisy = real.images.map((v) => Math.min(1, Math.max(0, v + sigma * rng.normal())));
    fids.push(fid(trainOut, await classify(tf, model, noisy, real.size)));
  }
  model.dispose();
  log(
    `${name}: FID test vs train ${fids[0]?.toFixed(3)}; with noise ${NOISE.map((s, i) => `${s}: ${fids[i + 1]?.toFixed(2)}`).join(', ')}`,
  );
  const rising = fids.slice(1).filter((v, i) => v > (fids[i] ?? Infinity)).length;
  const score = isScore(testOut);
  const preset = `${name} classifier`;
  return [
    {
      preset,
      metric: 'FID test vs train ÷ FID with noise 0.3',
      value: (fids[0] ?? NaN) / (fids[4] ?? NaN),
      bar: '< 0.05 (near 0)',
      pass: (fids[0] ?? NaN) < 0.05 * (fids[4] ?? NaN),
    },
    {
      preset,
      metric: `noise steps (of ${NOISE.length}) that raise FID`,
      value: rising,
      bar: `= ${NOISE.length}`,
      pass: rising === NOISE.length,
    },
    {
      preset,
      metric: 'Inception Score of real test images',
      value: score,
      bar: name === 'mnist' ? '>= 8 (near 10)' : 'reported',
      pass: name === 'mnist' ? score >= 8 : null,
    },
  ];
}

export const IMAGE_QUALITY_CHECKS: readonly QualityCheck[] = [
  {
    name: 'image-quality',
    run: async (_scale, log) => [...(await measure('mnist', log)), ...(await measure('fashion', log))],
  },
];
