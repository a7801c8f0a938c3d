// A small fake RunContext for node tests: hands given tensors to a definition's run() on the
// cpu backend, with a seeded rng, and checks that no test leaves tensors behind.

import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { subsetKey } from '../../src/core/data/datasets';
import { createRng } from '../../src/core/data/rng';
import { inferNode, paramsWithDefaults } from '../../src/core/infer/context';
import type {
  AnyNodeDefinition,
  DataBatch,
  NodeState,
  RunContext,
  RunMode,
} from '../../src/core/types/definition';
import type { ParamValue } from '../../src/core/types/params';
import { labelsType, tensorType, type PortType } from '../../src/core/types/ports';

export { tf };

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

export interface FakeRun {
  readonly params?: Readonly<Record<string, ParamValue>>;
  /** Tensors by input port; an array for a `multiple` port. */
  readonly inputs?: Readonly<Record<string, tf.Tensor | readonly tf.Tensor[]>>;
  readonly mode?: RunMode;
  readonly batchSize?: number;
  readonly seed?: number;
  /** Batches by dataset name, or by subsetKey ("name@fraction", "name@1#5,7,9") for a share of it. */
  readonly datasets?: Readonly<Record<string, DataBatch>>;
  /** Classes of int32 label inputs, for inferring output types (default 10). */
  readonly classes?: number;
  /** The node's kept state (e.g. a NodeStates view); by default it keeps nothing. */
  readonly state?: NodeState;
  /** Networks a node may apply (ctx.network), as functions of their input. */
  readonly networks?: Readonly<Record<string, (input: tf.Tensor) => tf.Tensor>>;
}

/** The per-sample type a batch tensor carries: int32 rank-1 tensors are labels. */
function typeOf(t: tf.Tensor, classes: number): PortType {
  return t.dtype === 'int32' && t.rank === 1 ? labelsType(classes) : tensorType(t.shape.slice(1));
}

export function fakeRunContext(def: AnyNodeDefinition, run: FakeRun = {}): RunContext<never> {
  const inputs = run.inputs ?? {};
  const params = paramsWithDefaults(def, run.params ?? {});
  const list = (port: string): readonly tf.Tensor[] => {
    const value = inputs[port];
    if (value === undefined) return [];
    return value instanceof tf.Tensor ? [value] : (value as readonly tf.Tensor[]);
  };
  let outputs: Readonly<Record<string, PortType>> | null | undefined;
  return {
    tf,
    params: params as never,
    mode: run.mode ?? 'train',
    batchSize: run.batchSize ?? 4,
    rng: createRng(run.seed ?? 1),
    nodeId: 'n1',
    state: run.state ?? { get: () => undefined, set: () => {} },
    input(port) {
      const [first] = list(port);
      if (first === undefined) throw new Error(`fake run: input "${port}" is not connected`);
      return first;
    },
    maybeInput: (port) => list(port)[0],
    inputs: list,
    outputType(port) {
      if (outputs === undefined) {
        const types = Object.fromEntries(
          Object.keys(inputs).map((port) => [port, list(port).map((t) => typeOf(t, run.classes ?? 10))]),
        );
        outputs = inferNode(def, { nodeId: 'n1', params, inputs: types }).outputs;
      }
      const type = outputs?.[port];
      if (type === undefined) throw new Error(`fake run: no inferred type for output "${port}"`);
      return type;
    },
    dataset(name, subset) {
      const key = subsetKey(name, subset);
      const batch = run.datasets?.[key];
      if (batch === undefined) throw new Error(`fake run: dataset "${key}" was not given`);
      return batch;
    },
    network(id) {
      const apply = run.networks?.[id];
      if (apply === undefined) throw new Error(`fake run: network "${id}" was not given`);
      return apply;
    },
  };
}

/** Runs a source or op node and returns its output tensors. */
export function runNode(def: AnyNodeDefinition, run: FakeRun = {}): Readonly<Record<string, tf.Tensor>> {
  const build = def.build;
  if (build.role !== 'op' && build.role !== 'source') throw new Error(`${def.type} is not an op or source`);
  return build.run(fakeRunContext(def, run));
}

/** Runs a loss or metric node and returns its scalar. */
export function runLoss(def: AnyNodeDefinition, run: FakeRun = {}): tf.Scalar {
  const build = def.build;
  if (build.role !== 'loss' && build.role !== 'metric')
    throw new Error(`${def.type} is not a loss or metric`);
  return build.run(fakeRunContext(def, run));
}

/** Runs a loss or metric and reads its value, disposing everything it made. */
export async function lossValue(def: AnyNodeDefinition, run: FakeRun = {}): Promise<number> {
  const loss = runLoss(def, run);
  const [value] = await loss.data();
  loss.dispose();
  return value ?? Number.NaN;
}

/** Reads a tensor's values as a plain array. */
export async function values(t: tf.Tensor): Promise<number[]> {
  return Array.from(await t.data());
}

/**
 * Runs `body` and fails if it leaves more tensors alive than before; the body disposes what it
 * creates (inputs and outputs alike).
 */
export async function withoutLeaks(body: () => Promise<void> | void): Promise<void> {
  const before = tf.memory().numTensors;
  await body();
  expect(tf.memory().numTensors, 'tensors left alive by the test').toBe(before);
}
