// Slice, Unpack, SplitV, Tile and Identity on tfjs-backend-wasm 4.22, which only move numbers. Its Slice
// (and the Unpack and SplitV built on it) copies the whole input out of wasm's memory once per
// output before taking its part: unstacking a recurrent layer's 28 time steps copied the sequence
// 28 times, a third of the recurrent autoencoder's step. Its Tile, a general C++ index loop,
// took 6 ms to repeat 64 numbers into a batch-norm gradient; its Identity copies. These read and
// write wasm's memory in place and copy whole runs of numbers at a time, or share them.

import type * as tfjs from '@tensorflow/tfjs';
import type { TF } from '../types/definition';
import { type KernelConfig, swapKernel } from './kernel-swap';

type Numbers = Float32Array | Int32Array | Uint8Array;

/** The parts of tfjs-backend-wasm's backend these kernels use (the ones its own kernels use). */
export interface WasmMemory {
  makeOutput(shape: number[], dtype: tfjs.DataType): tfjs.TensorInfo;
  typedArrayFromHeap(t: tfjs.TensorInfo): Numbers;
  incRef(dataId: object): void;
}

type KernelParams = Parameters<KernelConfig['kernelFunc']>[0];

const product = (shape: readonly number[], from = 0, to = shape.length) => {
  let p = 1;
  for (let i = from; i < to; i++) p *= shape[i] ?? 1;
  return p;
};

/**
 * Copies the block of `x` (shape `shape`) starting at `begin` of extent `size` into `out`, in
 * row-major order. Trailing axes taken whole merge into one run of numbers copied at once.
 */
export function copyBlock(
  x: Numbers,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
  out: Numbers,
): void {
  const rank = shape.length;
  if (rank === 0 || product(size) === 0) {
    if (rank === 0) out[0] = x[0] ?? 0;
    return;
  }
  // The run: axis `last` (partly) and every whole axis after it.
  let last = rank - 1;
  while (last > 0 && size[last] === shape[last] && begin[last] === 0) last--;
  const inner = product(shape, last + 1);
  const run = (size[last] ?? 1) * inner;
  const strides = shape.map((_, i) => product(shape, i + 1));
  const counter = new Array<number>(last).fill(0);
  const outer = product(size, 0, last);
  let o = 0;
  for (let n = 0; n < outer; n++) {
    let from = (begin[last] ?? 0) * inner;
    for (let i = 0; i < last; i++) from += ((begin[i] ?? 0) + (counter[i] ?? 0)) * (strides[i] ?? 0);
    if (run > 16) out.set(x.subarray(from, from + run), o);
    else for (let k = 0; k < run; k++) out[o + k] = x[from + k] ?? 0;
    o += run;
    for (let i = last - 1; i >= 0; i--) {
      counter[i] = (counter[i] ?? 0) + 1;
      if ((counter[i] ?? 0) < (size[i] ?? 0)) break;
      counter[i] = 0;
    }
  }
}

/**
 * Outputs of the given shapes, each filled by `fill(x, out, k)` from views of wasm's memory.
 * The views are taken after every output is allocated: an allocation can grow the memory and
 * leave older views empty.
 */
function produce(
  backend: WasmMemory,
  x: tfjs.TensorInfo,
  shapes: number[][],
  fill: (x: Numbers, out: Numbers, k: number) => void,
): tfjs.TensorInfo[] {
  const outs = shapes.map((s) => backend.makeOutput(s, x.dtype));
  const xs = backend.typedArrayFromHeap(x);
  outs.forEach((out, k) => fill(xs, backend.typedArrayFromHeap(out), k));
  return outs;
}

/** `values` repeated `reps[i]` times along each axis i (Tile), axis by axis from the last. */
export function tileValues(values: Numbers, shape: readonly number[], reps: readonly number[]): Numbers {
  let current = values;
  const now = [...shape];
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const times = reps[axis] ?? 1;
    if (times === 1) continue;
    const outer = product(now, 0, axis);
    const block = product(now, axis);
    const next = new (current.constructor as new (n: number) => Numbers)(outer * block * times);
    for (let o = 0; o < outer; o++) {
      const part = current.subarray(o * block, (o + 1) * block);
      if (block === 1) next.fill(part[0] ?? 0, o * times, (o + 1) * times);
      else for (let t = 0; t < times; t++) next.set(part, (o * times + t) * block);
    }
    now[axis] = (now[axis] ?? 0) * times;
    current = next;
  }
  return current;
}

