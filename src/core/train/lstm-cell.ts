// One LSTM time step as a single kernel, forward and backward, for tfjs-backend-wasm. Written with
// tfjs ops, a step is a split, three sigmoids, two tanh, three products and a sum, and its
// gradient about twice as many ops: each costs wasm 15 to 25 µs of bookkeeping whatever its size,
// so a recurrent autoencoder's step (two LSTMs over 28 steps) spent most of its time between
// kernels. These do the whole cell in one pass over wasm's memory. nodes/lstm-sequence.ts uses
// them where the backend has them and the same math in tfjs ops elsewhere.
//
// Gate order is Keras's: input i, forget f, candidate g, output o. With z = x W + h U + b,
//   i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o), c' = f c + i g, h' = o tanh(c').
// The forward kernel also returns the activations [i, f, g, o, tanh c'] ([B, 5H]) that the
// backward kernel needs, so nothing is computed twice.

import type * as tfjs from '@tensorflow/tfjs';
import type { TF } from '../types/definition';
import type { WasmMemory } from './wasm-copies';

/**
 * Kernel names. The forward: inputs {z [B,4H], c [B,H]} and optionally zh [B,4H], added to z (the
 * recurrent product, so the sum costs no kernel of its own) -> [h [B,H], c [B,H], act [B,5H]].
 */
export const LSTM_CELL = 'LatentLabLstmCell';
/**
 * The backward: inputs {dh [B,H], dc [B,H], act [B,5H], cPrev [B,H]} and optionally dhOut [B,H],
 * added to dh -> [dz [B,4H], dcPrev [B,H]].
 */
export const LSTM_CELL_GRAD = 'LatentLabLstmCellGrad';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The forward step over `rows` rows of `units` units, from z (+ zh); writes h, cOut and act. */
export function lstmCellForward(
  z: Float32Array,
  zh: Float32Array | null,
  c: Float32Array,
  h: Float32Array,
  cOut: Float32Array,
  act: Float32Array,
  rows: number,
  units: number,
): void {
  for (let r = 0; r < rows; r++) {
    const zr = r * 4 * units;
    const ar = r * 5 * units;
    const sr = r * units;
    for (let u = 0; u < units; u++) {
      const k = zr + u;
      let zi = z[k] ?? 0;
      let zf = z[k + units] ?? 0;
      let zg = z[k + 2 * units] ?? 0;
      let zo = z[k + 3 * units] ?? 0;
      if (zh) {
        zi += zh[k] ?? 0;
        zf += zh[k + units] ?? 0;
        zg += zh[k + 2 * units] ?? 0;
        zo += zh[k + 3 * units] ?? 0;
      }
      const i = sigmoid(zi);
      const f = sigmoid(zf);
      const g = Math.tanh(zg);
      const o = sigmoid(zo);
      const next = f * (c[sr + u] ?? 0) + i * g;
      const squashed = Math.tanh(next);
      cOut[sr + u] = next;
      h[sr + u] = o * squashed;
      act[ar + u] = i;
      act[ar + units + u] = f;
      act[ar + 2 * units + u] = g;
      act[ar + 3 * units + u] = o;
      act[ar + 4 * units + u] = squashed;
    }
  }
}

/**
 * The backward step: from the gradients of the step's h (dh + dhOut) and c (dc), its saved activations
 * and incoming cell state, the gradients of its pre-activations z and of the incoming c.
 */
export function lstmCellBackward(
  dh: Float32Array,
  dhOut: Float32Array | null,
  dc: Float32Array,
  act: Float32Array,
  cPrev: Float32Array,
  dz: Float32Array,
  dcPrev: Float32Array,
  rows: number,
  units: number,
): void {
  for (let r = 0; r < rows; r++) {
    const zr = r * 4 * units;
    const ar = r * 5 * units;
    const sr = r * units;
    for (let u = 0; u < units; u++) {
      const i = act[ar + u] ?? 0;
      const f = act[ar + units + u] ?? 0;
      const g = act[ar + 2 * units + u] ?? 0;
      const o = act[ar + 3 * units + u] ?? 0;
      const squashed = act[ar + 4 * units + u] ?? 0;
      const dhu = (dh[sr + u] ?? 0) + (dhOut ? (dhOut[sr + u] ?? 0) : 0);
      // c' reaches the loss through the next step's c and through h' = o tanh(c').
      const dcu = (dc[sr + u] ?? 0) + dhu * o * (1 - squashed * squashed);
      dz[zr + u] = dcu * g * i * (1 - i);
      dz[zr + units + u] = dcu * (cPrev[sr + u] ?? 0) * f * (1 - f);
      dz[zr + 2 * units + u] = dcu * i * (1 - g * g);
      dz[zr + 3 * units + u] = dhu * squashed * o * (1 - o);
      dcPrev[sr + u] = dcu * f;
    }
  }
}

type KernelParams = Parameters<tfjs.KernelConfig['kernelFunc']>[0];

/**
 * Float32 outputs of the given shapes, then views of the inputs `names` (null where one is not
 * given) and of the outputs, in wasm's memory.
 */
function heapViews(params: KernelParams, names: readonly string[], shapes: readonly number[][]) {
  const backend = params.backend as unknown as WasmMemory;
  const outs = shapes.map((s) => backend.makeOutput(s, 'float32'));
  // Views are taken after allocating: an allocation can grow the memory and empty older views.
  const view = (t: tfjs.TensorInfo) => backend.typedArrayFromHeap(t) as Float32Array;
  const ins = names.map((n) => {
    const t = params.inputs[n] as tfjs.TensorInfo | undefined;
    return t ? view(t) : null;
  });
  return { outs, ins, outViews: outs.map(view) };
}

/** Registers both kernels on the started wasm backend; false when they are already there. */
export function addWasmLstmCell(tf: TF, backend = 'wasm'): boolean {
  if (tf.getKernel(LSTM_CELL, backend)) return false;
  tf.registerKernel({
    kernelName: LSTM_CELL,
    backendName: backend,
    kernelFunc: (params) => {
      const [rows = 0, units = 0] = (params.inputs['c'] as tfjs.TensorInfo).shape;
      const shapes = [
        [rows, units],
        [rows, units],
        [rows, 5 * units],
      ];
      const { outs, ins, outViews } = heapViews(params, ['z', 'zh', 'c'], shapes);
      const [z, zh, c] = ins as [Float32Array, Float32Array | null, Float32Array];
      const [h, cOut, act] = outViews as [Float32Array, Float32Array, Float32Array];
      lstmCellForward(z, zh, c, h, cOut, act, rows, units);
      return outs;
    },
  });
  tf.registerKernel({
    kernelName: LSTM_CELL_GRAD,
    backendName: backend,
    kernelFunc: (params) => {
      const [rows = 0, units = 0] = (params.inputs['dh'] as tfjs.TensorInfo).shape;
      const shapes = [
        [rows, 4 * units],
        [rows, units],
      ];
      const names = ['dh', 'dhOut', 'dc', 'act', 'cPrev'];
      const { outs, ins, outViews } = heapViews(params, names, shapes);
      const [dh, dhOut, dc, act, cPrev] = ins as [
        Float32Array,
        Float32Array | null,
        Float32Array,
        Float32Array,
        Float32Array,
      ];
      const [dz, dcPrev] = outViews as [Float32Array, Float32Array];
      lstmCellBackward(dh, dhOut, dc, act, cPrev, dz, dcPrev, rows, units);
      return outs;
    },
  });
  return true;
}
