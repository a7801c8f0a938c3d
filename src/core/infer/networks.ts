// Which layer nodes form which network, and where each network meets the rest of the graph.
// Framed layers belong to their named network; each connected group of unframed layers forms
// an implicit network of its own, so a plain chain of layers needs no frame to train.

import type { GraphEdge } from '../graph/document';
import type { NodeRegistry } from '../types/definition';
import { type GraphIssue, makeIssue } from '../types/issues';
import type { GraphIndex } from './graph-index';

export interface NetworkInfo {
  readonly id: string;
  readonly name: string;
  /** True for a network made from unframed layers. */
  readonly implicit: boolean;
  /** Member node ids in document order. */
  readonly members: readonly string[];
}

export interface NetworkMap {
  readonly networks: ReadonlyMap<string, NetworkInfo>;
  /** Network id of each member layer node. */
  readonly networkOf: ReadonlyMap<string, string>;
  readonly issues: readonly GraphIssue[];
}

export const isLayer = (registry: NodeRegistry, type: string): boolean =>
  registry.get(type)?.build.role === 'layer';

export function findNetworks(index: GraphIndex, registry: NodeRegistry): NetworkMap {
  const issues: GraphIssue[] = [];
  const declared = new Map(index.doc.networks.map((n) => [n.id, n]));
  const networkOf = new Map<string, string>();
  const members = new Map<string, string[]>();
  for (const net of index.doc.networks) members.set(net.id, []);

  const unframed: string[] = [];
  for (const node of index.doc.nodes) {
    const layer = isLayer(registry, node.type);
    if (node.network !== undefined && node.network !== '') {
      if (!layer) {
        if (registry.get(node.type)) issues.push(makeIssue('E_NOT_LAYER', {}, node.id));
        continue;
      }
      if (!declared.has(node.network)) {
        issues.push(makeIssue('E_UNKNOWN_NETWORK', { network: node.network }, node.id));
        unframed.push(node.id);
        continue;
      }
      networkOf.set(node.id, node.network);
      members.get(node.network)?.push(node.id);
    } else if (layer) {
      unframed.push(node.id);
    }
  }

  // Union unframed layers joined by an edge between two unframed layers.
  const parent = new Map(unframed.map((id) => [id, id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(id, root);
    return root;
  };
  for (const edge of index.doc.edges) {
    if (parent.has(edge.from.node) && parent.has(edge.to.node)) {
      const a = find(edge.from.node);
      const b = find(edge.to.node);
      if (a !== b) parent.set(b, a);
    }
  }
  const implicitIds = new Map<string, string>();
  for (const id of unframed) {
    const root = find(id);
    let netId = implicitIds.get(root);
    if (netId === undefined) {
      netId = `auto:${id}`;
      implicitIds.set(root, netId);
      members.set(netId, []);
    }
    networkOf.set(id, netId);
    members.get(netId)?.push(id);
  }

  const networks = new Map<string, NetworkInfo>();
  for (const [id, list] of members) {
    const def = declared.get(id);
    networks.set(id, {
      id,
      name: def?.name ?? `layers from ${list[0] ?? id}`,
      implicit: def === undefined,
      members: list,
    });
  }
  return { networks, networkOf, issues };
}

/** Edges that enter a network from outside, grouped by the outside output they read. */
export function networkBoundary(
  index: GraphIndex,
  map: NetworkMap,
  networkId: string,
): { inputs: GraphEdge[]; outputs: GraphEdge[] } {
  const info = map.networks.get(networkId);
  const inputs: GraphEdge[] = [];
  const outputs: GraphEdge[] = [];
  for (const member of info?.members ?? []) {
    for (const edge of index.incoming.get(member) ?? []) {
      if (map.networkOf.get(edge.from.node) !== networkId) inputs.push(edge);
    }
    for (const edge of index.outgoing.get(member) ?? []) {
      if (map.networkOf.get(edge.to.node) !== networkId) outputs.push(edge);
    }
  }
  return { inputs, outputs };
}
