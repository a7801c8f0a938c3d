// Tensors nodes keep across training steps (ctx.state), one small store per node, owned by the
// Trainer. A replaced tensor is freed only after the step ends, since the step's gradient
// computation may still hold it as an input.

import type * as tfjs from '@tensorflow/tfjs';
import type { NodeState } from '../types/definition';

export class NodeStates {
  private readonly kept = new Map<string, Map<string, tfjs.Tensor>>();
  private retired: tfjs.Tensor[] = [];

  constructor(private readonly tf: typeof tfjs) {}

  /** The state of one node; `writable` only for training passes, so other passes only read it. */
  view(nodeId: string, writable: boolean): NodeState {
    return {
      get: (key) => this.kept.get(nodeId)?.get(key),
      set: (key, tensor) => {
        if (!writable) return;
        let slots = this.kept.get(nodeId);
        if (!slots) this.kept.set(nodeId, (slots = new Map()));
        const old = slots.get(key);
        if (old) this.retired.push(old);
        // A copy kept out of any enclosing tf.tidy, so the node can tidy its own tensors.
        slots.set(key, this.tf.keep(this.tf.clone(tensor)));
      },
    };
  }

  /** Tensors held now, for tests and memory accounting. */
  get size(): number {
    let count = 0;
    for (const slots of this.kept.values()) count += slots.size;
    return count;
  }

  /** Frees the tensors replaced during the step that just ended. */
  endStep(): void {
    this.tf.dispose(this.retired);
    this.retired = [];
  }

  dispose(): void {
    this.endStep();
    for (const slots of this.kept.values()) this.tf.dispose([...slots.values()]);
    this.kept.clear();
  }
}
