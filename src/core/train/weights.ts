// Layer weights as plain arrays, keyed by node id: read out of a program, and written back into a
// recompiled one wherever a layer kept its node id and weight shapes (a structural edit mid-run).

import type * as tfjs from '@tensorflow/tfjs';
import type { Program } from '../compile/program';

export interface WeightValue {
  /** The variable's role inside its layer, e.g. "kernel" or "bias". */
  readonly role: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  readonly values: Float32Array | Int32Array;
}

export interface LayerWeights {
  readonly node: string;
  readonly network: string;
  readonly weights: readonly WeightValue[];
}

/** Every weighted layer of a program, in network then evaluation order. */
export type WeightSnapshot = readonly LayerWeights[];

export interface RestoreReport {
  /** Layer nodes whose weights came from the snapshot. */
  readonly kept: readonly string[];
  /** Layer nodes with weights that start fresh: new, or their shapes changed. */
  readonly fresh: readonly string[];
}

/** A variable's role inside its layer: "dense_Dense1/kernel" -> "kernel". */
export const roleOf = (name: string): string => name.split('/').pop() ?? name;

/** Copies every layer's weights out (asynchronously, so it is safe on WebGPU). */
export async function snapshotWeights(program: Program): Promise<WeightSnapshot> {
  const out: LayerWeights[] = [];
  for (const net of program.networks.values()) {
    for (const [node, layer] of net.layers) {
      if (layer.weights.length === 0) continue;
      const weights = await Promise.all(
        layer.weights.map(async (variable): Promise<WeightValue> => {
          const raw = await variable.read().data();
          // A copy: on the cpu backend data() hands out the tensor's own storage.
          const values = variable.dtype === 'int32' ? new Int32Array(raw) : new Float32Array(raw);
          return {
            role: roleOf(variable.originalName),
            shape: [...variable.shape] as number[],
            dtype: variable.dtype === 'int32' ? 'int32' : 'float32',
            values,
          };
        }),
      );
      out.push({ node, network: net.id, weights });
    }
  }
  return out;
}

const sameShapes = (layer: tfjs.layers.Layer, saved: LayerWeights): boolean =>
  layer.weights.length === saved.weights.length &&
  layer.weights.every((v, i) => {
    const shape = saved.weights[i]?.shape ?? [];
    return v.shape.length === shape.length && v.shape.every((d, j) => d === shape[j]);
  });

/** Writes saved weights into every layer whose node id and weight shapes match; the rest keep theirs. */
export function restoreWeights(program: Program, tf: typeof tfjs, snapshot: WeightSnapshot): RestoreReport {
  const byNode = new Map(snapshot.map((s) => [s.node, s]));
  const kept: string[] = [];
  const fresh: string[] = [];
  for (const net of program.networks.values()) {
    for (const [node, layer] of net.layers) {
      if (layer.weights.length === 0) continue;
      const saved = byNode.get(node);
      if (!saved || !sameShapes(layer, saved)) {
        fresh.push(node);
        continue;
      }
      const tensors = saved.weights.map((w) => tf.tensor(w.values, [...w.shape], w.dtype));
      layer.setWeights(tensors);
      tf.dispose(tensors);
      kept.push(node);
    }
  }
  return { kept, fresh };
}

/** The buffers of a snapshot, to hand over as transferables. */
export function snapshotBuffers(snapshot: WeightSnapshot): ArrayBuffer[] {
  return snapshot.flatMap((l) => l.weights.map((w) => w.values.buffer as ArrayBuffer));
}
