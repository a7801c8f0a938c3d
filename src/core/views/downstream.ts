// Evaluates the part of a compiled graph that lies downstream of one port, with given values on
// that port: decoding chosen codes (interpolations, traversals) through whatever follows a coding
// layer or a sampled z. Layers are applied one by one, so a network can be entered at any member
// (the rest of an autoencoder from its coding layer onward); nothing upstream of the port runs
// unless an output also needs it through another path.

import type * as tfjs from '@tensorflow/tfjs';
import { applyNetwork, networkFunction, NO_NODE_STATE, type PassSettings, refKey } from '../compile/evaluate';
import { layerInputs, type Program } from '../compile/program';
import type { PortRef } from '../graph/document';
import type { RunContext } from '../types/definition';
import type { PortType } from '../types/ports';

export interface DownstreamRequest {
  /** The port whose values are given. */
  readonly given: PortRef;
  /** Its values, batch first; the batch size of everything evaluated. */
  readonly value: tfjs.Tensor;
  /** The ports wanted. */
  readonly outputs: readonly PortRef[];
  /** Random streams and data for any node that needs them (its batch size must match). */
  readonly pass: PassSettings;
}

export interface DownstreamValues {
  /** The wanted outputs, in the order asked; free them (or call inside tf.tidy). */
  readonly outputs: tfjs.Tensor[];
  /** Nodes that ran, in evaluation order. */
  readonly evaluated: readonly string[];
}

/**
 * Nodes to run for `outputs` when `given` is known: everything they read, walking back along
 * edges but never through an edge that leaves `given`. In evaluation order.
 */
export function downstreamNodes(program: Program, given: PortRef, outputs: readonly PortRef[]): string[] {
  const { types } = program;
  const needed = new Set<string>();
  const stack = outputs
    .filter((ref) => ref.node !== given.node || ref.port !== given.port)
    .map((r) => r.node);
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (needed.has(id)) continue;
    needed.add(id);
    for (const edge of types.index.incoming.get(id) ?? []) {
      if (edge.from.node === given.node && edge.from.port === given.port) continue;
      stack.push(edge.from.node);
    }
  }
  return types.order.filter((id) => needed.has(id));
}

/** Runs one node that is not a layer, as a training pass would (losses and metrics give a scalar). */
function runNode(
  program: Program,
  tf: typeof tfjs,
  id: string,
  values: Map<string, tfjs.Tensor>,
  pass: PassSettings,
): void {
  const { types, registry } = program;
  const node = types.index.nodes.get(id);
  const def = node && registry.get(node.type);
  if (!node || !def) throw new Error(`node "${id}" has no definition`);
  const build = def.build;
  const incoming = types.index.incoming.get(id) ?? [];
  const fromPort = (port: string): tfjs.Tensor[] =>
    incoming
      .filter((e) => e.to.port === port)
      .map((e) => {
        const value = values.get(refKey(e.from));
        if (!value) throw new Error(`no value reaches input "${port}" of node ${id}`);
        return value;
      });
  const firstOutput = def.outputs[0]?.name ?? 'out';
  if (build.role === 'optimizer' || build.role === 'sample-metric') return;
  if (build.role === 'layer') {
    const net = program.networks.get(types.networkOf.get(id) ?? '');
    const layer = net?.layers.get(id);
    if (!layer) throw new Error(`layer ${id} was not compiled`);
    const args = layerInputs(types, def, id).map((ref) => {
      const value = values.get(refKey(ref));
      if (!value) throw new Error(`no value for input of layer ${id}`);
      return value;
    });
    const out = layer.apply(args.length === 1 ? (args[0] as tfjs.Tensor) : args, { training: false });
    values.set(refKey({ node: id, port: firstOutput }), out as tfjs.Tensor);
    return;
  }
  const params = program.params.get(id) ?? {};
  if (build.role === 'instance') {
    const net = program.networks.get(build.network(params));
    const input = fromPort('in')[0];
    const inRef = net?.inputRefs[0];
    const outRef = net?.outputRefs[0];
    if (!net || !input || !inRef || !outRef) throw new Error(`instance ${id} cannot apply its network`);
    const result = applyNetwork(program, net, new Map([[refKey(inRef), input]]), false);
    values.set(refKey({ node: id, port: firstOutput }), result.get(refKey(outRef)) as tfjs.Tensor);
    return;
  }
  const ctx: RunContext<Record<string, never>> = {
    tf,
    params: params as never,
    mode: pass.mode,
    batchSize: pass.batchSize,
    rng: pass.rngFor(id),
    nodeId: id,
    state: NO_NODE_STATE,
    input(port) {
      const value = fromPort(port)[0];
      if (!value) throw new Error(`input "${port}" of node ${id} is not connected`);
      return value;
    },
    maybeInput: (port) => fromPort(port)[0],
    inputs: fromPort,
    outputType: (port) => types.outputs.get(id)?.[port] as PortType,
    dataset: pass.dataset,
    network: (netId) => networkFunction(program, netId, false, id),
  };
  if (build.role === 'loss' || build.role === 'metric') {
    values.set(refKey({ node: id, port: firstOutput }), build.run(ctx));
    return;
  }
  for (const [port, tensor] of Object.entries(build.run(ctx))) values.set(refKey({ node: id, port }), tensor);
}

/** The wanted outputs with `given` set to `value`; call inside tf.tidy or free the outputs. */
export function evaluateDownstream(
  program: Program,
  tf: typeof tfjs,
  request: DownstreamRequest,
): DownstreamValues {
  const { given, value, outputs, pass } = request;
  const givenType = program.types.outputs.get(given.node)?.[given.port];
  if (givenType?.kind !== 'tensor') throw new Error(`${given.node}.${given.port} is not a tensor output`);
  const expected = JSON.stringify(givenType.shape);
  if (JSON.stringify(value.shape.slice(1)) !== expected) {
    throw new Error(
      `values for ${given.node}.${given.port} have shape [${value.shape.join(',')}], expected [B,${givenType.shape.join(',')}]`,
    );
  }
  const key = refKey(given);
  const values = new Map<string, tfjs.Tensor>([[key, value]]);
  const evaluated = downstreamNodes(program, given, outputs);
  for (const id of evaluated) {
    runNode(program, tf, id, values, pass);
    // The given node may run for another of its outputs; the given values still stand.
    if (id === given.node) values.set(key, value);
  }
  return {
    evaluated,
    outputs: outputs.map((ref) => {
      const out = values.get(refKey(ref));
      if (!out)
        throw new Error(
          `${ref.node}.${ref.port} does not depend on the graph past ${given.node}.${given.port}`,
        );
      return out;
    }),
  };
}
