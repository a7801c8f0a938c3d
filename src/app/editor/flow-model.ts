// The document as React Flow nodes and edges: where each node is, whether it is selected, hidden
// or in a network, and which ports each edge joins. What a card or an edge label says is not in
// here (the cards read it from canvas-views.ts), so a param edit leaves these objects as they are.
// A mapper hands back the same object for each node and edge while nothing it holds has changed,
// and the same arrays when nothing changed at all, so React Flow only hears of real changes.
// During a drag the dragged nodes are drawn at the positions the canvas holds for them, and a frame
// of a drag that changes nothing else is patched into the previous result (see createFlowMapper).

import type { Edge, Node } from '@xyflow/react';
import type { GraphDocument, GraphNode } from '../../core/graph/document';
import type { GraphTypes } from '../../core/infer';
import type { NodeCategory, NodeRegistry } from '../../core/types/definition';
import type { PortKind } from '../../core/types/ports';
import type { DragPositions } from './canvas-context';
import {
  type Cached,
  frameNode,
  graphNode,
  portKind,
  reuse,
  reuseByInputs,
  sameItems,
} from './flow-elements';
import {
  boundaryHandle,
  boundaryPorts,
  collapsedNodeId,
  frameBox,
  frameNodeId,
  frameBoxes,
  membersByNetwork,
  type FrameBox,
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

export interface FlowMapper {
  map(input: FlowInput): FlowElements;
}

/** What one full pass worked out from its input that a frame of a drag reuses. */
interface Mapped {
  readonly input: FlowInput;
  readonly result: FlowElements;
  /** Place of each React Flow node in `result.nodes`. */
  readonly index: ReadonlyMap<string, number>;
  readonly byId: ReadonlyMap<string, GraphNode>;
  readonly members: ReadonlyMap<string, readonly string[]>;
  readonly colors: ReadonlyMap<string, string>;
  /** Members of collapsed networks, by the network that hides them. */
  readonly collapsedOf: ReadonlyMap<string, string>;
  /** Frames around the members where the document has them, worked out when a drag first needs them. */
  settled?: ReadonlyMap<string, FrameBox>;
}

/** True when `next` differs from `previous` in its drag positions at most. */
function onlyDragChanged(previous: FlowInput, next: FlowInput): boolean {
  return (
    previous.doc === next.doc &&
    previous.types === next.types &&
    previous.registry === next.registry &&
    previous.selectedNodes === next.selectedNodes &&
    previous.selectedEdges === next.selectedEdges &&
    previous.selectedExtras === next.selectedExtras &&
    previous.collapsed === next.collapsed &&
    previous.sizes === next.sizes
  );
}

/** Ids of the nodes drawn somewhere else under `next` than under `previous`. */
function movedBetween(previous: DragPositions | undefined, next: DragPositions | undefined): string[] {
  const moved: string[] = [];
  for (const [id, at] of next ?? []) if (previous?.get(id) !== at) moved.push(id);
  for (const id of previous?.keys() ?? []) if (!next?.has(id)) moved.push(id);
  return moved;
}

/**
 * A mapper whose input sets and maps are compared by identity: hand it the same objects for what
 * has not changed. A frame of a drag (only the drag positions new) is patched into the previous
 * result: new objects for the moved nodes and their frames, the rest of the arrays as they were.
 */
export function createFlowMapper(): FlowMapper {
  let nodeCache = new Map<string, Cached<EditorFlowNode>>();
  let edgeCache = new Map<string, Cached<EditorFlowEdge>>();
  let last: Mapped | null = null;

  /** The previous result with the nodes a drag moved (and their frames) drawn anew; null if it cannot be. */
  const patchDrag = (base: Mapped, input: FlowInput): FlowElements | null => {
    const moved = movedBetween(base.input.drag, input.drag);
    if (moved.length === 0) {
      last = { ...base, input };
      return base.result;
    }
    const networks = new Set<string>();
    for (const id of moved) {
      const node = base.byId.get(id);
      // A collapsed network's node stands where its members are: leave that to a full pass.
      if (!node || base.collapsedOf.has(id) || !base.index.has(id)) return null;
      if (node.network !== undefined) networks.add(node.network);
    }
    const nodes = [...base.result.nodes];
    const drag = input.drag;
    const positionOf = (id: string) => drag?.get(id) ?? base.byId.get(id)?.position;
    for (const id of moved) {
      const node = base.byId.get(id);
      if (!node) continue;
      const color = node.network === undefined ? undefined : base.colors.get(node.network);
      const index = base.index.get(id) ?? -1;
      nodes[index] = graphNode(
        nodeCache,
        nodeCache,
        node,
        positionOf(id) ?? node.position,
        input,
        color,
        false,
      );
    }
    if (networks.size > 0) {
      base.settled ??= new Map(
        frameBoxes(input.doc, input.sizes, base.members).map((b) => [b.network.id, b]),
      );
      for (const network of input.doc.networks) {
        const index = base.index.get(frameNodeId(network.id));
        if (!networks.has(network.id) || index === undefined) continue;
        const color = base.colors.get(network.id) ?? '';
        const ids = base.members.get(network.id) ?? [];
        const box = frameBox(network, color, ids, { get: positionOf }, input.sizes);
        if (!box) return null;
        const selected = input.selectedExtras.has(frameNodeId(network.id));
        nodes[index] = frameNode(nodeCache, nodeCache, box, base.settled.get(network.id), selected);
      }
    }
    const result = { nodes, edges: base.result.edges };
    last = { ...base, input, result };
    return result;
  };

  return {
    map(input) {
      if (last !== null && onlyDragChanged(last.input, input)) {
        const patched = patchDrag(last, input);
        if (patched) return patched;
      }
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
      const settled =
        doc === input.doc
          ? undefined
          : new Map(frameBoxes(input.doc, sizes, members).map((b) => [b.network.id, b]));

      // Frames first, so they are drawn under their members.
      for (const box of frameBoxes(doc, sizes, members)) {
        if (input.collapsed.has(box.network.id)) continue;
        const selected = input.selectedExtras.has(frameNodeId(box.network.id));
        nodes.push(frameNode(nodeCache, nextNodes, box, settled?.get(box.network.id), selected));
      }

      const colors = networkColors(doc);
      for (const node of doc.nodes) {
        const color = node.network === undefined ? undefined : colors.get(node.network);
        nodes.push(
          graphNode(nodeCache, nextNodes, node, node.position, input, color, collapsedOf.has(node.id)),
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
      const previous = last?.result;
      const result: FlowElements = {
        nodes: previous && sameItems(previous.nodes, nodes) ? previous.nodes : nodes,
        edges: previous && sameItems(previous.edges, edges) ? previous.edges : edges,
      };
      const index = new Map(result.nodes.map((n, i) => [n.id, i]));
      // The document's own nodes and members: a later frame of a drag draws from them.
      const docById = doc === input.doc ? byId : new Map(input.doc.nodes.map((n) => [n.id, n]));
      last = { input, result, index, byId: docById, members, colors, collapsedOf, settled };
      return result;
    },
  };
}
