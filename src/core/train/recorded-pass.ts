// Training passes whose random draws and batches are recorded, so the exact pass behind a
// NaN can be run again to find the node where it first appeared.

import type { PassSettings } from '../compile/evaluate';
import { subsetKey } from '../data/datasets';
import type { DataBatch, DataSubset, Rng } from '../types/definition';

class RecordingRng implements Rng {
  readonly uniforms: number[] = [];
  readonly normals: number[] = [];
  constructor(private readonly inner: Rng) {}
  next(): number {
    const v = this.inner.next();
    this.uniforms.push(v);
    return v;
  }
  normal(): number {
    const v = this.inner.normal();
    this.normals.push(v);
    return v;
  }
}

/** Hands back recorded draws in order; beyond them (never, for the same pass) it gives zeros. */
function replayRng(recorded: RecordingRng): Rng {
  let u = 0;
  let n = 0;
  return { next: () => recorded.uniforms[u++] ?? 0, normal: () => recorded.normals[n++] ?? 0 };
}

export interface RecordedPass {
  readonly settings: PassSettings;
  /** Settings that reproduce the recorded pass draw for draw. */
  replay(): PassSettings;
}

/** One batch per dataset and share of it in a pass. */
const batchKey = (dataset: string, subset?: DataSubset): string => subsetKey(dataset, subset);

export function recordPass(
  batchSize: number,
  rngFor: (nodeId: string) => Rng,
  nextBatch: (dataset: string, subset?: DataSubset) => DataBatch,
): RecordedPass {
  const rngs = new Map<string, RecordingRng>();
  const batches = new Map<string, DataBatch>();
  const settings: PassSettings = {
    mode: 'train',
    batchSize,
    rngFor(id) {
      let rng = rngs.get(id);
      if (!rng) rngs.set(id, (rng = new RecordingRng(rngFor(id))));
      return rng;
    },
    dataset(name, subset) {
      const key = batchKey(name, subset);
      let batch = batches.get(key);
      if (!batch) batches.set(key, (batch = nextBatch(name, subset)));
      return batch;
    },
  };
  return {
    settings,
    replay() {
      const replays = new Map<string, Rng>();
      return {
        mode: 'train',
        batchSize,
        rngFor(id) {
          let rng = replays.get(id);
          const recorded = rngs.get(id);
          if (!rng)
            replays.set(id, (rng = recorded ? replayRng(recorded) : { next: () => 0, normal: () => 0 }));
          return rng;
        },
        dataset(name, subset) {
          const batch = batches.get(batchKey(name, subset));
          if (!batch) throw new Error(`dataset "${name}" was not read in the recorded pass`);
          return batch;
        },
      };
    },
  };
}
