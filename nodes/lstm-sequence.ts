// The LSTM layer's forward and backward pass over a whole sequence, written by hand. tfjs-layers
// runs its LSTM cell step by step and lets autodiff record every op: about 45 kernels per time
// step forward and back, which on wasm cost more than the arithmetic (the recurrent autoencoder:
// 5,800 kernels a training step). Here the input projection of all steps is one matrix product,
// each step is one product and one cell kernel (src/core/train/lstm-cell.ts) where the backend
// has it, and the weight gradients are one product each over the stacked steps.

import type * as tfjs from '@tensorflow/tfjs';
import { LSTM_CELL, LSTM_CELL_GRAD } from '../src/core/train/lstm-cell';
import type { TF } from '../src/core/types/definition';

type T = tfjs.Tensor;

/**
 * A cell step: the backend's fused kernels, or the same math in tfjs ops. The forward takes the
 * pre-activations as two parts to add (zh: the recurrent product), the backward the gradient of h
 * as two (dhOut: the step's own output's), either missing.
 */
interface CellOps {
  forward(z: T, zh: T | undefined, c: T): [h: T, c: T, act: T];
  backward(dh: T, dhOut: T | undefined, dc: T, act: T, cPrev: T): [dz: T, dcPrev: T];
}

function fusedCell(tf: TF): CellOps {
  const run = (name: string, inputs: Record<string, T | undefined>) => {
    const given = Object.fromEntries(Object.entries(inputs).filter(([, t]) => t !== undefined));
    return tf.engine().runKernel(name, given as tfjs.NamedTensorMap) as unknown as T[];
  };
  return {
    forward: (z, zh, c) => run(LSTM_CELL, { z, zh, c }) as [T, T, T],
    backward: (dh, dhOut, dc, act, cPrev) => run(LSTM_CELL_GRAD, { dh, dhOut, dc, act, cPrev }) as [T, T],
  };
}

function opsCell(tf: TF): CellOps {
  return {
    forward(zx, zh, c) {
      const z = zh ? tf.add(zx, zh) : zx;
      const [zi, zf, zg, zo] = tf.split(z, 4, 1) as [T, T, T, T];
      const [i, f, g, o] = [tf.sigmoid(zi), tf.sigmoid(zf), tf.tanh(zg), tf.sigmoid(zo)];
      const next = tf.add(tf.mul(f, c), tf.mul(i, g));
      const squashed = tf.tanh(next);
      return [tf.mul(o, squashed), next, tf.concat([i, f, g, o, squashed], 1)];
    },
    backward(dhStep, dhOut, dc, act, cPrev) {
      const dh = dhOut ? tf.add(dhStep, dhOut) : dhStep;
      const [i, f, g, o, squashed] = tf.split(act, 5, 1) as [T, T, T, T, T];
      const slope = (s: T) => tf.mul(s, tf.sub(1, s)); // σ' from σ
      const dcAll = tf.add(dc, tf.mul(tf.mul(dh, o), tf.sub(1, tf.square(squashed))));
      const dz = tf.concat(
        [
          tf.mul(tf.mul(dcAll, g), slope(i)),
          tf.mul(tf.mul(dcAll, cPrev), slope(f)),
          tf.mul(tf.mul(dcAll, i), tf.sub(1, tf.square(g))),
          tf.mul(tf.mul(dh, squashed), slope(o)),
        ],
        1,
      );
      return [dz, tf.mul(dcAll, f)];
    },
  };
}

type Sequence = (x: T, kernel: T, recurrentKernel: T, bias: T) => T;
const made = new WeakMap<TF, Map<boolean, Sequence>>();

/**
 * LSTM over x [B, t, n] with Keras's weights (kernel [n, 4H], recurrent_kernel [H, 4H], bias [4H],
 * gates i, f, g, o), zero initial state, sigmoid gates and tanh: the outputs [B, t, H] or the last
 * one [B, H].
 */
