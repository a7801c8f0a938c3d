// Minibatch discrimination (Salimans et al., 2016): a discriminator layer that tells each sample
// how much it resembles the others in its batch, so a generator that collapses onto one mode
// produces batches the discriminator can spot at once.

import type * as tfjs from '@tensorflow/tfjs';
import { defineNode, type TF } from '../src/core/types/definition';
import { tensorType } from '../src/core/types/ports';
import { countParam, IN_PORT, lastAxis, OUT_PORT, trained } from './layers-common';

export interface MinibatchConfig {
  /** Number of similarity features appended (the paper's B). */
  readonly kernels: number;
  /** Length of each sample's projection per kernel (the paper's C). */
  readonly kernelDim: number;
  readonly seed?: number;
  readonly name?: string;
}

/** The name saved models carry for this layer (tfjs looks the class up by it when loading). */
export const MINIBATCH_CLASS_NAME = 'MinibatchDiscrimination';
const PACKAGE = 'LatentLab';

type MinibatchLayerClass = new (config: MinibatchConfig) => tfjs.layers.Layer;

/** One class per tfjs instance, registered with tfjs's serialisation map when first made. */
const classes = new WeakMap<TF, MinibatchLayerClass>();

/**
 * The layer class for this tfjs instance. Layers reach tfjs only through `tf` (never by import),
 * so the class is made here rather than at module level.
 */
export function minibatchLayerClass(tf: TF): MinibatchLayerClass {
  const known = classes.get(tf);
  if (known) return known;

  /**
   * Each sample's mean similarity exp(-L1) to the other samples of the batch, per kernel:
   * m [B, kernels, kernelDim] -> [B, kernels]. Its gradient is written by hand: tfjs's own goes
   * through several [B, B, kernels, kernelDim] tensors and sums them over a middle axis, which
   * costs wasm about twice as much as one batched matrix product over the saved differences.
   */
  const batchSimilarity = tf.customGrad((...args: (tfjs.Tensor | tfjs.GradSaveFunc)[]) => {
    const [m, save] = args as [tfjs.Tensor, tfjs.GradSaveFunc];
    const [count = 1, kernels = 1, kernelDim = 1] = m.shape;
    const byKernel = tf.transpose(m, [1, 0, 2]); // [kernels, B, kernelDim]
    // diff[k, i, j] = m_i - m_j through kernel k: [kernels, B, B, kernelDim].
    const diff = tf.sub(tf.expandDims(byKernel, 2), tf.expandDims(byKernel, 1));
    const near = tf.exp(tf.neg(tf.sum(tf.abs(diff), 3))); // [kernels, B, B]
    save([near, diff]);
    // A sample's own term is exp(0) = 1; the mean over the others keeps features in [0, 1].
    const others = Math.max(1, count - 1);
    const value = tf.transpose(tf.div(tf.sub(tf.sum(near, 2), 1), others));
    return {
      value,
      gradFunc: (dy, saved) => {
        const [nearSaved, diffSaved] = saved as [tfjs.Tensor, tfjs.Tensor];
        // Sample i's similarity and sample j's both hold the pair (i, j), so both upstream
        // gradients weigh it: d/dm_i = -sum_j (g_i + g_j) near_ij sign(m_i - m_j) / others.
        const g = tf.transpose(Array.isArray(dy) ? (dy[0] as tfjs.Tensor) : dy); // [kernels, B]
        const weight = tf.mul(tf.add(tf.expandDims(g, 2), tf.expandDims(g, 1)), nearSaved);
        const summed = tf.matMul(
          tf.reshape(weight, [kernels * count, 1, count]) as tfjs.Tensor3D,
          tf.reshape(tf.sign(diffSaved), [kernels * count, count, kernelDim]) as tfjs.Tensor3D,
        );
        const grad = tf.mul(tf.reshape(summed, [kernels, count, kernelDim]), -1 / others);
        return tf.transpose(grad, [1, 0, 2]);
      },
    };
  });

  class MinibatchDiscrimination extends tf.layers.Layer {
    static className = MINIBATCH_CLASS_NAME;
    private readonly kernels: number;
    private readonly kernelDim: number;
    private readonly seed: number | undefined;
    private projection: tfjs.LayerVariable | null = null;

    constructor(config: MinibatchConfig) {
      // The rest of the config (name, trainable, dtype when loaded from a file) goes to Layer.
      const { kernels, kernelDim, seed, ...layerArgs } = config;
      super(layerArgs as ConstructorParameters<typeof tf.layers.Layer>[0]);
      this.kernels = kernels;
      this.kernelDim = kernelDim;
      this.seed = seed;
    }

    override build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfjs.Shape;
      const features = shape[shape.length - 1] ?? 1;
      // The learned tensor T [features, kernels * kernelDim], stored flat as one matrix.
      this.projection = this.addWeight(
        'T',
        [features, this.kernels * this.kernelDim],
        'float32',
        tf.initializers.randomNormal({ mean: 0, stddev: 1 / Math.sqrt(features), seed: this.seed }),
      );
      this.built = true;
    }

    override computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfjs.Shape;
      return [shape[0] ?? null, (shape[shape.length - 1] ?? 0) + this.kernels];
    }

    override call(inputs: tfjs.Tensor | tfjs.Tensor[]): tfjs.Tensor {
      return tf.tidy(() => {
        const x = Array.isArray(inputs) ? (inputs[0] as tfjs.Tensor) : inputs;
        if (!this.projection) throw new Error('minibatch discrimination called before it was built');
        // M [B, kernels, kernelDim]: each sample's projection by every kernel.
        const m = tf.reshape(tf.matMul(x, this.projection.read()), [-1, this.kernels, this.kernelDim]);
        return tf.concat([x, batchSimilarity(m)], -1);
      });
    }

    override getConfig(): tfjs.serialization.ConfigDict {
      return {
        ...super.getConfig(),
        kernels: this.kernels,
        kernelDim: this.kernelDim,
        ...(this.seed !== undefined && { seed: this.seed }),
      };
    }
  }

  tf.serialization.registerClass(MinibatchDiscrimination, PACKAGE);
  classes.set(tf, MinibatchDiscrimination);
  return MinibatchDiscrimination;
}

export const minibatchDiscriminationNode = defineNode({
  type: 'layer.minibatch-discrimination',
  title: 'Minibatch discrimination',
  category: 'layer',
  doc: 'Appends, for each sample, how close it is to the other samples of its batch, so the discriminator sees when a generator makes the same point over and over (mode collapse).',
  inputs: [{ ...IN_PORT, doc: 'Features of the discriminator [B,n], e.g. after a dense layer.' }],
  outputs: [{ ...OUT_PORT, doc: 'The features followed by one similarity per kernel [B,n+kernels].' }],
  params: {
    kernels: countParam(
      'kernels',
      8,
      256,
      'kernels',
      'How many similarity features are appended; each compares samples through its own learned projection.',
    ),
    kernelDim: countParam(
      'kernel size',
      4,
      64,
      'values',
      'Length of the projection each kernel compares samples by (L1 distance).',
    ),
  },
  infer(ctx) {
    const input = ctx.tensor('in', 1);
    return { out: tensorType([(input.shape[0] ?? 0) + ctx.params.kernels]) };
  },
  build: {
    role: 'layer',
    layer(ctx, p) {
      const Layer = minibatchLayerClass(ctx.tf);
      return new Layer({ name: ctx.name, kernels: p.kernels, kernelDim: p.kernelDim, seed: ctx.seed });
    },
    weights: ([input], p) => [trained('T', [lastAxis(input), p.kernels * p.kernelDim])],
  },
});
