// Test helpers for layer nodes: run a definition's infer, build its real tfjs layer and read the
// symbolic output shape tfjs computes, so tests can hold the two against each other.

import * as tf from '@tensorflow/tfjs';
import { inferNode, type NodeInferResult, paramsWithDefaults } from '../../src/core/infer/context';
import type { AnyNodeDefinition, LayerBuildContext } from '../../src/core/types/definition';
import type { GraphIssue } from '../../src/core/types/issues';
import type { ParamValue } from '../../src/core/types/params';
import { labelsType, type PortType, tensorType } from '../../src/core/types/ports';

export type Params = Readonly<Record<string, ParamValue>>;

export const vec = (n: number): PortType => tensorType([n]);
export const seq = (t: number, n: number): PortType => tensorType([t, n]);
export const img = (h: number, w: number, c: number): PortType => tensorType([h, w, c]);
export const labels = (classes: number): PortType => labelsType(classes);

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
}

/** Every input type goes on the port "in" (the only input port of every layer node). */
export function runInfer(
  def: AnyNodeDefinition,
  params: Params,
  inputs: readonly PortType[],
): NodeInferResult {
  return inferNode(def, { nodeId: 'n1', params, inputs: { in: inputs } });
}

/** The per-sample output shape; fails the test with the issue text when inference errs. */
export function inferredShape(def: AnyNodeDefinition, params: Params, inputs: readonly PortType[]): number[] {
  const result = runInfer(def, params, inputs);
  const out = result.outputs?.out;
  if (out?.kind !== 'tensor') {
    throw new Error(`${def.type} did not infer a tensor: ${result.issues.map((i) => i.message).join('; ')}`);
  }
  return [...out.shape];
}

/** The one error inference reports; fails the test when it reports none. */
export function inferError(def: AnyNodeDefinition, params: Params, inputs: readonly PortType[]): GraphIssue {
  const result = runInfer(def, params, inputs);
  const error = result.issues.find((i) => i.severity === 'error');
  if (!error || result.outputs !== null) throw new Error(`${def.type} inferred without an error`);
  return error;
}

export function warningCodes(def: AnyNodeDefinition, params: Params, inputs: readonly PortType[]): string[] {
  return runInfer(def, params, inputs)
    .issues.filter((i) => i.severity === 'warning')
    .map((i) => i.code);
}

let layerCount = 0;

/** Builds the node's real tfjs layer as the compiler would, with a fresh unique name. */
export function buildLayer(
  def: AnyNodeDefinition,
  params: Params,
  inputs: readonly PortType[],
  seed = 7,
): tf.layers.Layer {
  if (def.build.role !== 'layer') throw new Error(`${def.type} is not a layer node`);
  layerCount += 1;
  const ctx: LayerBuildContext = { tf, seed, name: `test_layer_${layerCount}`, inputTypes: inputs };
  return def.build.layer(ctx, paramsWithDefaults(def, params));
}

/** A symbolic model input for one port type: labels are one int32 per sample. */
export function symbolicInput(type: PortType): tf.SymbolicTensor {
  if (type.kind === 'labels') return tf.input({ shape: [], dtype: 'int32' });
  if (type.kind !== 'tensor') throw new Error(`no symbolic input for ${type.kind}`);
  return tf.input({ shape: [...type.shape] });
}

/** The output shape tfjs computes when the built layer is applied to symbolic inputs (batch is null). */
export function builtShape(
  def: AnyNodeDefinition,
  params: Params,
  inputs: readonly PortType[],
): readonly (number | null)[] {
  const layer = buildLayer(def, params, inputs);
  const symbols = inputs.map(symbolicInput);
  const out = layer.apply(symbols.length === 1 ? symbols[0]! : symbols) as tf.SymbolicTensor;
  const shape = [...out.shape];
  layer.dispose();
  return shape;
}

/** The shape inference promises, in tfjs's form: null for the batch, then the per-sample shape. */
export function expectedBuiltShape(
  def: AnyNodeDefinition,
  params: Params,
  inputs: readonly PortType[],
): (number | null)[] {
  return [null, ...inferredShape(def, params, inputs)];
}

/** Every combination of the given option lists, as objects. */
export function combinations<T extends Record<string, readonly unknown[]>>(
  options: T,
): { [K in keyof T]: T[K][number] }[] {
  let out: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(options)) {
    out = out.flatMap((partial) => values.map((value) => ({ ...partial, [key]: value })));
  }
  return out as { [K in keyof T]: T[K][number] }[];
}
