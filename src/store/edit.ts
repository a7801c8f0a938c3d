// The result of a pure document edit: the new document with its undo label, or a refusal.

import type { GraphDocument, GraphNode } from '../core/graph/document';
import type { AnyNodeDefinition } from '../core/types/definition';
import { NODE_REGISTRY } from '../../nodes';

export type Edit<T = void> =
  | { readonly ok: true; readonly doc: GraphDocument; readonly value: T; readonly label: string }
  | { readonly ok: false; readonly reason: string };

export const refuse = (reason: string): { readonly ok: false; readonly reason: string } => ({
  ok: false,
  reason,
});

export const done = <T>(doc: GraphDocument, value: T, label: string): Edit<T> => ({
  ok: true,
  doc,
  value,
  label,
});

export function definitionOf(node: GraphNode): AnyNodeDefinition | undefined {
  return NODE_REGISTRY.get(node.type);
}

/** How a node is named in messages: its type's title, as drawn on the canvas. */
export function titleOf(node: GraphNode): string {
  return definitionOf(node)?.title ?? node.type;
}

export function findNode(doc: GraphDocument, id: string): GraphNode | undefined {
  return doc.nodes.find((n) => n.id === id);
}

export const noSuchNode = (id: string): string => `There is no node "${id}"`;

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "enc1" for one node, "3 nodes" for several: the object of an undo label. */
export function nodesLabel(ids: readonly string[]): string {
  return ids.length === 1 && ids[0] !== undefined ? ids[0] : plural(ids.length, 'node');
}
