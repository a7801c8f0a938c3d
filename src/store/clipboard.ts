// Copy and paste as pure functions: a copied set of nodes keeps the edges between them and
// is pasted under fresh ids, offset so the copy does not hide the original.

import type { GraphDocument, GraphEdge, GraphNode } from '../core/graph/document';
import { plural } from './edit';
import { edgeIdBase, edgeIds, idBaseForCopy, nodeIds, uniqueId } from './ids';
import type { Position } from './types';

export interface Clipboard {
  readonly nodes: readonly GraphNode[];
  /** Only edges with both ends among the copied nodes. */
  readonly edges: readonly GraphEdge[];
}

/** How far each paste without a target position shifts from the copied nodes. */
export const PASTE_OFFSET = 40;

export function copyNodes(doc: GraphDocument, ids: readonly string[]): Clipboard | null {
  const wanted = new Set(ids);
  const nodes = doc.nodes.filter((n) => wanted.has(n.id));
  if (nodes.length === 0) return null;
  const edges = doc.edges.filter((e) => wanted.has(e.from.node) && wanted.has(e.to.node));
  return { nodes, edges };
}

export interface Pasted {
  readonly doc: GraphDocument;
  readonly nodeIds: readonly string[];
  readonly edgeIds: readonly string[];
  readonly label: string;
}

/**
 * Adds the clipboard's nodes under new ids. With `at`, the copy's top-left corner lands there;
 * otherwise it shifts by `offset`. Pasted nodes join no network: a copy of layers is a new set
 * of weights, and adding them to the original's frame would change that network's structure.
 */
export function pasteNodes(
  doc: GraphDocument,
  clip: Clipboard,
  placement: { readonly at: Position } | { readonly offset: Position },
): Pasted {
  const minX = Math.min(...clip.nodes.map((n) => n.position.x));
  const minY = Math.min(...clip.nodes.map((n) => n.position.y));
  const shift = 'at' in placement ? { x: placement.at.x - minX, y: placement.at.y - minY } : placement.offset;
  const taken = nodeIds(doc);
  const renamed = new Map<string, string>();
  const nodes: GraphNode[] = clip.nodes.map((node) => {
    const id = uniqueId(idBaseForCopy(node.id), taken);
    taken.add(id);
    renamed.set(node.id, id);
    return {
      id,
      type: node.type,
      params: node.params,
      position: { x: node.position.x + shift.x, y: node.position.y + shift.y },
    };
  });
  const takenEdges = edgeIds(doc);
  const edges: GraphEdge[] = clip.edges.map((edge) => {
    const from = { node: renamed.get(edge.from.node) ?? edge.from.node, port: edge.from.port };
    const to = { node: renamed.get(edge.to.node) ?? edge.to.node, port: edge.to.port };
    const id = uniqueId(edgeIdBase(from, to), takenEdges);
    takenEdges.add(id);
    return { id, from, to };
  });
  return {
    doc: { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
    edgeIds: edges.map((e) => e.id),
    label: nodes.length === 1 ? `Paste ${nodes[0]?.id ?? ''}` : `Paste ${plural(nodes.length, 'node')}`,
  };
}
