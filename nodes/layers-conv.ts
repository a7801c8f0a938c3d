// Image layers: convolutions, transposed convolutions, pooling and up-sampling on [B,H,W,C].

import { defineNode, type InferContext, type InferOutputs } from '../src/core/types/definition';
import { tensorType } from '../src/core/types/ports';
import {
  activationParam,
  countParam,
  IN_PORT,
  kernelAndBias,
  lastAxis,
  OUT_PORT,
  paddingParam,
  seededKernel,
  slideImage,
  transposedLength,
} from './layers-common';

const convParams = (kernel: number, stride: number) =>
  ({
    filters: countParam(
      'filters',
      32,
      1024,
      'filters',
      'How many feature maps (output channels) the layer learns.',
    ),
    kernelSize: countParam('kernel size', kernel, 11, 'px', 'Width and height of each square filter.'),
    strides: countParam('stride', stride, 4, 'px', 'How far the filter moves between positions.'),
    padding: paddingParam('same'),
    activation: activationParam('relu'),
  }) as const;

export const conv2dNode = defineNode({
  type: 'layer.conv2d',
  title: 'Conv 2D',
  category: 'layer',
  doc: 'Slides small learned filters over an image; a stride of 2 halves its width and height.',
  inputs: [IN_PORT],
  outputs: [OUT_PORT],
  params: convParams(3, 1),
  infer(ctx) {
    const input = ctx.tensor('in', 3);
    const { filters, kernelSize, strides, padding } = ctx.params;
    const [h, w] = slideImage(ctx, input, kernelSize, strides, padding, 'kernel');
    return { out: tensorType([h, w, filters]) };
  },
  build: {
    role: 'layer',
    layer: (ctx, p) =>
      ctx.tf.layers.conv2d({
        name: ctx.name,
        filters: p.filters,
        kernelSize: p.kernelSize,
        strides: p.strides,
        padding: p.padding,
        activation: p.activation,
        kernelInitializer: seededKernel(ctx),
        biasInitializer: 'zeros',
      }),
    weights: ([input], p) =>
      kernelAndBias([p.kernelSize, p.kernelSize, lastAxis(input), p.filters], p.filters),
  },
});

export const conv2dTransposeNode = defineNode({
  type: 'layer.conv2d-transpose',
  title: 'Transposed conv 2D',
  category: 'layer',
  doc: 'The mirror of a convolution: spreads each pixel through learned filters; a stride of 2 doubles width and height.',
  inputs: [IN_PORT],
  outputs: [OUT_PORT],
  params: convParams(4, 2),
  infer(ctx) {
    const input = ctx.tensor('in', 3);
    const { filters, kernelSize, strides, padding } = ctx.params;
    if (strides > 1 && kernelSize % strides !== 0) {
      // Overlaps of uneven size paint a regular pattern into generated images (Odena et al. 2016).
      ctx.warn('W_CHECKERBOARD', {
        param: 'kernelSize',
        actual: String(kernelSize),
        expected: String(strides),
      });
    }
    const [h = 0, w = 0] = input.shape;
    return {
      out: tensorType([
        transposedLength(h, kernelSize, strides, padding),
        transposedLength(w, kernelSize, strides, padding),
        filters,
      ]),
    };
  },
  build: {
    role: 'layer',
    layer: (ctx, p) =>
      ctx.tf.layers.conv2dTranspose({
        name: ctx.name,
        filters: p.filters,
        kernelSize: p.kernelSize,
        strides: p.strides,
        padding: p.padding,
        activation: p.activation,
        kernelInitializer: seededKernel(ctx),
        biasInitializer: 'zeros',
      }),
    // A transposed convolution's kernel holds its output channels before its input channels.
    weights: ([input], p) =>
      kernelAndBias([p.kernelSize, p.kernelSize, p.filters, lastAxis(input)], p.filters),
  },
});

const poolParams = {
  poolSize: countParam(
    'pool size',
    2,
    8,
    'px',
    'Width and height of each window that is summarised by one value.',
  ),
  strides: countParam(
    'stride',
    2,
    8,
    'px',
    'How far the window moves; equal to the pool size means windows do not overlap.',
  ),
  padding: paddingParam('valid'),
} as const;

/** Both pools slide a window over the image and keep the channels. */
function inferPool(ctx: InferContext<typeof poolParams>): InferOutputs {
  const input = ctx.tensor('in', 3);
  const { poolSize, strides, padding } = ctx.params;
  const [h, w] = slideImage(ctx, input, poolSize, strides, padding, 'pool window');
  return { out: tensorType([h, w, input.shape[2] ?? 0]) };
}

export const maxPoolNode = defineNode({
  type: 'layer.max-pool',
  title: 'Max pool',
  category: 'layer',
  doc: 'Keeps the largest value of each small window, shrinking the image; it has no weights to learn.',
  inputs: [IN_PORT],
  outputs: [OUT_PORT],
  params: poolParams,
  infer: inferPool,
  build: {
    role: 'layer',
    layer: (ctx, p) =>
      ctx.tf.layers.maxPooling2d({
        name: ctx.name,
        poolSize: p.poolSize,
        strides: p.strides,
        padding: p.padding,
      }),
  },
});

export const avgPoolNode = defineNode({
  type: 'layer.avg-pool',
  title: 'Average pool',
  category: 'layer',
  doc: 'Replaces each small window by its average, shrinking the image smoothly; it has no weights to learn.',
  inputs: [IN_PORT],
  outputs: [OUT_PORT],
  params: poolParams,
  infer: inferPool,
  build: {
    role: 'layer',
    layer: (ctx, p) =>
      ctx.tf.layers.averagePooling2d({
        name: ctx.name,
        poolSize: p.poolSize,
        strides: p.strides,
        padding: p.padding,
      }),
  },
});

export const upSampleNode = defineNode({
  type: 'layer.up-sample',
  title: 'Up-sample',
  category: 'layer',
  doc: 'Enlarges an image by repeating each pixel size × size times; it has no weights to learn.',
  inputs: [IN_PORT],
  outputs: [OUT_PORT],
  params: {
    size: countParam('factor', 2, 8, '×', 'How many times larger the width and height become.'),
  },
  infer(ctx) {
    const input = ctx.tensor('in', 3);
    const [h = 0, w = 0, c = 0] = input.shape;
    const { size } = ctx.params;
    return { out: tensorType([h * size, w * size, c]) };
  },
  build: {
    role: 'layer',
    layer: (ctx, p) => ctx.tf.layers.upSampling2d({ name: ctx.name, size: [p.size, p.size] }),
  },
});

export const CONV_LAYER_NODES = [
  conv2dNode,
  conv2dTransposeNode,
  maxPoolNode,
  avgPoolNode,
  upSampleNode,
] as const;
