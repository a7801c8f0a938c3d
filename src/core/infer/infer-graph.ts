// Shape and type inference over a whole graph: every output port gets a type, every problem an
// issue on the node that causes it. Pure and fast; the editor runs it on every edit.

import type { GraphDocument, PortRef } from '../graph/document';
import type { AnyNodeDefinition, InferOutputs, NetworkSignature, NodeRegistry } from '../types/definition';
import { type GraphIssue, InferError, makeIssue } from '../types/issues';
import { paramProblem, type ParamSpecs } from '../types/params';
import { formatType, type PortType } from '../types/ports';
import { inferNode, paramsWithDefaults } from './context';
import { type GraphIndex, indexGraph, topologicalOrder } from './graph-index';
import { findNetworks, type NetworkInfo, type NetworkMap, networkBoundary } from './networks';
import { sampleMetricWarnings } from './sample-metric-data';
import { graphWarnings } from './training-links';

/** A network seen from outside: the output ports it reads and the ports it offers. */
export interface NetworkInterface extends NetworkInfo {
  readonly inputRefs: readonly PortRef[];
  readonly outputRefs: readonly PortRef[];
}

export interface GraphTypes {
  readonly index: GraphIndex;
  /** Node ids in evaluation order; networks' members are contiguous. Cyclic nodes are absent. */
  readonly order: readonly string[];
  readonly outputs: ReadonlyMap<string, InferOutputs>;
  readonly inputs: ReadonlyMap<string, Readonly<Record<string, readonly PortType[]>>>;
  readonly networks: ReadonlyMap<string, NetworkInterface>;
  readonly networkOf: ReadonlyMap<string, string>;
  readonly issues: readonly GraphIssue[];
  readonly hasErrors: boolean;
}

const refKey = (ref: PortRef): string => `${ref.node}\u0000${ref.port}`;

