// What each optimizer keeps per trained weight (Adam's two moments, momentum's velocity), read out
// of a program and written into a recompiled one wherever a layer kept its node id and weight
// shapes, so a structural edit mid-run does not restart the optimizer for the layers it left alone.

import type * as tfjs from '@tensorflow/tfjs';
import type { Program } from '../compile/program';
import { roleOf } from './weights';

interface SavedWeight {
  readonly shape: readonly number[];
  /** One array per slot, in the optimizer's slot order. */
  readonly slots: readonly Float32Array[];
}

/** The state of one phase's optimizer, by the layer node and weight each value belongs to. */
export interface OptimizerState {
  readonly optimizerNode: string;
  /** The optimizer node's type: a node switched from Adam to SGD starts fresh. */
  readonly optimizerType: string;
  /** Steps taken: Adam's bias correction depends on it. */
  readonly iterations: number;
  /** Slot names in tfjs's order, such as ["m", "v"] for Adam. */
  readonly slotNames: readonly string[];
  /** By `node \0 weight` ("enc1\0kernel"). */
  readonly weights: ReadonlyMap<string, SavedWeight>;
}

export interface OptimizerRestoreReport {
  /** Layer nodes whose optimizer state came over. */
  readonly kept: readonly string[];
}

interface Owner {
  readonly node: string;
  readonly key: string;
}

/** Which layer node and weight each trained variable of a program belongs to. */
function owners(program: Program): Map<tfjs.Variable, Owner> {
  const out = new Map<tfjs.Variable, Owner>();
  for (const net of program.networks.values()) {
    for (const [node, layer] of net.layers) {
      for (const weight of layer.trainableWeights) {
        const key = `${node}\u0000${roleOf(weight.originalName)}`;
        out.set(weight.read() as tfjs.Variable, { node, key });
      }
    }
  }
  return out;
}

const typeOf = (program: Program, node: string): string => program.types.index.nodes.get(node)?.type ?? '';

/**
 * Copies every optimizer's state out (asynchronously, so it is safe on WebGPU). A phase that has
 * not stepped yet, or whose saved layout is not one block per slot over its variables, is left out.
 */
export async function snapshotOptimizers(program: Program): Promise<OptimizerState[]> {
  const byVariable = owners(program);
  const out: OptimizerState[] = [];
  for (const phase of program.phases) {
    const [iterations, ...saved] = await phase.optimizer.getWeights();
    const count = iterations ? ((await iterations.tensor.data())[0] ?? 0) : 0;
    iterations?.tensor.dispose();
    const n = phase.variables.length;
    if (n === 0 || saved.length === 0 || saved.length % n !== 0) continue;
    const blocks = saved.length / n;
    // tfjs names each slot "<variable name>/<slot>", block after block in the phase's variable order.
    const slotNames: string[] = [];
    for (let b = 0; b < blocks; b++) slotNames.push(saved[b * n]?.name.split('/').pop() ?? '');
    const matches = saved.every((s, i) => {
      const variable = phase.variables[i % n];
      return variable !== undefined && s.name === `${variable.name}/${slotNames[Math.floor(i / n)]}`;
    });
    if (!matches) continue;
    const weights = new Map<string, SavedWeight>();
    for (let i = 0; i < n; i++) {
      const variable = phase.variables[i] as tfjs.Variable;
      const owner = byVariable.get(variable);
      if (!owner) continue;
      const slots: Float32Array[] = [];
      // A copy: on the cpu backend data() hands out the tensor's own storage.
      for (let b = 0; b < blocks; b++) {
        const slot = saved[b * n + i];
        if (slot) slots.push(new Float32Array(await slot.tensor.data()));
      }
      weights.set(owner.key, { shape: [...variable.shape], slots });
    }
    out.push({
      optimizerNode: phase.optimizerNode,
      optimizerType: typeOf(program, phase.optimizerNode),
      iterations: count,
      slotNames,
      weights,
    });
  }
  return out;
}

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * Gives each optimizer of a freshly compiled program the saved state of the optimizer node with
 * the same id and type: the saved values for the weights of `layers` (those whose weights were
 * kept), zeros (what the optimizer would start from) for the rest, and the saved step count.
 */
export async function restoreOptimizers(
  program: Program,
  tf: typeof tfjs,
  saved: readonly OptimizerState[],
  layers: ReadonlySet<string>,
): Promise<OptimizerRestoreReport> {
  const byVariable = owners(program);
  const kept = new Set<string>();
  for (const phase of program.phases) {
    const state = saved.find(
      (s) =>
        s.optimizerNode === phase.optimizerNode && s.optimizerType === typeOf(program, phase.optimizerNode),
    );
    if (!state || phase.variables.length === 0) continue;
    const values: { name: string; tensor: tfjs.Tensor }[] = [
      { name: 'iter', tensor: tf.scalar(state.iterations, 'int32') },
    ];
    state.slotNames.forEach((slot, b) => {
      for (const variable of phase.variables) {
        const owner = byVariable.get(variable as tfjs.Variable);
        const old = owner && layers.has(owner.node) ? state.weights.get(owner.key) : undefined;
        const reuse = old && sameShape(old.shape, variable.shape) ? old.slots[b] : undefined;
        if (reuse && owner) kept.add(owner.node);
        values.push({
          name: `${variable.name}/${slot}`,
          tensor: reuse ? tf.tensor(reuse, [...variable.shape]) : tf.zeros(variable.shape),
        });
      }
    });
    // The optimizer copies the values into variables of its own.
    await phase.optimizer.setWeights(values);
    tf.dispose(values.map((v) => v.tensor));
  }
  return { kept: [...kept] };
}
