// One forward pass of a compiled program: evaluates the nodes a pass needs, in graph order,
// as plain tfjs calls. Used inside optimizer.minimize for training and on its own for previews.

import type * as tfjs from '@tensorflow/tfjs';
import type { PortRef } from '../graph/document';
import type { DataBatch, DataSubset, NodeState, Rng, RunContext, RunMode } from '../types/definition';
import type { PortType } from '../types/ports';
import { type CompiledNetwork, layerInputs, type Program } from './program';

/** For passes that keep no state across steps: nothing to read, and writes are dropped. */
export const NO_NODE_STATE: NodeState = { get: () => undefined, set: () => {} };

export const refKey = (ref: PortRef): string => `${ref.node}\u0000${ref.port}`;

export interface PassSettings {
  readonly mode: RunMode;
  readonly batchSize: number;
  /** The random stream of one node. */
  rngFor(nodeId: string): Rng;
  /** This pass's batch of a dataset, or of a share of it (the same object for every reader in the pass). */
  dataset(name: string, subset?: DataSubset): DataBatch;
  /** The state a node keeps across training steps; without it nodes keep nothing. */
  stateFor?(nodeId: string): NodeState;
}

/** Output tensors of a pass by port, each loss node's unweighted value and each metric's value. */
export interface PassValues {
  readonly values: Map<string, tfjs.Tensor>;
  readonly losses: Map<string, tfjs.Scalar>;
  readonly metrics: Map<string, tfjs.Scalar>;
}

/** Nodes a pass must evaluate to produce the given ones; a network's layers come all together. */
export function nodesNeeded(program: Program, roots: readonly string[]): Set<string> {
  const { types } = program;
  const needed = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (needed.has(id)) continue;
    needed.add(id);
    const net = types.networkOf.get(id);
    if (net !== undefined) stack.push(...(types.networks.get(net)?.members ?? []));
    for (const edge of types.index.incoming.get(id) ?? []) stack.push(edge.from.node);
  }
  return needed;
}

/** Applies a network's layers in order; `given` maps the network's input refs to tensors. */
export function applyNetwork(
  program: Program,
  net: CompiledNetwork,
  given: ReadonlyMap<string, tfjs.Tensor>,
  training: boolean,
  into: Map<string, tfjs.Tensor> = new Map(given),
): Map<string, tfjs.Tensor> {
  for (const member of net.members) {
    const layer = net.layers.get(member);
    const node = program.types.index.nodes.get(member);
    const def = node && program.registry.get(node.type);
    if (!layer || !def) continue;
    const args = layerInputs(program.types, def, member).map((ref) => {
      const value = into.get(refKey(ref));
      if (!value) throw new Error(`no value for input of layer ${member}`);
      return value;
    });
    const out = layer.apply(args.length === 1 ? (args[0] as tfjs.Tensor) : args, { training }) as tfjs.Tensor;
    into.set(refKey({ node: member, port: def.outputs[0]?.name ?? 'out' }), out);
  }
  return into;
}

/** A network with one input and one output as a function of that input, for the node `user`. */
export function networkFunction(
  program: Program,
  netId: string,
  training: boolean,
  user: string,
): (input: tfjs.Tensor) => tfjs.Tensor {
  const net = program.networks.get(netId);
  const inRef = net?.inputRefs[0];
  const outRef = net?.outputRefs[0];
  if (!net || !inRef || !outRef || net.inputRefs.length !== 1 || net.outputRefs.length !== 1)
    throw new Error(
      `node ${user} cannot apply network "${netId}": it needs one with one input and one output`,
    );
  return (input) =>
    applyNetwork(program, net, new Map([[refKey(inRef), input]]), training).get(
      refKey(outRef),
    ) as tfjs.Tensor;
}

export function runPass(
  program: Program,
  tf: typeof tfjs,
  needed: ReadonlySet<string>,
  pass: PassSettings,
): PassValues {
  const { types, registry } = program;
  const values = new Map<string, tfjs.Tensor>();
  const losses = new Map<string, tfjs.Scalar>();
  const metrics = new Map<string, tfjs.Scalar>();
  const evaluatedNetworks = new Set<string>();
  const training = pass.mode === 'train';

  for (const id of types.order) {
    if (!needed.has(id)) continue;
    const node = types.index.nodes.get(id);
    const def = node && registry.get(node.type);
    if (!node || !def) continue;
    const build = def.build;
    // Sample metrics are measured by the session now and then, never inside a pass.
    if (build.role === 'optimizer' || build.role === 'sample-metric') continue;
    if (build.role === 'layer') {
      const netId = types.networkOf.get(id);
      const net = netId === undefined ? undefined : program.networks.get(netId);
      if (!net || evaluatedNetworks.has(net.id)) continue;
      evaluatedNetworks.add(net.id);
      applyNetwork(program, net, values, training, values);
      continue;
    }
    const params = program.params.get(id) ?? {};
    const incoming = types.index.incoming.get(id) ?? [];
    const fromPort = (port: string): tfjs.Tensor[] =>
      incoming
        .filter((e) => e.to.port === port)
        .map((e) => {
          const value = values.get(refKey(e.from));
          if (!value) throw new Error(`no value reaches input "${port}" of node ${id}`);
          return value;
        });
    if (build.role === 'instance') {
      const input = fromPort('in')[0];
      if (!input) throw new Error(`instance ${id} has no input`);
      values.set(
        refKey({ node: id, port: def.outputs[0]?.name ?? 'out' }),
        networkFunction(program, build.network(params), training, id)(input),
      );
      continue;
    }
    const ctx: RunContext<Record<string, never>> = {
      tf,
      params: params as never,
      mode: pass.mode,
      batchSize: pass.batchSize,
      rng: pass.rngFor(id),
      nodeId: id,
      state: pass.stateFor?.(id) ?? NO_NODE_STATE,
      input(port) {
        const value = fromPort(port)[0];
        if (!value) throw new Error(`input "${port}" of node ${id} is not connected`);
        return value;
      },
      maybeInput: (port) => fromPort(port)[0],
      inputs: fromPort,
      outputType: (port) => types.outputs.get(id)?.[port] as PortType,
      dataset: pass.dataset,
      network: (netId) => networkFunction(program, netId, training, id),
    };
    if (build.role === 'loss') {
      const term = build.run(ctx);
      losses.set(id, term);
      values.set(refKey({ node: id, port: def.outputs[0]?.name ?? 'loss' }), term);
      continue;
    }
    if (build.role === 'metric') {
      metrics.set(id, build.run(ctx));
      continue;
    }
    const outputs = build.run(ctx);
    for (const [port, tensor] of Object.entries(outputs)) values.set(refKey({ node: id, port }), tensor);
  }
  return { values, losses, metrics };
}
