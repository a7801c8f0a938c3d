// Shared setup for the store tests: presets read from graphs/ and small results unwrapped.
import { readFileSync } from 'node:fs';
import { NODE_REGISTRY } from '../../nodes';
import type { GraphDocument, GraphNode } from '../../src/core/graph/document';
import { loadGraph } from '../../src/core/graph/load';
import type { EditorStore } from '../../src/store';
import type { EditResult } from '../../src/store/types';

export function preset(name: string): GraphDocument {
  const { doc, warnings } = loadGraph(
    readFileSync(new URL(`../../graphs/${name}.json`, import.meta.url), 'utf8'),
    NODE_REGISTRY,
  );
  if (warnings.length > 0) throw new Error(`preset ${name} has warnings`);
  return doc;
}

/** The value of an edit that must have happened. */
export function ok<T>(result: EditResult<T>): T {
  if (!result.ok) throw new Error(`edit refused: ${result.reason}`);
  return result.value;
}

/** The reason of an edit that must have been refused. */
export function refused(result: EditResult<unknown>): string {
  if (result.ok) throw new Error('edit was expected to be refused');
  return result.reason;
}

export function node(store: EditorStore, id: string): GraphNode {
  const found = store.getState().doc.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

export const port = (spec: string): { node: string; port: string } => {
  const [n, p] = spec.split('.') as [string, string];
  return { node: n, port: p };
};
