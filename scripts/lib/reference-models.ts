// The three first presets written by hand in plain tfjs, with no node definitions involved:
// the tests check that the compiled graphs compute the same losses, and the bench compares speed.
// Batches and noise come from the same seeded streams the Trainer uses (one per node id).

import type * as tfjs from '@tensorflow/tfjs';
import { createBatchSampler, type ImageDataset } from '../../src/core/data/datasets';
import { createRng, deriveSeed } from '../../src/core/data/rng';
import { sampleToy } from '../../src/core/data/toys';

type TF = typeof tfjs;

export interface HandWritten {
  /** One iteration; losses keyed like the preset's loss nodes. */
  step(): Promise<Record<string, number>>;
  readonly models: readonly tfjs.LayersModel[];
  dispose(): void;
}

function normals(rng: { normal(): number }, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.normal();
  return out;
}

function mlp(
  tf: TF,
  inputSize: number,
  layers: readonly [number, string][],
  flattenFirst: boolean,
): tfjs.Sequential {
  const model = tf.sequential();
  if (flattenFirst) model.add(tf.layers.flatten({ inputShape: [28, 28, 1] }));
  layers.forEach(([units, activation], i) =>
    model.add(
      tf.layers.dense({
        units,
        activation: activation as 'relu',
        ...(i === 0 && !flattenFirst && { inputShape: [inputSize] }),
      }),
    ),
  );
  return model;
}

async function readLosses(tf: TF, named: [string, tfjs.Scalar][]): Promise<Record<string, number>> {
  const stacked = tf.stack(named.map(([, v]) => v));
  const values = await stacked.data();
  stacked.dispose();
  named.forEach(([, v]) => v.dispose());
  return Object.fromEntries(named.map(([k], i) => [k, values[i] ?? NaN]));
}

/** graphs/stacked-autoencoder.json: 784-256-32-256-784, MSE, Adam. */
export function handWrittenAutoencoder(
  tf: TF,
  train: ImageDataset,
  o: { seed: number; batchSize: number; learningRate: number },
): HandWritten {
  const model = mlp(
    tf,
    784,
    [
      [256, 'relu'],
      [32, 'relu'],
      [256, 'relu'],
      [784, 'sigmoid'],
    ],
    true,
  );
  model.add(tf.layers.reshape({ targetShape: [28, 28, 1] }));
  const sampler = createBatchSampler(train, createRng(deriveSeed(o.seed, 'data:fashion')));
  const optimizer = tf.train.adam(o.learningRate);
  return {
    models: [model],
    async step() {
      const batch = sampler.next(o.batchSize);
      const x = tf.tensor4d(batch.images, [batch.size, 28, 28, 1]);
      const mse = optimizer.minimize(
        () => tf.losses.meanSquaredError(x, model.apply(x) as tfjs.Tensor) as tfjs.Scalar,
        true,
      );
      x.dispose();
      return readLosses(tf, [['mse', mse as tfjs.Scalar]]);
    },
    dispose() {
      optimizer.dispose();
      model.dispose();
    },
  };
}

/** graphs/vae.json: 784-256-(16,16) encoder, reparameterised sample, 16-256-784 decoder; BCE + KL in nats. */
export function handWrittenVae(
  tf: TF,
  train: ImageDataset,
  o: { seed: number; batchSize: number; learningRate: number },
): HandWritten {
  const input = tf.input({ shape: [28, 28, 1] });
  const hidden = tf.layers.dense({ units: 256, activation: 'relu' }).apply(tf.layers.flatten().apply(input));
  const mu = tf.layers.dense({ units: 16 }).apply(hidden) as tfjs.SymbolicTensor;
  const logVar = tf.layers.dense({ units: 16 }).apply(hidden) as tfjs.SymbolicTensor;
  const encoder = tf.model({ inputs: input, outputs: [mu, logVar] });
  const decoder = mlp(
    tf,
    16,
    [
      [256, 'relu'],
      [784, 'sigmoid'],
    ],
    false,
  );
  decoder.add(tf.layers.reshape({ targetShape: [28, 28, 1] }));
  const sampler = createBatchSampler(train, createRng(deriveSeed(o.seed, 'data:mnist')));
  const epsRng = createRng(deriveSeed(o.seed, 'sample'));
  const optimizer = tf.train.adam(o.learningRate);
  return {
    models: [encoder, decoder],
    async step() {
      const batch = sampler.next(o.batchSize);
      const x = tf.tensor4d(batch.images, [batch.size, 28, 28, 1]);
      const eps = tf.tensor2d(normals(epsRng, batch.size * 16), [batch.size, 16]);
      let bce: tfjs.Scalar | undefined;
      let kl: tfjs.Scalar | undefined;
      optimizer.minimize(() => {
        const [m, lv] = encoder.apply(x) as tfjs.Tensor[];
        const z = tf.add(m as tfjs.Tensor, tf.mul(tf.exp(tf.div(lv as tfjs.Tensor, 2)), eps));
        const p = tf.clipByValue(decoder.apply(z) as tfjs.Tensor, 1e-7, 1 - 1e-7);
        const perPixel = tf.neg(tf.add(tf.mul(x, tf.log(p)), tf.mul(tf.sub(1, x), tf.log(tf.sub(1, p)))));
        bce = tf.keep(tf.mean(tf.sum(tf.reshape(perPixel, [batch.size, -1]), 1)));
        const klPerDim = tf.mul(
          -0.5,
          tf.sub(
            tf.add(1, lv as tfjs.Tensor),
            tf.add(tf.square(m as tfjs.Tensor), tf.exp(lv as tfjs.Tensor)),
          ),
        );
        kl = tf.keep(tf.mean(tf.sum(klPerDim, 1)));
        return tf.add(bce, kl);
      });
      x.dispose();
      eps.dispose();
      return readLosses(tf, [
        ['reconstruction', bce as tfjs.Scalar],
        ['kl', kl as tfjs.Scalar],
      ]);
    },
    dispose() {
      optimizer.dispose();
      encoder.dispose();
      decoder.dispose();
    },
  };
}