function distinctRefs(refs: readonly PortRef[]): PortRef[] {
  const seen = new Set<string>();
  return refs.filter((ref) => {
    const key = refKey(ref);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function networkInterfaces(
  index: GraphIndex,
  map: NetworkMap,
  registry: NodeRegistry,
): Map<string, NetworkInterface> {
  const out = new Map<string, NetworkInterface>();
  for (const info of map.networks.values()) {
    const boundary = networkBoundary(index, map, info.id);
    let outputRefs = distinctRefs(boundary.outputs.map((e) => e.from));
    if (outputRefs.length === 0) {
      // A network read by nothing outside still offers its unused outputs (its sinks).
      outputRefs = info.members.flatMap((member) => {
        const node = index.nodes.get(member);
        const def = node && registry.get(node.type);
        const used = new Set((index.outgoing.get(member) ?? []).map((e) => e.from.port));
        return (def?.outputs ?? [])
          .filter((p) => !used.has(p.name))
          .map((p) => ({ node: member, port: p.name }));
      });
    }
    out.set(info.id, { ...info, inputRefs: distinctRefs(boundary.inputs.map((e) => e.from)), outputRefs });
  }
  return out;
}

export function inferGraph(doc: GraphDocument, registry: NodeRegistry): GraphTypes {
  const index = indexGraph(doc);
  const issues: GraphIssue[] = [];
  const defs = new Map<string, AnyNodeDefinition>();
  for (const node of doc.nodes) {
    const def = registry.get(node.type);
    if (def) defs.set(node.id, def);
    else issues.push(makeIssue('E_UNKNOWN_TYPE', { actual: node.type }, node.id));
  }
  const map = findNetworks(index, registry);
  issues.push(...map.issues);
  const networks = networkInterfaces(index, map, registry);
  const order = evaluationOrder(index, map, defs, issues);

  const outputs = new Map<string, InferOutputs>();
  const inputs = new Map<string, Record<string, PortType[]>>();
  const typeOf = (ref: PortRef): PortType | undefined => outputs.get(ref.node)?.[ref.port];

  const signature = (id: string): NetworkSignature | undefined => {
    const net = networks.get(id);
    if (!net) return undefined;
    const ins = net.inputRefs.map(typeOf);
    const outs = net.outputRefs.map(typeOf);
    if (ins.some((t) => t === undefined) || outs.some((t) => t === undefined) || net.members.length === 0) {
      throw new InferError('E_NETWORK_SHAPE', {
        network: net.name,
        detail: net.members.length === 0 ? 'it has no layers' : 'its own layers have errors',
      });
    }
    return { id, inputs: ins as PortType[], outputs: outs as PortType[] };
  };

  for (const id of order) {
    const node = index.nodes.get(id);
    const def = defs.get(id);
    if (!node || !def) continue;
    const nodeInputs = gatherInputs(index, def, id, typeOf, issues);
    if (nodeInputs === null) continue;
    inputs.set(id, nodeInputs);
    const params = paramsWithDefaults(def, node.params);
    const bad = Object.entries(def.params as ParamSpecs).find(
      ([key, spec]) => paramProblem(spec, params[key]) !== null,
    );
    if (bad) {
      const [param, spec] = bad;
      issues.push(makeIssue('E_BAD_PARAM', { param, detail: paramProblem(spec, params[param]) ?? '' }, id));
      continue;
    }
    const result = inferNode(def, { nodeId: id, params, inputs: nodeInputs, network: signature });
    issues.push(...result.issues);
    if (result.outputs) outputs.set(id, result.outputs);
  }

  issues.push(...graphWarnings(index, registry, networks, map.networkOf, defs));
  issues.push(...sampleMetricWarnings(index, defs));
  return {
    index,
    order,
    outputs,
    inputs,
    networks,
    networkOf: map.networkOf,
    issues,
    hasErrors: issues.some((i) => i.severity === 'error'),
  };
}

/** Input types of one node by port, or null when it cannot be inferred (problem recorded or upstream). */
function gatherInputs(
  index: GraphIndex,
  def: AnyNodeDefinition,
  id: string,
  typeOf: (ref: PortRef) => PortType | undefined,
  issues: GraphIssue[],
): Record<string, PortType[]> | null {
  const byPort: Record<string, PortType[]> = {};
  let blocked = false;
  let failed = false;
  for (const edge of index.incoming.get(id) ?? []) {
    const spec = def.inputs.find((p) => p.name === edge.to.port);
    if (!spec) {
      issues.push(makeIssue('E_NO_PORT', { port: edge.to.port }, id));
      failed = true;
      continue;
    }
    const type = typeOf(edge.from);
    if (type === undefined) {
      blocked = true; // the upstream node shows its own error
      continue;
    }
    if (type.kind !== spec.kind) {
      issues.push(
        makeIssue(
          'E_WRONG_KIND',
          { port: spec.name, expected: `a ${spec.kind}`, actual: formatType(type) },
          id,
        ),
      );
      failed = true;
      continue;
    }
    (byPort[spec.name] ??= []).push(type);
  }
  for (const spec of def.inputs) {
    const count = byPort[spec.name]?.length ?? 0;
    const connected = (index.incoming.get(id) ?? []).some((e) => e.to.port === spec.name);
    if (!connected && !spec.optional) {
      issues.push(makeIssue('E_UNCONNECTED', { port: spec.name }, id));
      failed = true;
    } else if (count > 1 && !spec.multiple) {
      issues.push(makeIssue('E_TOO_MANY_INPUTS', { port: spec.name, actual: String(count) }, id));
      failed = true;
    }
  }
  return blocked || failed ? null : byPort;
}

/**
 * Nodes in an order where every node follows what it reads and every network's layers sit
 * together. Cycles between nodes, and networks that feed themselves through outside nodes,
 * are reported and left out.
 */
function evaluationOrder(
  index: GraphIndex,
  map: NetworkMap,
  defs: ReadonlyMap<string, AnyNodeDefinition>,
  issues: GraphIssue[],
): string[] {
  const rank = (id: string): number => index.rank.get(id) ?? 0;
  const instanceTarget = (id: string): string | undefined => {
    const def = defs.get(id);
    const node = index.nodes.get(id);
    if (def?.build.role !== 'instance' || !node) return undefined;
    return def.build.network(paramsWithDefaults(def, node.params));
  };
  const ids = [...index.nodes.keys()].filter((id) => defs.has(id));
  const nodeLevel = topologicalOrder(
    ids,
    (id) => {
      const deps = (index.incoming.get(id) ?? []).map((e) => e.from.node);
      const target = instanceTarget(id);
      if (target !== undefined) deps.push(...(map.networks.get(target)?.members ?? []));
      return deps;
    },
    rank,
  );
  for (const id of nodeLevel.cyclic) issues.push(makeIssue('E_CYCLE', {}, id));
  const nodeRank = new Map(nodeLevel.order.map((id, i) => [id, i]));

  // Collapse each network to one unit and order the units.
  const unitOf = (id: string): string => {
    const net = map.networkOf.get(id);
    return net === undefined ? id : `net:${net}`;
  };
  const unitMembers = new Map<string, string[]>();
  for (const id of nodeLevel.order) {
    const unit = unitOf(id);
    const list = unitMembers.get(unit);
    if (list) list.push(id);
    else unitMembers.set(unit, [id]);
  }
  const units = [...unitMembers.keys()];
  const unitRank = new Map(units.map((u) => [u, nodeRank.get(unitMembers.get(u)?.[0] ?? '') ?? 0]));
  const unitLevel = topologicalOrder(
    units,
    (unit) => {
      const deps: string[] = [];
      for (const id of unitMembers.get(unit) ?? []) {
        for (const edge of index.incoming.get(id) ?? []) deps.push(unitOf(edge.from.node));
        const target = instanceTarget(id);
        if (target !== undefined) deps.push(`net:${target}`);
      }
      return deps.filter((d) => d !== unit);
    },
    (u) => unitRank.get(u) ?? 0,
  );
  for (const unit of unitLevel.cyclic) {
    if (!unit.startsWith('net:')) continue;
    const net = map.networks.get(unit.slice(4));
    const outside = unitLevel.cyclic.filter((u) => !u.startsWith('net:'));
    issues.push(
      makeIssue(
        'E_NETWORK_LOOP',
        { network: net?.name ?? unit, detail: outside.length ? outside.join(', ') : 'another network' },
        net?.members[0],
      ),
    );
  }
  return unitLevel.order.flatMap((unit) => unitMembers.get(unit) ?? []);
}
