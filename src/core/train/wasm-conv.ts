// The input gradient of a convolution (Conv2DBackpropInput, which is also every transposed
// convolution's forward pass) on tfjs-backend-wasm 4.22. Its own kernel is a plain C++ loop that
// took half of a dcgan-mnist training step; the backend's Conv2D (XNNPACK) does the same work
// several times faster, even with the zero taps below.
//
// Along one axis, with stride s, kernel k and top padding p, the gradient is
//   dx[y] = sum over o, t with o·s + t - p = y of dy[o] · W[t].
// Split the rows y = s·q + r by their phase r: each phase reads the taps t ≡ r + p (mod s) and a
// few neighbouring rows of dy around q, so dx's phase r at q is an ordinary (stride 1)
// correlation of dy with a small filter made of those taps. With windows of one length (a phase
// with fewer taps gets zeros) whose starts differ only by a shift of the output, one convolution
// with s·s times as many output channels computes all phases, and one pass in memory interleaves
// them into dx, each phase read at its shift.
// (Four convolutions, one per phase and without zero taps, measured slower on dcgan-mnist's two
// transposed convolutions, 40 against 36 ms: the one with a single output channel lost 4 times.)

import type * as tfjs from '@tensorflow/tfjs';
import type { TF } from '../types/definition';
import { swapKernel } from './kernel-swap';
import { type ConvAttrs, nhwcConvInfo } from './kernels';
import type { WasmMemory } from './wasm-copies';

/** A tensor's numbers, read at once (a view of the backend's memory or a copy). */
export type ReadNumbers = (t: tfjs.TensorInfo) => ArrayLike<number>;

export interface InputGradAttrs extends ConvAttrs {
  readonly inputShape: [number, number, number, number];
}

/**
 * How one axis of the gradient reads dy. Output position u of the convolution reads the window of
 * dy rows u + lo .. u + lo + taps - 1; phase r's value at q is the output at u = q + shift[r].
 */
export interface PhasePlan {
  /** Offset of the window's first row of dy from u (can be negative: padding before). */
  readonly lo: number;
  /** Length of the window, the sub-filter's size along this axis. */
  readonly taps: number;
  /** For window position j and phase r, at [j * stride + r]: the filter tap, or k for none. */
  readonly index: Int32Array;
  /** Per phase, how far along the convolution's output its values sit. */
  readonly shift: Int32Array;
}

/**
 * The plan of one axis: stride `s`, kernel size `k`, padding before `p`. Phases read windows of
 * dy that start at different rows; each gets the same window length (its most taps), and the
 * difference in start becomes a shift of where it reads the output, so only phases with fewer
 * taps than the others leave zero taps in the sub-filter. (Kernel 4, stride 2: 2 taps per axis,
 * where one window for all phases at the same start needed 3, 2.25 times the work in 2-D.)
 */
export function phasePlan(s: number, k: number, p: number): PhasePlan {
  const phases = Array.from({ length: s }, (_, r) => {
    const a = (((r + p) % s) + s) % s; // the first tap this phase reads
    const c = Math.floor((r + p) / s); // the row of dy that tap pairs with, relative to q
    const count = a < k ? Math.ceil((k - a) / s) : 0; // taps a, a + s, ... below k
    return { a, c, count };
  });
  const taps = Math.max(1, ...phases.map((ph) => ph.count));
  // Phase r's window ends at its tap a's row: it starts at q + c - taps + 1.
  const starts = phases.map((ph) => ph.c - taps + 1);
  const lo = Math.min(...starts);
  const index = new Int32Array(taps * s).fill(k);
  phases.forEach((ph, r) => {
    for (let j = 0; j < taps; j++) {
      const m = taps - 1 - j; // window row j meets tap a + s·m
      if (m < ph.count) index[j * s + r] = ph.a + s * m;
    }
  });
  return { lo, taps, index, shift: Int32Array.from(starts, (start) => start - lo) };
}

/**
 * The sub-filters [Th, Tw, outChannels, s·s·inChannels] from the filter [kh, kw, inChannels,
 * outChannels], built in memory: on wasm, Gather and a rank-6 Transpose of even this small
 * tensor took longer than the convolution.
 */
function subFilters(
  tf: TF,
  filter: tfjs.Tensor4D,
  read: ReadNumbers,
  s: number,
  rows: PhasePlan,
  cols: PhasePlan,
): tfjs.Tensor4D {
  const [kh, kw, inChannels, outChannels] = filter.shape;
  const values = read(filter);
  const out = new Float32Array(rows.taps * cols.taps * outChannels * s * s * inChannels);
  let o = 0;
  for (let i = 0; i < rows.taps; i++) {
    for (let j = 0; j < cols.taps; j++) {
      for (let co = 0; co < outChannels; co++) {
        for (let rh = 0; rh < s; rh++) {
          const th = rows.index[i * s + rh] ?? kh;
          for (let rw = 0; rw < s; rw++) {
            const tw = cols.index[j * s + rw] ?? kw;
            if (th < kh && tw < kw) {
              const base = (th * kw + tw) * inChannels * outChannels + co;
              for (let ci = 0; ci < inChannels; ci++) out[o + ci] = values[base + ci * outChannels] ?? 0;
            }
            o += inChannels;
          }
        }
      }
    }
  }
  return tf.tensor4d(out, [rows.taps, cols.taps, outChannels, s * s * inChannels]);
}

