// Sample metrics: how good and how varied a generator's images are, judged by the project's own
// small classifier for the dataset (made once by `npm run classifiers`). The session measures them
// every few hundred iterations on a fixed set of samples and charts them over training.

import { DATASET_NAMES } from '../src/core/data/datasets';
import { fid, isScore } from '../src/core/metrics/classifier';
import { classShares, effectiveClasses } from '../src/core/metrics/class-shares';
import { defineNode, type InferContext } from '../src/core/types/definition';
import { formatType } from '../src/core/types/ports';

const PARAMS = {
  dataset: {
    kind: 'enum',
    options: DATASET_NAMES,
    default: 'mnist',
    live: true,
    doc: 'Whose classifier judges the samples, and whose test images they are compared with: the dataset the generator imitates.',
  },
  samples: {
    kind: 'number',
    default: 500,
    min: 50,
    max: 2000,
    integer: true,
    live: true,
    doc: 'Generated images per measurement, always from the same noise so the figures compare over time. More is steadier and slower.',
  },
  every: {
    kind: 'number',
    default: 200,
    min: 1,
    max: 100000,
    integer: true,
    live: true,
    unit: 'iterations',
    doc: 'Iterations between two measurements (it is also measured at the start and at the end of a run).',
  },
} as const;

const IMAGES_IN = [
  {
    name: 'images',
    kind: 'tensor',
    doc: "The generator's images, 28x28 with values in 0..1 (for example [B,28,28,1]).",
  },
] as const;

/** The input must hold 784 values per sample: the classifier reads 28x28 grey images. */
function inferImages(ctx: InferContext<typeof PARAMS>) {
  const input = ctx.tensor('images');
  const size = input.shape.reduce((a, b) => a * b, 1);
  if (size !== 784) {
    ctx.fail('E_SHAPE_MISMATCH', {
      port: 'images',
      expected: 'images of 28x28 values such as [B,28,28,1] or [B,784], which the classifier reads',
      actual: formatType(input),
    });
  }
  return {};
}

const every = (p: { every: number }) => p.every;
const samples = (p: { samples: number }) => p.samples;

export const fidMetric = defineNode({
  type: 'metric.fid',
  title: 'FID',
  category: 'metric',
  doc: "Fréchet distance between generated and real test images in the classifier's feature space: 0 when they look alike as a whole, higher the further apart. Lower is better.",
  inputs: IMAGES_IN,
  outputs: [],
  params: PARAMS,
  infer: inferImages,
  build: {
    role: 'sample-metric',
    classifier: (p) => p.dataset,
    samples,
    every,
    measure: ({ samples: generated, reference }) => ({ value: fid(reference, generated) }),
  },
});

export const inceptionScoreMetric = defineNode({
  type: 'metric.inception-score',
  title: 'Inception Score',
  category: 'metric',
  doc: 'High when each generated image is clearly one class and all classes appear: from 1 up to the number of classes (10). Higher is better.',
  inputs: IMAGES_IN,
  outputs: [],
  params: PARAMS,
  infer: inferImages,
  build: {
    role: 'sample-metric',
    classifier: (p) => p.dataset,
    samples,
    every,
    measure: ({ samples: generated }) => ({ value: isScore(generated) }),
  },
});

export const classSharesMetric = defineNode({
  type: 'metric.class-shares',
  title: 'Classes of samples',
  category: 'metric',
  doc: 'Which class the classifier sees in each generated image, as a histogram; the chart shows how many classes are in use (10 when all are used evenly, near 1 when the generator has collapsed onto one).',
  inputs: IMAGES_IN,
  outputs: [],
  params: PARAMS,
  infer: inferImages,
  build: {
    role: 'sample-metric',
    classifier: (p) => p.dataset,
    samples,
    every,
    measure: ({ samples: generated }) => {
      const shares = classShares(generated.probabilities, generated.count, generated.classes);
      return { value: effectiveClasses(shares), classShares: shares };
    },
  },
});

export const SAMPLE_METRIC_NODES = [fidMetric, inceptionScoreMetric, classSharesMetric] as const;
