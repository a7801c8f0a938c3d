// Editor-side costs for `npm run bench`: re-inferring a large graph and loading a dataset.

import { NODE_REGISTRY } from '../../nodes';
import { inferGraph } from '../../src/core/infer';
import { median, quantile, round, timeRuns } from './bench-stats';
import { loadDataset } from './node-data';
import { syntheticGraph } from './synthetic-graph';

export interface InferenceResult {
  nodes: number;
  edges: number;
  runs: number;
  medianMs: number;
  p95Ms: number;
  /** The fastest run: the cost when nothing else competes for the CPU. */
  minMs: number;
  /** Issues of severity error; a non-zero count means the timing is of a broken graph. */
  errors: number;
}

export interface DataResult {
  fashionTrainLoadMs: number;
  runs: number;
}

/** Median and 95th percentile of inferGraph on a synthetic graph of `nodes` nodes. */
export async function benchInference(nodes = 500, runs = 300): Promise<InferenceResult> {
  const doc = syntheticGraph(nodes);
  const types = inferGraph(doc, NODE_REGISTRY);
  // Warm-up lets the JIT settle, as it has in an editor that re-infers on every edit.
  const times = await timeRuns(runs, 30, () => inferGraph(doc, NODE_REGISTRY));
  return {
    nodes: doc.nodes.length,
    edges: doc.edges.length,
    runs,
    medianMs: round(median(times)),
    p95Ms: round(quantile(times, 0.95)),
    minMs: round(Math.min(...times)),
    errors: types.issues.filter((i) => i.severity === 'error').length,
  };
}

/** Median time to read and parse the Fashion-MNIST training split from the data folder. */
export async function benchDataLoad(runs = 5): Promise<DataResult> {
  const times = await timeRuns(runs, 0, () => loadDataset('fashion', 'train'));
  return { fashionTrainLoadMs: round(median(times)), runs };
}
