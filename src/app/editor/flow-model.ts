// The document as React Flow nodes and edges. A mapper keeps the object it made for each node and
// edge and hands the same object back while nothing it shows has changed, so after moving one
// node or editing one param React Flow re-renders only the nodes whose view actually changed.

import type { Edge, Node } from '@xyflow/react';
import type { GraphDocument, GraphEdge, GraphNode } from '../../core/graph/document';
import type { GraphTypes } from '../../core/infer';
import type { NodeRegistry } from '../../core/types/definition';
import { formatShape, type PortKind } from '../../core/types/ports';
import {
  boundaryHandle,
  boundaryPorts,
  collapsedNodeId,
  frameNodeId,
  frameBoxes,
  membersByNetwork,
  networkColor,
  type BoundaryPort,
  type Size,
} from './frames';
import { issuesByNode, nodeLabel, nodeView, viewFacts, type NodeView, type ViewContext } from './node-view';

export type GraphNodeData = { readonly view: NodeView; readonly networkColor?: string };
export type FrameData = {
  readonly networkId: string;
  readonly name: string;
  readonly color: string;
  readonly memberCount: number;
};
export type CollapsedData = {
  readonly networkId: string;
  readonly name: string;
  readonly color: string;
  readonly memberCount: number;
  readonly inputs: readonly BoundaryPort[];
  readonly outputs: readonly BoundaryPort[];
  readonly severity?: 'error' | 'warning';
};
export type TypedEdgeData = {
  readonly kind: PortKind;
  /** The tensor's shape, "[B,64]", drawn on the edge where it fits. */
  readonly shape?: string;
  /** The input this edge feeds reports an error. */
  readonly error: boolean;
};

export type GraphFlowNode = Node<GraphNodeData, 'graph'>;
export type FrameFlowNode = Node<FrameData, 'frame'>;
export type CollapsedFlowNode = Node<CollapsedData, 'collapsed'>;
export type EditorFlowNode = GraphFlowNode | FrameFlowNode | CollapsedFlowNode;
export type EditorFlowEdge = Edge<TypedEdgeData, 'typed'>;

export interface FlowInput {
  readonly doc: GraphDocument;
  readonly types: GraphTypes | undefined;
  readonly registry: NodeRegistry;
  readonly selectedNodes: ReadonlySet<string>;
  readonly selectedEdges: ReadonlySet<string>;
  /** Frames and collapsed networks selected on the canvas (not part of the document's selection). */
  readonly selectedExtras: ReadonlySet<string>;
  readonly collapsed: ReadonlySet<string>;
  readonly sizes: ReadonlyMap<string, Size>;
}

export interface FlowElements {
  readonly nodes: readonly EditorFlowNode[];
  readonly edges: readonly EditorFlowEdge[];
}

interface Cached<T> {
  readonly key: string;
  readonly value: T;
}

/** Reuses the previous object when its key is unchanged. */
function reuse<T>(
  cache: Map<string, Cached<T>>,
  next: Map<string, Cached<T>>,
  id: string,
  key: string,
  make: () => T,
): T {
  const old = cache.get(id);
  const entry = old !== undefined && old.key === key ? old : { key, value: make() };
  next.set(id, entry);
  return entry.value;
}

const sameItems = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i]);

