// The project's own image classifier for FID and Inception Score: a small dense network trained
// once per dataset (scripts/train-classifiers.ts). Its 64-wide hidden layer gives the features
// for the Fréchet distance and its softmax the class probabilities for the Inception Score.

import type * as tfjs from '@tensorflow/tfjs';
import { batchFromIndices, type ImageDataset } from '../data/datasets';
import { createRng } from '../data/rng';
import type { TF } from '../types/definition';
import { frechetDistance, inceptionScore } from './image-quality';

export const FEATURE_DIM = 64;
const PIXELS = 784;

/** A model with two outputs: features [N,64] and class probabilities [N,classes]. */
export function buildClassifier(tf: TF, classes: number, seed = 1): tfjs.LayersModel {
  const input = tf.input({ shape: [PIXELS] });
  const init = (offset: number) => tf.initializers.glorotUniform({ seed: seed + offset });
  const hidden = tf.layers
    .dense({ units: 256, activation: 'relu', kernelInitializer: init(0), name: 'hidden' })
    .apply(input) as tfjs.SymbolicTensor;
  const features = tf.layers
    .dense({ units: FEATURE_DIM, activation: 'relu', kernelInitializer: init(1), name: 'features' })
    .apply(hidden) as tfjs.SymbolicTensor;
  const probabilities = tf.layers
    .dense({ units: classes, activation: 'softmax', kernelInitializer: init(2), name: 'classes' })
    .apply(features) as tfjs.SymbolicTensor;
  return tf.model({ inputs: input, outputs: [features, probabilities], name: 'quality_classifier' });
}

export interface TrainClassifierOptions {
  readonly epochs: number;
  /** Use only the first `images` training images (all by default). */
  readonly images?: number;
  readonly batchSize?: number;
  readonly seed?: number;
  readonly onEpoch?: (epoch: number, loss: number) => void;
}

/** Trains the classifier with Adam on cross-entropy; reads one number per epoch. */
export async function trainClassifier(
  tf: TF,
  train: ImageDataset,
  options: TrainClassifierOptions,
): Promise<tfjs.LayersModel> {
  const model = buildClassifier(tf, train.classes, options.seed ?? 1);
  const optimizer = tf.train.adam(1e-3);
  const count = Math.min(options.images ?? train.count, train.count);
  const batchSize = options.batchSize ?? 128;
  const rng = createRng(options.seed ?? 1);
  const order = Array.from({ length: count }, (_, i) => i);
  const variables = model.trainableWeights.map((w) => w.read() as tfjs.Variable);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = count - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    let last: tfjs.Scalar | null = null;
    for (let start = 0; start + batchSize <= count; start += batchSize) {
      const batch = batchFromIndices(train, order.slice(start, start + batchSize));
      const x = tf.tensor2d(batch.images, [batch.size, PIXELS]);
      const y = tf.oneHot(tf.tensor1d(batch.labels, 'int32'), train.classes);
      last?.dispose();
      last = optimizer.minimize(
        () => {
          const [, probs] = model.apply(x, { training: true }) as tfjs.Tensor[];
          return tf.losses.softmaxCrossEntropy(y, tf.log(tf.clipByValue(probs as tfjs.Tensor, 1e-7, 1)));
        },
        true,
        variables,
      );
      tf.dispose([x, y]);
    }
    const loss = last ? ((await last.data())[0] ?? NaN) : NaN;
    last?.dispose();
    options.onEpoch?.(epoch + 1, loss);
  }
  optimizer.dispose();
  return model;
}

export interface ClassifierOutputs {
  readonly count: number;
  readonly features: Float32Array;
  readonly probabilities: Float32Array;
  readonly classes: number;
}

/** Features and class probabilities of images given as floats in [0, 1], `count * 784` of them. */
export async function classify(
  tf: TF,
  model: tfjs.LayersModel,
  images: Float32Array,
  count: number,
  chunk = 512,
): Promise<ClassifierOutputs> {
  const features = new Float32Array(count * FEATURE_DIM);
  let probabilities: Float32Array | null = null;
  let classes = 0;
  for (let start = 0; start < count; start += chunk) {
    const size = Math.min(chunk, count - start);
    const [f, p] = tf.tidy(() => {
      const x = tf.tensor2d(images.subarray(start * PIXELS, (start + size) * PIXELS), [size, PIXELS]);
      return model.predict(x) as tfjs.Tensor[];
    }) as [tfjs.Tensor, tfjs.Tensor];
    classes = p.shape[1] ?? 0;
    probabilities ??= new Float32Array(count * classes);
    features.set(await f.data(), start * FEATURE_DIM);
    probabilities.set(await p.data(), start * classes);
    tf.dispose([f, p]);
  }
  return { count, features, probabilities: probabilities ?? new Float32Array(0), classes };
}

/** FID between two classified sets, in the classifier's feature space. */
export const fid = (a: ClassifierOutputs, b: ClassifierOutputs): number =>
  frechetDistance(a.features, a.count, b.features, b.count, FEATURE_DIM);

/** Inception Score of a classified set. */
export const isScore = (a: ClassifierOutputs): number => inceptionScore(a.probabilities, a.count, a.classes);

/**
 * Share of classified samples whose most probable class is the one in `wanted` (the class a
 * conditional generator was asked for), over the first min(count, wanted.length) samples.
 */
export function classAgreement(outputs: ClassifierOutputs, wanted: ArrayLike<number>): number {
  const count = Math.min(outputs.count, wanted.length);
  if (count === 0) throw new Error('class agreement needs at least one sample');
  let agree = 0;
  for (let s = 0; s < count; s++) {
    let best = 0;
    for (let c = 1; c < outputs.classes; c++) {
      if (
        (outputs.probabilities[s * outputs.classes + c] ?? 0) >
        (outputs.probabilities[s * outputs.classes + best] ?? 0)
      )
        best = c;
    }
    if (best === Math.round(wanted[s] ?? -1)) agree += 1;
  }
  return agree / count;
}