/**
 * dx [batch, height, width, channels] from the phases [batch, Uh, Uw, s·s·channels]: row y, column x
 * is phase (y mod s, x mod s) at (⌊y/s⌋ + its row shift, ⌊x/s⌋ + its column shift). DepthToSpace
 * and a crop, in one pass in memory (wasm's DepthToSpace and Slice each took as long as the
 * convolution).
 */
function interleave(
  tf: TF,
  phases: tfjs.Tensor4D,
  read: ReadNumbers,
  plans: { readonly s: number; readonly rows: PhasePlan; readonly cols: PhasePlan },
  shape: readonly number[],
): tfjs.Tensor4D {
  const { s, rows, cols } = plans;
  const [batch = 0, height = 0, width = 0, channels = 0] = shape;
  const [, uh = 0, uw = 0] = phases.shape;
  const values = read(phases);
  const out = new Float32Array(batch * height * width * channels);
  let o = 0;
  for (let b = 0; b < batch; b++) {
    for (let y = 0; y < height; y++) {
      const rh = y % s;
      const rowBase = (b * uh + Math.floor(y / s) + (rows.shift[rh] ?? 0)) * uw;
      for (let x = 0; x < width; x++) {
        const rw = x % s;
        const at = rowBase + Math.floor(x / s) + (cols.shift[rw] ?? 0);
        const from = (at * s * s + rh * s + rw) * channels;
        for (let c = 0; c < channels; c++) out[o + c] = values[from + c] ?? 0;
        o += channels;
      }
    }
  }
  return tf.tensor4d(out, [batch, height, width, channels]);
}

/** Rows [from, to] of dy along `axis`, cut where they fall outside it. */
function cut(tf: TF, dy: tfjs.Tensor4D, axis: 1 | 2, from: number, to: number): tfjs.Tensor4D {
  const length = dy.shape[axis];
  if (from <= 0 && to >= length - 1) return dy;
  const start = [0, 0, 0, 0];
  const size = [...dy.shape];
  start[axis] = Math.max(from, 0);
  size[axis] = Math.min(to, length - 1) - start[axis] + 1;
  return tf.slice(dy, start, size);
}

/**
 * dx of a 2-D convolution (NHWC, dilation 1, the same stride along both axes) from dy and the
 * filter [kh, kw, inChannels, outChannels], as one stride-1 convolution and an interleave. `read`
 * gives a tensor's numbers at once: only for backends whose memory the CPU holds (wasm, cpu).
 */
export function conv2dInputGradient(
  tf: TF,
  dy: tfjs.Tensor4D,
  filter: tfjs.Tensor4D,
  attrs: InputGradAttrs,
  read: ReadNumbers,
): tfjs.Tensor4D {
  const info = nhwcConvInfo(tf, attrs.inputShape, filter.shape, attrs, 'input gradient');
  const { strideHeight: s, strideWidth, filterHeight, filterWidth, padInfo } = info;
  if (strideWidth !== s) throw new Error('the input gradient needs the same stride on both axes');
  const rows = phasePlan(s, filterHeight, padInfo.top);
  const cols = phasePlan(s, filterWidth, padInfo.left);
  // The rows of dy each axis reads: lo .. U - 1 + lo + taps - 1 for outputs u = 0 .. U - 1, where
  // U is Q = ⌈size / s⌉ positions per phase plus the largest shift.
  const [, height, width] = attrs.inputShape;
  const last = (size: number, plan: PhasePlan) =>
    Math.ceil(size / s) - 1 + Math.max(...plan.shift) + plan.lo + plan.taps - 1;
  const rowsTo = last(height, rows);
  const colsTo = last(width, cols);
  return tf.tidy(() => {
    const source = cut(tf, cut(tf, dy, 1, rows.lo, rowsTo), 2, cols.lo, colsTo);
    // Rows the window wants before or after dy are zeros: the convolution's own padding.
    const padding: [[0, 0], [number, number], [number, number], [0, 0]] = [
      [0, 0],
      [Math.max(-rows.lo, 0), Math.max(rowsTo - (dy.shape[1] - 1), 0)],
      [Math.max(-cols.lo, 0), Math.max(colsTo - (dy.shape[2] - 1), 0)],
      [0, 0],
    ];
    const phases = tf.conv2d(source, subFilters(tf, filter, read, s, rows, cols), 1, padding);
    return interleave(tf, phases, read, { s, rows, cols }, attrs.inputShape);
  });
}

/**
 * Replaces wasm's Conv2DBackpropInput with the convolution above; strides that differ between
 * the axes, and NCHW data, still go to the original. Call after the backend has started.
 */
export function fastConvInputGradient(tf: TF, backend: string): boolean {
  return swapKernel(tf, 'Conv2DBackpropInput', backend, (original) => (params) => {
    const attrs = params.attrs as unknown as InputGradAttrs;
    const [sh, sw] = typeof attrs.strides === 'number' ? [attrs.strides, attrs.strides] : attrs.strides;
    if (attrs.dataFormat !== 'NHWC' || sh !== sw) return original.kernelFunc(params);
    const { dy, filter } = params.inputs as { dy: tfjs.Tensor4D; filter: tfjs.Tensor4D };
    const memory = params.backend as unknown as WasmMemory;
    const read: ReadNumbers = (t) => memory.typedArrayFromHeap(t);
    return conv2dInputGradient(tf, dy, filter, attrs, read) as unknown as tfjs.TensorInfo;
  });
}