/** The five kernels for `backend`; strings still go to the originals. */
function kernels(tf: TF): Record<string, (original: KernelConfig) => KernelConfig['kernelFunc']> {
  const memory = (params: KernelParams) => params.backend as unknown as WasmMemory;
  const input = (params: KernelParams, name: string) => params.inputs[name] as tfjs.TensorInfo;
  return {
    Slice: (original) => (params) => {
      const x = input(params, 'x');
      if (x.dtype === 'string') return original.kernelFunc(params);
      const { begin, size } = params.attrs as unknown as {
        begin: number | number[];
        size: number | number[];
      };
      const [start = [], extent = []] = tf.slice_util.parseSliceParams(x as tfjs.Tensor, begin, size);
      const [out] = produce(memory(params), x, [extent], (xs, o) => copyBlock(xs, x.shape, start, extent, o));
      return out as tfjs.TensorInfo;
    },
    Unpack: (original) => (params) => {
      const x = input(params, 'value');
      if (x.dtype === 'string') return original.kernelFunc(params);
      const rank = x.shape.length;
      const axis = (((params.attrs as unknown as { axis: number }).axis % rank) + rank) % rank;
      const count = x.shape[axis] ?? 0;
      const outShape = x.shape.filter((_, i) => i !== axis);
      const extent = x.shape.map((d, i) => (i === axis ? 1 : d));
      return produce(memory(params), x, new Array<number[]>(count).fill(outShape), (xs, o, k) =>
        copyBlock(
          xs,
          x.shape,
          x.shape.map((_, i) => (i === axis ? k : 0)),
          extent,
          o,
        ),
      );
    },
    SplitV: (original) => (params) => {
      const x = input(params, 'x');
      if (x.dtype === 'string') return original.kernelFunc(params);
      const attrs = params.attrs as unknown as { numOrSizeSplits: number | number[]; axis: number };
      const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0] ?? 0;
      const sizes = tf.backend_util.prepareSplitSize(x as tfjs.Tensor, attrs.numOrSizeSplits, axis);
      const starts = sizes.map((_, k) => sizes.slice(0, k).reduce((a, b) => a + b, 0));
      const extents = sizes.map((s) => x.shape.map((d, i) => (i === axis ? s : d)));
      return produce(memory(params), x, extents, (xs, o, k) =>
        copyBlock(
          xs,
          x.shape,
          x.shape.map((_, i) => (i === axis ? (starts[k] ?? 0) : 0)),
          extents[k] ?? [],
          o,
        ),
      );
    },
    // Tensors never change their numbers, so a copy can share them, as the cpu backend's does.
    // tfjs clones every tensor it keeps for a gradient: 1,571 copies in a recurrent step.
    Identity: (original) => (params) => {
      const x = input(params, 'x');
      if (x.dtype === 'string') return original.kernelFunc(params);
      memory(params).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
    Tile: (original) => (params) => {
      const x = input(params, 'x');
      if (x.dtype === 'string') return original.kernelFunc(params);
      const { reps } = params.attrs as unknown as { reps: number[] };
      const shape = x.shape.map((d, i) => d * (reps[i] ?? 1));
      const [out] = produce(memory(params), x, [shape], (xs, o) => o.set(tileValues(xs, x.shape, reps)));
      return out as tfjs.TensorInfo;
    },
  };
}

/**
 * Replaces wasm's Slice, Unpack, SplitV, Tile and Identity with the kernels above. Call after the
 * backend has started; returns the kernels replaced.
 */
export function fastWasmCopies(tf: TF, backend = 'wasm'): string[] {
  return Object.entries(kernels(tf))
    .filter(([name, make]) => swapKernel(tf, name, backend, make))
    .map(([name]) => name);
}
