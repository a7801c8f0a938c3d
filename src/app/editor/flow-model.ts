// The document as React Flow nodes and edges: where each node is, whether it is selected, hidden
// or in a network, and which ports each edge joins. What a card or an edge label says is not in
// here (the cards read it from canvas-views.ts), so a param edit leaves these objects as they are.
// A mapper hands back the same object for each node and edge while nothing it holds has changed,
// and the same arrays when nothing changed at all, so React Flow only hears of real changes.
// During a drag the dragged nodes are drawn at the positions the canvas holds for them.

import type { Edge, Node } from '@xyflow/react';
import type { GraphDocument, GraphNode } from '../../core/graph/document';
import type { GraphTypes } from '../../core/infer';
import type { NodeCategory, NodeRegistry } from '../../core/types/definition';
import type { PortKind } from '../../core/types/ports';
import type { DragPositions } from './canvas-context';
import {
  boundaryHandle,
  boundaryPorts,
  collapsedNodeId,
  frameNodeId,
  frameBoxes,
  membersByNetwork,
  networkColors,
  type BoundaryPort,
  type Size,
} from './frames';
import { issuesByNode } from './node-view';

export type GraphNodeData = {
  readonly category: NodeCategory | 'unknown';
  readonly networkColor?: string;
};
export type FrameData = {
  readonly networkId: string;
  readonly name: string;
  readonly color: string;
  readonly memberCount: number;
  /** The box drawn around the members as they are now, which during a drag may differ from the size
   * of the frame's React Flow node (that one keeps its size until the drag ends; see below). */
  readonly width: number;
  readonly height: number;
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
export type TypedEdgeData = { readonly kind: PortKind };

export type GraphFlowNode = Node<GraphNodeData, 'graph'>;
export type FrameFlowNode = Node<FrameData, 'frame'>;
export type CollapsedFlowNode = Node<CollapsedData, 'collapsed'>;
export type EditorFlowNode = GraphFlowNode | FrameFlowNode | CollapsedFlowNode;
export type EditorFlowEdge = Edge<TypedEdgeData, 'typed'>;

export interface FlowInput {
  readonly doc: GraphDocument;
  /** Inferred types, for the boundary ports of collapsed networks. */
  readonly types: GraphTypes | undefined;
  readonly registry: NodeRegistry;
  readonly selectedNodes: ReadonlySet<string>;
  readonly selectedEdges: ReadonlySet<string>;
  /** Frames and collapsed networks selected on the canvas (not part of the document's selection). */
  readonly selectedExtras: ReadonlySet<string>;
  readonly collapsed: ReadonlySet<string>;
  readonly sizes: ReadonlyMap<string, Size>;
  /** Where the nodes of a drag under way are drawn (the document has them where they were). */
  readonly drag?: DragPositions;
}

/** The document as drawn during a drag: the dragged nodes at their held positions, the rest as they are. */
export function withDragPositions(doc: GraphDocument, drag: DragPositions | undefined): GraphDocument {
  if (drag === undefined || drag.size === 0) return doc;
  const nodes = doc.nodes.map((node) => {
    const at = drag.get(node.id);
    return at === undefined ? node : { ...node, position: at };
  });
  return { ...doc, nodes };
}

export interface FlowElements {
  readonly nodes: readonly EditorFlowNode[];
  readonly edges: readonly EditorFlowEdge[];
}

interface Cached<T> {
  readonly key: string;
  readonly value: T;
  /** The inputs the key was worked out from; while they are the same objects the key is not rebuilt. */
  readonly inputs?: readonly unknown[];
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

/**
 * Reuses the previous object without building its key while `inputs` are the very objects it was
 * made from (a frame of a drag, a param edit elsewhere); else compares keys as `reuse` does.
 */
function reuseByInputs<T>(
  cache: Map<string, Cached<T>>,
  next: Map<string, Cached<T>>,
  id: string,
  inputs: readonly unknown[],
  key: () => string,
  make: () => T,
): T {
  const old = cache.get(id);
  if (old?.inputs !== undefined && sameItems(old.inputs, inputs)) {
    next.set(id, old);
    return old.value;
  }
  const text = key();
  const value = old !== undefined && old.key === text ? old.value : make();
  next.set(id, { key: text, value, inputs });
  return value;
}

const sameItems = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i]);

export interface FlowMapper {
  map(input: FlowInput): FlowElements;
}