export function lstmSequence(tf: TF, returnSequences: boolean): Sequence {
  const forTf = made.get(tf) ?? new Map<boolean, Sequence>();
  made.set(tf, forTf);
  const known = forTf.get(returnSequences);
  if (known) return known;
  const cellOps = () => (tf.getKernel(LSTM_CELL, tf.getBackend()) ? fusedCell(tf) : opsCell(tf));

  const sequence = tf.customGrad((...args: (T | tfjs.GradSaveFunc)[]) => {
    const [x, kernel, recurrentKernel, bias, save] = args as [T, T, T, T, tfjs.GradSaveFunc];
    const [batch = 0, steps = 0, features = 0] = x.shape;
    const units = recurrentKernel.shape[0] ?? 0;
    const cell = cellOps();
    // Time-major rows: the input projection of every step in one product.
    const xRows = tf.reshape(tf.transpose(x, [1, 0, 2]), [steps * batch, features]);
    const zx = tf.unstack(tf.reshape(tf.add(tf.matMul(xRows, kernel), bias), [steps, batch, 4 * units]));
    const hs: T[] = [];
    const cs: T[] = [];
    const acts: T[] = [];
    let c = tf.zeros([batch, units]);
    for (let t = 0; t < steps; t++) {
      const previous = hs[t - 1];
      const zh = previous && tf.matMul(previous, recurrentKernel);
      const [h, next, act] = cell.forward(zx[t] as T, zh, c);
      hs.push(h);
      cs.push(next);
      acts.push(act);
      c = next;
    }
    const last = hs[steps - 1] ?? tf.zeros([batch, units]);
    save([xRows, kernel, recurrentKernel, tf.stack(hs), tf.stack(cs), tf.stack(acts)]);
    return {
      value: returnSequences ? tf.stack(hs, 1) : last,
      gradFunc: (dy, saved) => {
        const [rows, w, u, hStack, cStack, actStack] = saved as [T, T, T, T, T, T];
        // Differentiating this gradient again (a gradient penalty) needs ops, not kernels.
        const back = tf.engine().state.gradientDepth > 0 ? opsCell(tf) : cellOps();
        const dOut = Array.isArray(dy) ? (dy[0] as T) : dy;
        const dys = returnSequences ? tf.unstack(tf.transpose(dOut, [1, 0, 2])) : [];
        const cAt = tf.unstack(cStack);
        const actAt = tf.unstack(actStack);
        const zero = tf.zeros([batch, units]);
        const uT = tf.transpose(u); // once, not at every step's product
        const dzs: T[] = new Array<T>(steps);
        // The last step's h gets only the output's gradient; earlier ones also the next step's.
        let dh = returnSequences ? (dys[steps - 1] as T) : dOut;
        let dc = zero;
        for (let t = steps - 1; t >= 0; t--) {
          const dhOut = t < steps - 1 && returnSequences ? dys[t] : undefined;
          const [dz, dcPrev] = back.backward(dh, dhOut, dc, actAt[t] as T, cAt[t - 1] ?? zero);
          dzs[t] = dz;
          dc = dcPrev;
          dh = t > 0 ? tf.matMul(dz, uT) : dh;
        }
        const dzRows = tf.reshape(tf.stack(dzs), [steps * batch, 4 * units]);
        const dx = tf.transpose(
          tf.reshape(tf.matMul(dzRows, w, false, true), [steps, batch, features]),
          [1, 0, 2],
        );
        const dKernel = tf.matMul(rows, dzRows, true, false);
        // A sum over rows as a product with a row of ones: wasm's Sum over a leading axis first
        // transposes its input with a slow general loop (3 ms here), its matrix product is fast.
        const dBias = tf.reshape(tf.matMul(tf.ones([1, steps * batch]), dzRows), [4 * units]);
        // Step t's recurrent product used h of step t - 1; the first step had none.
        const dRecurrent =
          steps < 2
            ? tf.zerosLike(u)
            : tf.matMul(
                tf.reshape(tf.slice(hStack, [0, 0, 0], [steps - 1, batch, units]), [-1, units]),
                tf.slice(dzRows, [batch, 0], [(steps - 1) * batch, 4 * units]),
                true,
                false,
              );
        return [dx, dKernel, dRecurrent, dBias];
      },
    };
  }) as Sequence;
  forTf.set(returnSequences, sequence);
  return sequence;
}

interface LstmWeights {
  readonly kernel: { read(): T };
  readonly recurrentKernel: { read(): T };
  readonly bias: { read(): T };
}

/**
 * Makes tfjs's LSTM layer `layer` run its calls through lstmSequence. The layer stays tfjs's own
 * (its weights, its saved form); calls this does not cover (a mask or an initial state, or inside
 * a gradient that is itself differentiated) go to its own call.
 */
export function withHandWrittenPass(tf: TF, layer: tfjs.layers.RNN): tfjs.layers.RNN {
  const own = layer.call.bind(layer);
  const sequence = lstmSequence(tf, layer.returnSequences);
  const cell = layer.cell as unknown as LstmWeights;
  layer.call = (inputs, kwargs) => {
    if (kwargs?.['mask'] || kwargs?.['initialState'] || tf.engine().state.gradientDepth > 1) {
      return own(inputs, kwargs);
    }
    const x = Array.isArray(inputs) ? (inputs[0] as T) : inputs;
    return sequence(x, cell.kernel.read(), cell.recurrentKernel.read(), cell.bias.read());
  };
  return layer;
}
