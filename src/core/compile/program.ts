// Graph -> Program: builds every network's layers once (one tf.LayersModel each, the unit of
// weight sharing and export) and one training phase per optimizer node.

import type * as tfjs from '@tensorflow/tfjs';
import { deriveSeed } from '../data/rng';
import type { GraphDocument, PortRef } from '../graph/document';
import {
  type GraphTypes,
  inferGraph,
  optimizerLosses,
  optimizerNetworks,
  paramsWithDefaults,
} from '../infer';
import type { AnyNodeDefinition, NodeRegistry, TF } from '../types/definition';
import type { GraphIssue } from '../types/issues';
import type { ParamValue } from '../types/params';
import type { PortType } from '../types/ports';

export interface CompiledNetwork {
  readonly id: string;
  readonly name: string;
  /** Member node ids in evaluation order. */
  readonly members: readonly string[];
  /** The outside outputs the network reads, in the order of the model's inputs. */
  readonly inputRefs: readonly PortRef[];
  /** The member outputs offered outside, in the order of the model's outputs. */
  readonly outputRefs: readonly PortRef[];
  /** Each member's tfjs layer; applying them in order evaluates the network. */
  readonly layers: ReadonlyMap<string, tfjs.layers.Layer>;
  /** The same layers as a standard model, for export and weight listing. */
  readonly model: tfjs.LayersModel;
}

export interface Phase {
  readonly optimizerNode: string;
  /** Loss nodes it minimises (their weighted sum). */
  readonly losses: readonly string[];
  readonly networks: readonly string[];
  readonly optimizer: tfjs.Optimizer;
  readonly variables: readonly tfjs.Variable[];
}

export interface Program {
  readonly doc: GraphDocument;
  readonly registry: NodeRegistry;
  readonly types: GraphTypes;
  readonly networks: ReadonlyMap<string, CompiledNetwork>;
  readonly phases: readonly Phase[];
  /** Datasets read by source nodes, to load before training. */
  readonly datasets: readonly string[];
  /** Live params by node: the trainer edits these without recompiling. */
  readonly params: Map<string, Record<string, ParamValue>>;
  dispose(): void;
}

export class CompileError extends Error {
  constructor(readonly issues: readonly GraphIssue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    super(
      `the graph has ${errors.length} error${errors.length === 1 ? '' : 's'}: ` +
        errors
          .slice(0, 3)
          .map((i) => (i.node ? `${i.node}: ${i.message}` : i.message))
          .join('; '),
    );
  }
}

/** A tfjs layer name: unique, and made only of characters tfjs accepts. */
const layerName = (nodeId: string, index: number): string =>
  `${nodeId.replace(/[^A-Za-z0-9_]/g, '_')}_${index}`;

function buildNetwork(
  tf: TF,
  types: GraphTypes,
  registry: NodeRegistry,
  id: string,
  seed: number,
  counter: { next: number },
): CompiledNetwork | null {
  const net = types.networks.get(id);
  if (!net || net.members.length === 0) return null;
  const members = types.order.filter((n) => types.networkOf.get(n) === id);
  const symbolic = new Map<string, tfjs.SymbolicTensor>();
  const key = (ref: PortRef): string => `${ref.node}\u0000${ref.port}`;
  const typeOf = (ref: PortRef): PortType | undefined => types.outputs.get(ref.node)?.[ref.port];
  const inputs = net.inputRefs.map((ref) => {
    const type = typeOf(ref);
    const input =
      type?.kind === 'labels'
        ? tf.input({ shape: [], dtype: 'int32' })
        : tf.input({ shape: type?.kind === 'tensor' ? [...type.shape] : [] });
    symbolic.set(key(ref), input);
    return input;
  });
  const layers = new Map<string, tfjs.layers.Layer>();
  for (const member of members) {
    const node = types.index.nodes.get(member);
    const def = node && registry.get(node.type);
    if (!node || def?.build.role !== 'layer') continue;
    const args = layerInputs(types, def, member).map((ref) => symbolic.get(key(ref)) as tfjs.SymbolicTensor);
    const layer = def.build.layer(
      {
        tf,
        seed: deriveSeed(seed, member),
        name: layerName(member, counter.next++),
        inputTypes: layerInputs(types, def, member).map((ref) => typeOf(ref) as PortType),
      },
      paramsWithDefaults(def, node.params),
    );
    const out = layer.apply(args.length === 1 ? (args[0] as tfjs.SymbolicTensor) : args);
    symbolic.set(key({ node: member, port: def.outputs[0]?.name ?? 'out' }), out as tfjs.SymbolicTensor);
    layers.set(member, layer);
  }
  const outputs = net.outputRefs.map((ref) => symbolic.get(key(ref)) as tfjs.SymbolicTensor);
  const model = tf.model({ inputs, outputs, name: layerName(`net_${id}`, counter.next++) });
  return { id, name: net.name, members, inputRefs: net.inputRefs, outputRefs: net.outputRefs, layers, model };
}

/** Where a node's inputs come from, in port order then edge order. */
export function layerInputs(types: GraphTypes, def: AnyNodeDefinition, nodeId: string): PortRef[] {
  const incoming = types.index.incoming.get(nodeId) ?? [];
  return def.inputs.flatMap((spec) => incoming.filter((e) => e.to.port === spec.name).map((e) => e.from));
}

export function compileProgram(doc: GraphDocument, registry: NodeRegistry, tf: TF): Program {
  const types = inferGraph(doc, registry);
  if (types.hasErrors) throw new CompileError(types.issues);
  const counter = { next: 0 };
  const networks = new Map<string, CompiledNetwork>();
  for (const id of types.networks.keys()) {
    const built = buildNetwork(tf, types, registry, id, doc.training.seed, counter);
    if (built) networks.set(id, built);
  }

  const params = new Map<string, Record<string, ParamValue>>();
  const datasets = new Set<string>();
  for (const node of doc.nodes) {
    const def = registry.get(node.type);
    if (!def) continue;
    const values = paramsWithDefaults(def, node.params);
    params.set(node.id, values);
    if (def.build.role === 'source')
      for (const name of def.build.datasets?.(values) ?? []) datasets.add(name);
  }

  const phases: Phase[] = [];
  for (const id of types.order) {
    const node = types.index.nodes.get(id);
    const def = node && registry.get(node.type);
    if (!node || def?.build.role !== 'optimizer') continue;
    const trained = optimizerNetworks(types.index, registry, types.networkOf, id).filter((n) =>
      networks.has(n),
    );
    const variables = trained.flatMap((n) =>
      (networks.get(n)?.model.trainableWeights ?? []).map((w) => w.read() as tfjs.Variable),
    );
    phases.push({
      optimizerNode: id,
      losses: optimizerLosses(types.index, id),
      networks: trained,
      optimizer: def.build.create(tf, params.get(id) ?? {}),
      variables,
    });
  }

  return {
    doc,
    registry,
    types,
    networks,
    phases,
    datasets: [...datasets],
    params,
    dispose() {
      for (const phase of phases) phase.optimizer.dispose();
      for (const net of networks.values()) net.model.dispose();
    },
  };
}
