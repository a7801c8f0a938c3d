// Tells how an edit made while training reaches the worker: nothing (moves, titles), live param
// changes sent as they are, or a structural change that recompiles the graph.

import type { GraphDocument, GraphNode } from '../../core/graph/document';
import type { NodeRegistry } from '../../core/types/definition';
import type { ParamValue } from '../../core/types/params';

export type DocChange =
  | { readonly kind: 'none' }
  | { readonly kind: 'live'; readonly params: Readonly<Record<string, Readonly<Record<string, ParamValue>>>> }
  | { readonly kind: 'structural' };

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/** The part of a node the trainer compiles, positions left out. */
function nodeShape(node: GraphNode): string {
  return JSON.stringify([node.id, node.type, node.network ?? null]);
}

export function classifyChange(
  before: GraphDocument,
  after: GraphDocument,
  registry: NodeRegistry,
): DocChange {
  if (before === after) return { kind: 'none' };
  if (
    before.nodes.length !== after.nodes.length ||
    !same(before.edges, after.edges) ||
    !same(before.networks, after.networks) ||
    !same(before.training, after.training)
  ) {
    return { kind: 'structural' };
  }
  const params: Record<string, Record<string, ParamValue>> = {};
  for (let i = 0; i < after.nodes.length; i++) {
    const a = before.nodes[i];
    const b = after.nodes[i];
    if (!a || !b || nodeShape(a) !== nodeShape(b)) return { kind: 'structural' };
    if (a.params === b.params) continue;
    const specs = registry.get(b.type)?.params ?? {};
    const keys = new Set([...Object.keys(a.params), ...Object.keys(b.params)]);
    for (const key of keys) {
      const value = b.params[key];
      if (same(a.params[key], value)) continue;
      if (value === undefined || specs[key]?.live !== true) return { kind: 'structural' };
      (params[b.id] ??= {})[key] = value;
    }
  }
  return Object.keys(params).length > 0 ? { kind: 'live', params } : { kind: 'none' };
}
