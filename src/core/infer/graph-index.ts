// Lookup tables over a graph document: nodes by id, edges by endpoint, and a topological order.

import type { GraphDocument, GraphEdge, GraphNode } from '../graph/document';

export interface GraphIndex {
  readonly doc: GraphDocument;
  readonly nodes: ReadonlyMap<string, GraphNode>;
  /** Edges arriving at a node, in document order. */
  readonly incoming: ReadonlyMap<string, readonly GraphEdge[]>;
  /** Edges leaving a node, in document order. */
  readonly outgoing: ReadonlyMap<string, readonly GraphEdge[]>;
  /** Position of each node in the document, for stable ordering. */
  readonly rank: ReadonlyMap<string, number>;
}

export function indexGraph(doc: GraphDocument): GraphIndex {
  const nodes = new Map<string, GraphNode>();
  const rank = new Map<string, number>();
  doc.nodes.forEach((node, i) => {
    nodes.set(node.id, node);
    rank.set(node.id, i);
  });
  const incoming = new Map<string, GraphEdge[]>();
  const outgoing = new Map<string, GraphEdge[]>();
  for (const edge of doc.edges) {
    if (!nodes.has(edge.from.node) || !nodes.has(edge.to.node)) continue;
    push(incoming, edge.to.node, edge);
    push(outgoing, edge.from.node, edge);
  }
  return { doc, nodes, incoming, outgoing, rank };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface TopoResult {
  readonly order: readonly string[];
  /** Nodes on or behind a cycle, which get no place in the order. */
  readonly cyclic: readonly string[];
}

/**
 * Kahn's algorithm over any "depends on" relation; ties broken by document order so the
 * result is stable for the same document.
 */
export function topologicalOrder(
  ids: readonly string[],
  dependencies: (id: string) => Iterable<string>,
  rank: (id: string) => number,
): TopoResult {
  const members = new Set(ids);
  const pending = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const id of ids) {
    let count = 0;
    for (const dep of new Set(dependencies(id))) {
      if (!members.has(dep) || dep === id) {
        if (dep === id) count += 1;
        continue;
      }
      count += 1;
      push(dependents, dep, id);
    }
    pending.set(id, count);
  }
  const ready = ids.filter((id) => pending.get(id) === 0).sort((a, b) => rank(a) - rank(b));
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift() as string;
    order.push(id);
    for (const next of dependents.get(id) ?? []) {
      const left = (pending.get(next) ?? 0) - 1;
      pending.set(next, left);
      if (left === 0) insertByRank(ready, next, rank);
    }
  }
  const placed = new Set(order);
  return { order, cyclic: ids.filter((id) => !placed.has(id)) };
}

function insertByRank(list: string[], id: string, rank: (id: string) => number): void {
  const r = rank(id);
  let i = list.length;
  while (i > 0 && rank(list[i - 1] as string) > r) i -= 1;
  list.splice(i, 0, id);
}
