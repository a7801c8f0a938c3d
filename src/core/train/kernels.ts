// Kernels a backend lacks for training, built from kernels it has. tfjs-backend-wasm 4.22 has no
// Conv2DBackpropFilter (the gradient of a convolution with respect to its filter), so without
// this every convolutional graph falls back to the much slower cpu backend.
//
// The filter gradient is dW[kh,kw,ci,co] = sum over b,oh,ow of x[b, oh*s+kh-top, ow*s+kw-left, ci]
// * dy[b,oh,ow,co]: for each filter tap (kh, kw), one strided slice of the padded input and one
// matrix product with dy.

import type * as tfjs from '@tensorflow/tfjs';
import type { TF } from '../types/definition';

interface FilterGradAttrs {
  readonly strides: number | [number, number];
  readonly pad: 'valid' | 'same' | number | tfjs.backend_util.ExplicitPadding;
  readonly dataFormat: 'NHWC' | 'NCHW';
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
  readonly filterShape: [number, number, number, number];
}

/** The filter gradient of a 2-D convolution (NHWC, dilation 1) from slices and matrix products. */
export function conv2dFilterGradient(
  tf: TF,
  x: tfjs.Tensor4D,
  dy: tfjs.Tensor4D,
  attrs: FilterGradAttrs,
): tfjs.Tensor4D {
  if (attrs.dataFormat !== 'NHWC') throw new Error('the filter gradient supports NHWC data only');
  const info = tf.backend_util.computeConv2DInfo(
    x.shape,
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const { padInfo, strideHeight, strideWidth, outHeight, outWidth, filterHeight, filterWidth } = info;
  const [batch, , , inChannels] = x.shape;
  const outChannels = attrs.filterShape[3];
  const rows = batch * outHeight * outWidth;
  return tf.tidy(() => {
    const padded = tf.pad(x, [
      [0, 0],
      [padInfo.top, padInfo.bottom],
      [padInfo.left, padInfo.right],
      [0, 0],
    ]);
    const grads = tf.reshape(dy, [rows, outChannels]);
    const taps: tfjs.Tensor[] = [];
    for (let kh = 0; kh < filterHeight; kh++) {
      for (let kw = 0; kw < filterWidth; kw++) {
        const slice = tf.stridedSlice(
          padded,
          [0, kh, kw, 0],
          [batch, kh + strideHeight * (outHeight - 1) + 1, kw + strideWidth * (outWidth - 1) + 1, inChannels],
          [1, strideHeight, strideWidth, 1],
        );
        taps.push(tf.matMul(tf.reshape(slice, [rows, inChannels]), grads, true, false));
      }
    }
    return tf.reshape(tf.stack(taps), [filterHeight, filterWidth, inChannels, outChannels]);
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
