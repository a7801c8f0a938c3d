// Where the graph-file fixtures live, and small helpers to read them and reshape expected documents.

import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphDocument, GraphNode } from '../../src/core/graph/document';
import type { ParamValue } from '../../src/core/types/params';

export const FIXTURE_ROOT = fileURLToPath(new URL('../fixtures/graphs/', import.meta.url));

/** Every file under a fixture folder, as paths relative to FIXTURE_ROOT, sorted. */
export function fixtureFiles(folder = ''): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
    );
  return walk(join(FIXTURE_ROOT, folder))
    .map((file) => relative(FIXTURE_ROOT, file))
    .sort();
}

export function readFixture(file: string): string {
  return readFileSync(join(FIXTURE_ROOT, file), 'utf8');
}

// ---------------------------------------------------------------- expected-document builders

export const withoutNodes = (doc: GraphDocument, ids: readonly string[]): GraphDocument => ({
  ...doc,
  nodes: doc.nodes.filter((n) => !ids.includes(n.id)),
});

export const withoutEdges = (doc: GraphDocument, ids: readonly string[]): GraphDocument => ({
  ...doc,
  edges: doc.edges.filter((e) => !ids.includes(e.id)),
});

export const changeNode = (
  doc: GraphDocument,
  id: string,
  change: (node: GraphNode) => GraphNode,
): GraphDocument => ({
  ...doc,
  nodes: doc.nodes.map((n) => (n.id === id ? change(n) : n)),
});

export const withParam = (doc: GraphDocument, id: string, param: string, value: ParamValue): GraphDocument =>
  changeNode(doc, id, (n) => ({ ...n, params: { ...n.params, [param]: value } }));

export const outOfNetwork = (doc: GraphDocument, id: string): GraphDocument =>
  changeNode(doc, id, ({ network: _network, ...rest }) => rest);