/** graphs/gan-ring.json: 2-128-128-2 generator, 2-128-128-1 discriminator, two Adam phases. */
export function handWrittenGan(
  tf: TF,
  o: {
    seed: number;
    batchSize: number;
    dLearningRate: number;
    gLearningRate: number;
    /** One-sided label smoothing: the discriminator's target for real points is 1 - this. */
    smoothing?: number;
  },
): HandWritten {
  const realTarget = 1 - (o.smoothing ?? 0);
  const generator = mlp(
    tf,
    2,
    [
      [128, 'relu'],
      [128, 'relu'],
      [2, 'linear'],
    ],
    false,
  );
  const discriminator = mlp(
    tf,
    2,
    [
      [128, 'relu'],
      [128, 'relu'],
      [1, 'linear'],
    ],
    false,
  );
  const realRng = createRng(deriveSeed(o.seed, 'real'));
  const noiseRng = createRng(deriveSeed(o.seed, 'noise'));
  const dOptimizer = tf.train.adam(o.dLearningRate, 0.5);
  const gOptimizer = tf.train.adam(o.gLearningRate, 0.5);
  const dVars = discriminator.trainableWeights.map((w) => w.read() as tfjs.Variable);
  const gVars = generator.trainableWeights.map((w) => w.read() as tfjs.Variable);
  const B = o.batchSize;
  return {
    models: [generator, discriminator],
    async step() {
      const real = tf.tensor2d(sampleToy('ring8', B, realRng).points, [B, 2]);
      const z1 = tf.tensor2d(normals(noiseRng, B * 2), [B, 2]);
      // The preset's two mean-value metrics: D's probability on real and on generated points.
      const means: tfjs.Scalar[] = [];
      const dLoss = dOptimizer.minimize(
        () => {
          const dReal = discriminator.apply(real) as tfjs.Tensor;
          const dFake = discriminator.apply(generator.apply(z1)) as tfjs.Tensor;
          means.push(tf.keep(tf.mean(tf.sigmoid(dReal))), tf.keep(tf.mean(tf.sigmoid(dFake))));
          return tf.add(
            tf.losses.sigmoidCrossEntropy(tf.fill(dReal.shape, realTarget), dReal),
            tf.losses.sigmoidCrossEntropy(tf.zerosLike(dFake), dFake),
          ) as tfjs.Scalar;
        },
        true,
        dVars,
      );
      const z2 = tf.tensor2d(normals(noiseRng, B * 2), [B, 2]);
      const gLoss = gOptimizer.minimize(
        () => {
          const dFake = discriminator.apply(generator.apply(z2)) as tfjs.Tensor;
          return tf.losses.sigmoidCrossEntropy(tf.onesLike(dFake), dFake) as tfjs.Scalar;
        },
        true,
        gVars,
      );
      tf.dispose([real, z1, z2]);
      return readLosses(tf, [
        ['dLoss', dLoss as tfjs.Scalar],
        ['gLoss', gLoss as tfjs.Scalar],
        ['dReal', means[0] as tfjs.Scalar],
        ['dFakeMean', means[1] as tfjs.Scalar],
      ]);
    },
    dispose() {
      dOptimizer.dispose();
      gOptimizer.dispose();
      generator.dispose();
      discriminator.dispose();
    },
  };
}
