// What the node cards and edge labels show, derived from the document once per document: a view
// per node and a label per edge, handed out as the same objects while their text is unchanged.
// Cards and edges read these from the store themselves, so a param edit redraws only the cards and
// labels whose text it changes and leaves React Flow's nodes and edges alone: every update of
// those costs React Flow a pass over all of them, which on a 500-node graph is most of an edit.

import { NODE_REGISTRY } from '../../../nodes';
import type { GraphDocument, GraphNode } from '../../core/graph/document';
import type { GraphTypes } from '../../core/infer';
import type { NodeRegistry } from '../../core/types/definition';
import { formatShape } from '../../core/types/ports';
import { inferredFor, useEditor } from '../../store';
import { issuesByNode, nodeView, viewFacts, type NodeView, type ViewContext } from './node-view';

export interface EdgeLabel {
  /** The tensor's shape, "[B,64]", drawn on the edge where it fits. */
  readonly shape?: string;
  /** The input this edge feeds reports an error. */
  readonly error: boolean;
}

export interface CanvasViews {
  readonly nodes: ReadonlyMap<string, NodeView>;
  readonly edges: ReadonlyMap<string, EdgeLabel>;
}

interface Kept<T> {
  readonly key: string;
  readonly value: T;
}

/** A number per node object: edits replace the object, so a new number means the node changed. */
const versions = new WeakMap<GraphNode, number>();
let lastVersion = 0;
function versionOf(node: GraphNode): number {
  let version = versions.get(node);
  if (version === undefined) {
    version = ++lastVersion;
    versions.set(node, version);
  }
  return version;
}

/** The views of a document, worked out once per document object; unchanged ones keep their identity. */
export function createViewCache(
  registry: NodeRegistry,
  infer: (doc: GraphDocument) => GraphTypes,
): (doc: GraphDocument) => CanvasViews {
  const byDoc = new WeakMap<GraphDocument, CanvasViews>();
  let lastNodes = new Map<string, Kept<NodeView>>();
  let lastEdges = new Map<string, Kept<EdgeLabel>>();

  return (doc) => {
    const known = byDoc.get(doc);
    if (known) return known;
    const types = infer(doc);
    const ctx: ViewContext = { doc, registry, types, issues: issuesByNode(types) };

    const keptNodes = new Map<string, Kept<NodeView>>();
    const nodes = new Map<string, NodeView>();
    for (const node of doc.nodes) {
      // The node object changes with every edit of it, so its version and the facts inference adds
      // are enough to tell whether its card must be redrawn.
      const key = `${versionOf(node)}|${viewFacts(node, ctx)}`;
      const old = lastNodes.get(node.id);
      const kept = old !== undefined && old.key === key ? old : { key, value: nodeView(node, ctx) };
      keptNodes.set(node.id, kept);
      nodes.set(node.id, kept.value);
    }

    const keptEdges = new Map<string, Kept<EdgeLabel>>();
    const edges = new Map<string, EdgeLabel>();
    for (const edge of doc.edges) {
      const type = types.outputs.get(edge.from.node)?.[edge.from.port];
      const shape = type?.kind === 'tensor' ? formatShape(type.shape) : undefined;
      const error = (ctx.issues.get(edge.to.node) ?? []).some(
        (i) => i.severity === 'error' && i.port === edge.to.port,
      );
      const key = `${shape}|${error}`;
      const old = lastEdges.get(edge.id);
      const kept =
        old !== undefined && old.key === key
          ? old
          : { key, value: { ...(shape !== undefined && { shape }), error } };
      keptEdges.set(edge.id, kept);
      edges.set(edge.id, kept.value);
    }

    lastNodes = keptNodes;
    lastEdges = keptEdges;
    const views: CanvasViews = { nodes, edges };
    byDoc.set(doc, views);
    return views;
  };
}

/** The app's views, of the editor store's documents. */
export const canvasViews = createViewCache(NODE_REGISTRY, inferredFor);

/** The view of one node card; undefined for a node no longer in the document. */
export function useNodeView(id: string): NodeView | undefined {
  return useEditor((state) => canvasViews(state.doc).nodes.get(id));
}

/** The label of one edge; undefined for an edge no longer in the document. */
export function useEdgeLabel(id: string): EdgeLabel | undefined {
  return useEditor((state) => canvasViews(state.doc).edges.get(id));
}
