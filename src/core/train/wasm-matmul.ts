// Matrix products with a transposed side on tfjs-backend-wasm 4.22. Its BatchMatMul and
// _FusedMatMul kernels hand the product to XNNPACK only when neither side is transposed; otherwise
// they run a plain loop that is 10-20 times slower. Every dense layer's gradients are such
// products (dx = dy·Wᵀ, dW = xᵀ·dy), so on the stacked autoencoder they took 80 % of a step.
// Transposing the side first with the backend's own Transpose kernel and multiplying plainly gives
// the same product through the fast path.

import type * as tfjs from '@tensorflow/tfjs';
import type { TF } from '../types/definition';
import { type KernelConfig, swapKernel } from './kernel-swap';

type KernelParams = Parameters<KernelConfig['kernelFunc']>[0];

interface DataBackend {
  disposeData(dataId: object): unknown;
}

const KERNELS = ['BatchMatMul', '_FusedMatMul'] as const;

/** The permutation that swaps the last two axes. */
export function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

function untransposed(original: KernelConfig, transpose: KernelConfig): KernelConfig['kernelFunc'] {
  return ({ inputs, backend, attrs }: KernelParams) => {
    const { transposeA, transposeB } = (attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
    if (!transposeA && !transposeB) return original.kernelFunc({ inputs, backend, attrs });
    const made: tfjs.TensorInfo[] = [];
    const plain = (t: tfjs.TensorInfo | undefined, flip: boolean | undefined) => {
      if (!t || !flip) return t;
      const out = transpose.kernelFunc({
        inputs: { x: t },
        backend,
        attrs: { perm: swapLastTwo(t.shape.length) },
      }) as tfjs.TensorInfo;
      made.push(out);
      return out;
    };
    try {
      return original.kernelFunc({
        inputs: { ...inputs, a: plain(inputs.a, transposeA), b: plain(inputs.b, transposeB) },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      });
    } finally {
      for (const t of made) (backend as DataBackend).disposeData(t.dataId);
    }
  };
}

/**
 * Replaces `backend`'s matrix-product kernels with ones that transpose a transposed side first.
 * Call after the backend has started (its kernels' setup has run); returns the kernels replaced.
 */
export function untransposeMatMul(tf: TF, backend: string): string[] {
  const transpose = tf.getKernel('Transpose', backend);
  if (!transpose) return [];
  const replaced: string[] = [];
  for (const name of KERNELS) {
    if (swapKernel(tf, name, backend, (original) => untransposed(original, transpose))) replaced.push(name);
  }
  return replaced;
}