export interface FlowMapper {
  map(input: FlowInput): FlowElements;
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

export function createFlowMapper(): FlowMapper {
  let nodeCache = new Map<string, Cached<EditorFlowNode>>();
  let edgeCache = new Map<string, Cached<EditorFlowEdge>>();
  let previous: FlowElements = { nodes: [], edges: [] };

  return {
    map(input) {
      const { doc, types, registry, sizes } = input;
      const ctx: ViewContext = { doc, registry, types, issues: issuesByNode(types) };
      const nextNodes = new Map<string, Cached<EditorFlowNode>>();
      const nextEdges = new Map<string, Cached<EditorFlowEdge>>();
      const nodes: EditorFlowNode[] = [];

      const members = membersByNetwork(doc);
      const collapsedOf = new Map<string, string>();
      for (const id of input.collapsed) {
        for (const member of members.get(id) ?? []) collapsedOf.set(member, id);
      }
      const networkById = new Map(doc.networks.map((n) => [n.id, n]));
      const byId = new Map(doc.nodes.map((n) => [n.id, n]));

      // Frames first, so they are drawn under their members.
      for (const box of frameBoxes(doc, sizes)) {
        if (input.collapsed.has(box.network.id)) continue;
        const id = frameNodeId(box.network.id);
        const selected = input.selectedExtras.has(id);
        const key = JSON.stringify([
          box.x,
          box.y,
          box.width,
          box.height,
          box.network.name,
          box.color,
          selected,
          box.members.length,
        ]);
        nodes.push(
          reuse(nodeCache, nextNodes, id, key, (): FrameFlowNode => ({
            id,
            type: 'frame',
            position: { x: box.x, y: box.y },
            width: box.width,
            height: box.height,
            measured: { width: box.width, height: box.height },
            zIndex: -1,
            selected,
            dragHandle: '.frame-title',
            connectable: false,
            className: 'network-frame-node',
            ariaLabel: `Network ${box.network.name}, ${box.members.length} layers`,
            data: {
              networkId: box.network.id,
              name: box.network.name,
              color: box.color,
              memberCount: box.members.length,
            },
          })),
        );
      }

      const colors = new Map(doc.networks.map((n) => [n.id, networkColor(doc, n)]));
      for (const node of doc.nodes) {
        const hidden = collapsedOf.has(node.id);
        const color = node.network === undefined ? undefined : colors.get(node.network);
        const selected = input.selectedNodes.has(node.id);
        const size = sizes.get(node.id);
        // The node object changes with every edit of it (params, position, network), so its version
        // and the facts inference adds are enough to tell whether the card must be redrawn.
        const key = `${versionOf(node)}|${selected}|${hidden}|${size?.width}|${size?.height}|${color}|${viewFacts(node, ctx)}`;
        nodes.push(
          reuse(nodeCache, nextNodes, node.id, key, () =>
            graphFlowNode(node, nodeView(node, ctx), color, selected, hidden, size),
          ),
        );
      }

      for (const networkId of input.collapsed) {
        const network = networkById.get(networkId);
        const list = members.get(networkId) ?? [];
        if (!network || list.length === 0) continue;
        const id = collapsedNodeId(networkId);
        const ports = boundaryPorts(doc, registry, list, types);
        const memberNodes = list.flatMap((m) => byId.get(m) ?? []);
        const x = Math.min(...memberNodes.map((n) => n.position.x));
        const y = Math.min(...memberNodes.map((n) => n.position.y));
        const problems = list.flatMap((m) => ctx.issues.get(m) ?? []);
        const severity = problems.some((p) => p.severity === 'error')
          ? 'error'
          : problems.length > 0
            ? 'warning'
            : undefined;
        const selected = input.selectedExtras.has(id);
        const size = sizes.get(id);
        const data: CollapsedData = {
          networkId,
          name: network.name,
          color: networkColor(doc, network),
          memberCount: list.length,
          inputs: ports.inputs,
          outputs: ports.outputs,
          ...(severity !== undefined && { severity }),
        };
        const key = JSON.stringify([x, y, selected, size?.width, size?.height, data]);
        nodes.push(
          reuse(nodeCache, nextNodes, id, key, (): CollapsedFlowNode => ({
            id,
            type: 'collapsed',
            position: { x, y },
            selected,
            ...(size && { measured: size }),
            ariaLabel: `Collapsed network ${network.name}, ${list.length} layers`,
            data,
          })),
        );
      }

      const edges: EditorFlowEdge[] = [];
      for (const edge of doc.edges) {
        const from = collapsedOf.get(edge.from.node);
        const to = collapsedOf.get(edge.to.node);
        if (from !== undefined && from === to) continue;
        const data = edgeData(edge, ctx, byId);
        const selected = input.selectedEdges.has(edge.id);
        const key = JSON.stringify([edge.from, edge.to, from, to, selected, data]);
        edges.push(
          reuse(edgeCache, nextEdges, edge.id, key, (): EditorFlowEdge => ({
            id: edge.id,
            type: 'typed',
            source: from === undefined ? edge.from.node : collapsedNodeId(from),
            sourceHandle: from === undefined ? edge.from.port : boundaryHandle(edge.from),
            target: to === undefined ? edge.to.node : collapsedNodeId(to),
            targetHandle: to === undefined ? edge.to.port : boundaryHandle(edge.to),
            selected,
            ariaLabel: `Edge from ${edge.from.node} ${edge.from.port} to ${edge.to.node} ${edge.to.port}`,
            data,
          })),
        );
      }

      nodeCache = nextNodes;
      edgeCache = nextEdges;
      const result: FlowElements = {
        nodes: sameItems(previous.nodes, nodes) ? previous.nodes : nodes,
        edges: sameItems(previous.edges, edges) ? previous.edges : edges,
      };
      previous = result;
      return result;
    },
  };
}

function graphFlowNode(
  node: GraphNode,
  view: NodeView,
  color: string | undefined,
  selected: boolean,
  hidden: boolean,
  size: Size | undefined,
): GraphFlowNode {
  return {
    id: node.id,
    type: 'graph',
    position: { x: node.position.x, y: node.position.y },
    selected,
    hidden,
    ...(size && { measured: size }),
    ariaLabel: nodeLabel(view),
    data: { view, ...(color !== undefined && { networkColor: color }) },
  };
}

function edgeData(edge: GraphEdge, ctx: ViewContext, byId: ReadonlyMap<string, GraphNode>): TypedEdgeData {
  const fromNode = byId.get(edge.from.node);
  const def = fromNode && ctx.registry.get(fromNode.type);
  const kind = def?.outputs.find((p) => p.name === edge.from.port)?.kind ?? 'tensor';
  const type = ctx.types?.outputs.get(edge.from.node)?.[edge.from.port];
  const error = (ctx.issues.get(edge.to.node) ?? []).some(
    (i) => i.severity === 'error' && i.port === edge.to.port,
  );
  return {
    kind,
    ...(type?.kind === 'tensor' && { shape: formatShape(type.shape) }),
    error,
  };
}
