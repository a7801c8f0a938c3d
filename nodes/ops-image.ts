// Image ops without weights: an edge map computed from an image, the input of an
// edges-to-image translation model (pix2pix).

import type * as tfjs from '@tensorflow/tfjs';
import { defineNode, type AnyNodeDefinition } from '../src/core/types/definition';
import { formatType, tensorType } from '../src/core/types/ports';

/** Horizontal and vertical Sobel filters as a [3,3,1,2] kernel (one output channel each). */
const SOBEL_KERNEL = [
  [[[-1, -1]], [[0, -2]], [[1, -1]]],
  [[[-2, 0]], [[0, 0]], [[2, 0]]],
  [[[-1, 1]], [[0, 2]], [[1, 1]]],
];

/** The Sobel response to a step from 0 to 1 (its strongest straight edge): maps magnitudes to 0..1. */
const STEP_RESPONSE = 4;

export const edgesOp = defineNode({
  type: 'op.edges',
  title: 'Edges (Sobel)',
  category: 'op',
  doc: 'Finds outlines in a grey image: how fast brightness changes around each pixel (Sobel filters), as a sketch-like edge map.',
  inputs: [{ name: 'in', kind: 'tensor', doc: 'Grey images [B,H,W,1] with values in 0..1.' }],
  outputs: [{ name: 'out', kind: 'tensor', preview: 'image-grid', doc: 'The edge map [B,H,W,1].' }],
  params: {
    threshold: {
      kind: 'number',
      default: 0.3,
      min: 0,
      max: 1,
      step: 0.05,
      live: true,
      doc: 'Edges at least this strong become 1 and the rest 0, a clean line drawing; 0 keeps the soft strength of every edge.',
    },
  },
  infer(ctx) {
    const input = ctx.tensor('in', 3);
    if (input.shape[2] !== 1) {
      ctx.fail('E_SHAPE_MISMATCH', {
        port: 'in',
        expected: 'a grey image [B,H,W,1]',
        actual: formatType(input),
      });
    }
    return { out: tensorType(input.shape) };
  },
  build: {
    role: 'op',
    run(ctx) {
      const { tf } = ctx;
      const { threshold } = ctx.params;
      const out = tf.tidy(() => {
        const image = ctx.input('in') as tfjs.Tensor4D;
        const kernel = tf.tensor4d(SOBEL_KERNEL, [3, 3, 1, 2], 'float32');
        const gradients = tf.conv2d(image, kernel, 1, 'same');
        const magnitude = tf.div(tf.sqrt(tf.sum(tf.square(gradients), -1, true)), STEP_RESPONSE);
        return threshold > 0
          ? tf.cast(tf.greaterEqual(magnitude, threshold), 'float32')
          : tf.clipByValue(magnitude, 0, 1);
      });
      return { out };
    },
  },
});

export const IMAGE_OP_NODES: readonly AnyNodeDefinition[] = [edgesOp];
