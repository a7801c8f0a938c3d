// Kernels a backend lacks for training, built from kernels it has. tfjs-backend-wasm 4.22 has no
// Conv2DBackpropFilter (the gradient of a convolution with respect to its filter), so without
// this every convolutional graph falls back to the much slower cpu backend.
//
// The filter gradient is dW[kh,kw,ci,co] = sum over b,oh,ow of x[b, oh*s+kh-top, ow*s+kw-left, ci]
// * dy[b,oh,ow,co]. Read with ci as the batch and b as the channels, that is one convolution of
// the padded input with dy as its filter, dilated by the stride: the backend's own fast Conv2D
// does all the work. (A first version took one strided slice and one matrix product per filter
// tap; wasm's StridedSlice made that 10 to 100 times slower.)

import type * as tfjs from '@tensorflow/tfjs';
import type { TF } from '../types/definition';

interface FilterGradAttrs extends ConvAttrs {
  readonly filterShape: [number, number, number, number];
}

/** What both convolution gradients read of a convolution's attributes. */
export interface ConvAttrs {
  readonly strides: number | [number, number];
  readonly pad: 'valid' | 'same' | number | tfjs.backend_util.ExplicitPadding;
  readonly dataFormat: 'NHWC' | 'NCHW';
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** The geometry of a 2-D convolution (NHWC, dilation 1) of `inputShape` by `filterShape`. */
export function nhwcConvInfo(
  tf: TF,
  inputShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  attrs: ConvAttrs,
  what: string,
): tfjs.backend_util.Conv2DInfo {
  if (attrs.dataFormat !== 'NHWC') throw new Error(`the ${what} supports NHWC data only`);
  return tf.backend_util.computeConv2DInfo(
    inputShape,
    filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
}

/** The filter gradient of a 2-D convolution (NHWC, dilation 1) as one dilated convolution. */
export function conv2dFilterGradient(
  tf: TF,
  x: tfjs.Tensor4D,
  dy: tfjs.Tensor4D,
  attrs: FilterGradAttrs,
): tfjs.Tensor4D {
  const info = nhwcConvInfo(tf, x.shape, attrs.filterShape, attrs, 'filter gradient');
  const { padInfo, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const inChannels = x.shape[3];
  const outChannels = attrs.filterShape[3];
  return tf.tidy(() => {
    const padded = tf.pad(x, [
      [0, 0],
      [padInfo.top, padInfo.bottom],
      [padInfo.left, padInfo.right],
      [0, 0],
    ]);
    const channelsAsBatch = tf.transpose(padded, [3, 1, 2, 0]) as tfjs.Tensor4D; // [ci, H, W, b]
    const gradsAsFilter = tf.transpose(dy, [1, 2, 0, 3]) as tfjs.Tensor4D; // [oh, ow, b, co]
    // The output can hold rows and columns past the filter where the stride leaves input unread.
    const taps = tf.slice(
      tf.conv2d(channelsAsBatch, gradsAsFilter, 1, 'valid', 'NHWC', [strideHeight, strideWidth]),
      [0, 0, 0, 0],
      [inChannels, filterHeight, filterWidth, outChannels],
    );
    return tf.transpose(taps, [1, 2, 0, 3]) as tfjs.Tensor4D;
  });
}

/**
 * Registers the filter gradient for `backend` when it has none. The kernel returns a tensor built
 * by ordinary ops on the same backend, which the engine accepts as the kernel's output.
 */
export function addMissingKernels(tf: TF, backend: string): boolean {
  if (tf.getKernel('Conv2DBackpropFilter', backend)) return false;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: backend,
    kernelFunc: ({ inputs, attrs }) =>
      conv2dFilterGradient(
        tf,
        inputs.x as tfjs.Tensor4D,
        inputs.dy as tfjs.Tensor4D,
        attrs as unknown as FilterGradAttrs,
      ) as unknown as tfjs.TensorInfo,
  });
  return true;
}
