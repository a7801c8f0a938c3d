// Swapping one of a backend's kernels for a faster one of ours, keeping the original's setup and
// dispose (they still run should the backend be started again) and a way to call it for the
// cases ours leaves to it.

import type { TF } from '../types/definition';

export type KernelConfig = NonNullable<ReturnType<TF['getKernel']>>;
export type KernelFunc = KernelConfig['kernelFunc'];

/** Kernel functions installed here, so asking twice installs once. */
const installed = new WeakSet<KernelFunc>();

/**
 * Replaces `backend`'s kernel `name` with `make(original)`. Returns false when the backend lacks
 * the kernel or ours is already there. Call after the backend has started (its setup has run).
 */
export function swapKernel(
  tf: TF,
  name: string,
  backend: string,
  make: (original: KernelConfig) => KernelFunc,
): boolean {
  const original = tf.getKernel(name, backend);
  if (!original || installed.has(original.kernelFunc)) return false;
  const kernelFunc = make(original);
  installed.add(kernelFunc);
  tf.unregisterKernel(name, backend);
  tf.registerKernel({ ...original, kernelFunc });
  return true;
}
