// Corruption nodes for denoising autoencoders: they damage the input while training and in
// previews, and pass it through untouched in evaluation.

import type * as tfjs from '@tensorflow/tfjs';
import { defineNode, type AnyNodeDefinition, type RunContext } from '../src/core/types/definition';
import type { ParamSpecs } from '../src/core/types/params';
import { formatType, tensorType } from '../src/core/types/ports';
import { keepMask, normalValues } from './random';

const IN = { name: 'in', kind: 'tensor', doc: 'The clean tensor.' } as const;
const OUT = {
  name: 'out',
  kind: 'tensor',
  preview: 'auto',
  doc: 'The corrupted tensor (the clean one in evaluation).',
} as const;

/** Runs `corrupt` on the input in train and preview modes; a copy of the input in eval. */
function corruption<P extends ParamSpecs>(
  ctx: RunContext<P>,
  corrupt: (x: tfjs.Tensor) => tfjs.Tensor,
): Record<string, tfjs.Tensor> {
  const x = ctx.input('in');
  if (ctx.mode === 'eval') return { out: ctx.tf.clone(x) };
  return { out: ctx.tf.tidy(() => corrupt(x)) };
}

export const gaussianNoise = defineNode({
  type: 'corrupt.gaussian',
  title: 'Gaussian noise',
  category: 'corruption',
  doc: 'Adds random normal noise of the chosen strength to every value, so the network must learn to remove it.',
  inputs: [IN],
  outputs: [OUT],
  params: {
    std: {
      kind: 'number',
      default: 0.3,
      min: 0,
      max: 2,
      step: 0.05,
      live: true,
      label: 'noise std',
      doc: 'Standard deviation of the added noise; pixels are in 0..1.',
    },
  },
  infer(ctx) {
    return { out: ctx.tensor('in') };
  },
  build: {
    role: 'op',
    run(ctx) {
      return corruption(ctx, (x) => {
        const noise = normalValues(ctx.rng, x.size, ctx.params.std);
        return ctx.tf.add(x, ctx.tf.tensor(noise, x.shape, 'float32'));
      });
    },
  },
});

export const dropoutNoise = defineNode({
  type: 'corrupt.dropout',
  title: 'Dropout noise',
  category: 'corruption',
  doc: 'Sets a random share of the pixels to 0 (black), leaving the rest unchanged.',
  inputs: [IN],
  outputs: [OUT],
  params: {
    rate: {
      kind: 'number',
      default: 0.3,
      min: 0,
      max: 0.95,
      step: 0.05,
      live: true,
      doc: 'Chance that each pixel is zeroed; the survivors are not scaled up.',
    },
  },
  infer(ctx) {
    return { out: ctx.tensor('in') };
  },
  build: {
    role: 'op',
    run(ctx) {
      return corruption(ctx, (x) => {
        // For images a pixel is dropped in all its channels at once; other tensors drop single entries.
        const maskShape = x.rank === 4 ? [...x.shape.slice(0, 3), 1] : x.shape;
        const count = maskShape.reduce((n, d) => n * d, 1);
        const mask = ctx.tf.tensor(keepMask(ctx.rng, count, ctx.params.rate), maskShape, 'float32');
        return ctx.tf.mul(x, mask);
      });
    },
  },
});

export const maskingNoise = defineNode({
  type: 'corrupt.mask',
  title: 'Masking',
  category: 'corruption',
  doc: 'Blacks out one square patch at a random place in each image, so the network must fill in what is hidden.',
  inputs: [{ ...IN, doc: 'A batch of images [B,h,w,c].' }],
  outputs: [OUT],
  params: {
    size: {
      kind: 'number',
      default: 10,
      min: 1,
      max: 256,
      integer: true,
      live: true,
      unit: 'px',
      doc: 'Side of the square patch set to 0.',
    },
  },
  infer(ctx) {
    const input = ctx.tensor('in', 3);
    const [height = 0, width = 0] = input.shape;
    if (ctx.params.size > height || ctx.params.size > width) {
      ctx.fail('E_BAD_PARAM', {
        param: 'size',
        detail: `a ${ctx.params.size}x${ctx.params.size} patch does not fit in the ${formatType(input)} images; use at most ${Math.min(height, width)}`,
      });
    }
    return { out: tensorType(input.shape) };
  },
  build: {
    role: 'op',
    run(ctx) {
      return corruption(ctx, (x) => {
        const [batch = 0, height = 0, width = 0] = x.shape;
        const size = Math.min(ctx.params.size, height, width);
        const mask = new Float32Array(batch * height * width).fill(1);
        for (let b = 0; b < batch; b++) {
          const top = Math.floor(ctx.rng.next() * (height - size + 1));
          const left = Math.floor(ctx.rng.next() * (width - size + 1));
          for (let r = top; r < top + size; r++) {
            mask.fill(0, (b * height + r) * width + left, (b * height + r) * width + left + size);
          }
        }
        return ctx.tf.mul(x, ctx.tf.tensor(mask, [batch, height, width, 1], 'float32'));
      });
    },
  },
});

export const CORRUPTION_NODES: readonly AnyNodeDefinition[] = [gaussianNoise, dropoutNoise, maskingNoise];