export function createFlowMapper(): FlowMapper {
  let nodeCache = new Map<string, Cached<EditorFlowNode>>();
  let edgeCache = new Map<string, Cached<EditorFlowEdge>>();
  let previous: FlowElements = { nodes: [], edges: [] };

  return {
    map(input) {
      const { types, registry, sizes } = input;
      const doc = withDragPositions(input.doc, input.drag);
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

      // While a drag is under way a frame's React Flow node keeps the size it had before and only
      // its drawn box follows the members: React Flow measures a node again each time its size
      // changes, which would cost a second full update of its store on every frame of the drag.
      const settled =
        doc === input.doc
          ? null
          : new Map(frameBoxes(input.doc, sizes, members).map((b) => [b.network.id, b]));

      // Frames first, so they are drawn under their members.
      for (const box of frameBoxes(doc, sizes, members)) {
        if (input.collapsed.has(box.network.id)) continue;
        const id = frameNodeId(box.network.id);
        const selected = input.selectedExtras.has(id);
        const { width, height } = settled?.get(box.network.id) ?? box;
        const key = JSON.stringify([
          box.x,
          box.y,
          box.width,
          box.height,
          width,
          height,
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
            width,
            height,
            measured: { width, height },
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
              width: box.width,
              height: box.height,
            },
          })),
        );
      }

      const colors = networkColors(doc);
      for (const node of doc.nodes) {
        const hidden = collapsedOf.has(node.id);
        const color = node.network === undefined ? undefined : colors.get(node.network);
        const selected = input.selectedNodes.has(node.id);
        const size = sizes.get(node.id);
        const { position } = node;
        nodes.push(
          reuseByInputs(
            nodeCache,
            nextNodes,
            node.id,
            [position, node.type, selected, hidden, size, color],
            () =>
              `${position.x}|${position.y}|${node.type}|${selected}|${hidden}|${size?.width}|${size?.height}|${color}`,
            () => graphFlowNode(node, registry, color, selected, hidden, size),
          ),
        );
      }

      const issues = input.collapsed.size > 0 ? issuesByNode(types) : new Map();
      for (const networkId of input.collapsed) {
        const network = networkById.get(networkId);
        const list = members.get(networkId) ?? [];
        if (!network || list.length === 0) continue;
        const id = collapsedNodeId(networkId);
        const ports = boundaryPorts(doc, registry, list, types);
        const memberNodes = list.flatMap((m) => byId.get(m) ?? []);
        const x = Math.min(...memberNodes.map((n) => n.position.x));
        const y = Math.min(...memberNodes.map((n) => n.position.y));
        const problems = list.flatMap((m) => issues.get(m) ?? []);
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
          color: colors.get(networkId) ?? '',
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
        const selected = input.selectedEdges.has(edge.id);
        edges.push(
          reuseByInputs(
            edgeCache,
            nextEdges,
            edge.id,
            [edge, from, to, selected],
            () => JSON.stringify([edge.from, edge.to, from, to, selected]),
            (): EditorFlowEdge => ({
              id: edge.id,
              type: 'typed',
              source: from === undefined ? edge.from.node : collapsedNodeId(from),
              sourceHandle: from === undefined ? edge.from.port : boundaryHandle(edge.from),
              target: to === undefined ? edge.to.node : collapsedNodeId(to),
              targetHandle: to === undefined ? edge.to.port : boundaryHandle(edge.to),
              selected,
              ariaLabel: `Edge from ${edge.from.node} ${edge.from.port} to ${edge.to.node} ${edge.to.port}`,
              data: { kind: portKind(byId.get(edge.from.node), edge.from.port, registry) },
            }),
          ),
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
  registry: NodeRegistry,
  color: string | undefined,
  selected: boolean,
  hidden: boolean,
  size: Size | undefined,
): GraphFlowNode {
  const def = registry.get(node.type);
  return {
    id: node.id,
    type: 'graph',
    position: { x: node.position.x, y: node.position.y },
    selected,
    hidden,
    ...(size && { measured: size }),
    // What the node computes (types, problems) is read from the card itself; the name stays put.
    ariaLabel: `${def?.title ?? node.type} node ${node.id}`,
    data: { category: def?.category ?? 'unknown', ...(color !== undefined && { networkColor: color }) },
  };
}

/** What an output port carries, for the edge's colour. */
function portKind(node: GraphNode | undefined, port: string, registry: NodeRegistry): PortKind {
  const def = node && registry.get(node.type);
  return def?.outputs.find((p) => p.name === port)?.kind ?? 'tensor';
}
