// The pieces a flow mapper builds React Flow's nodes and edges from: caches that hand back the same
// object while what it was made from is unchanged, and the nodes of frames and document nodes.

import type { GraphNode } from '../../core/graph/document';
import type { NodeRegistry } from '../../core/types/definition';
import type { PortKind } from '../../core/types/ports';
import type { EditorFlowNode, FlowInput, FrameFlowNode, GraphFlowNode } from './flow-model';
import { frameNodeId, type FrameBox, type Size } from './frames';

export interface Cached<T> {
  readonly key: string;
  readonly value: T;
  /** The inputs the key was worked out from; while they are the same objects the key is not rebuilt. */
  readonly inputs?: readonly unknown[];
}

/** Reuses the previous object when its key is unchanged. */
export function reuse<T>(
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
export function reuseByInputs<T>(
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

export const sameItems = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i]);

/** A frame's React Flow node around `box`; `settled` is its box where the document has the members. */
export function frameNode(
  cache: Map<string, Cached<EditorFlowNode>>,
  next: Map<string, Cached<EditorFlowNode>>,
  box: FrameBox,
  settled: FrameBox | undefined,
  selected: boolean,
): EditorFlowNode {
  const id = frameNodeId(box.network.id);
  // While a drag is under way a frame's React Flow node keeps the size it had before and only
  // its drawn box follows the members: React Flow measures a node again each time its size
  // changes, which would cost a second full update of its store on every frame of the drag.
  const { width, height } = settled ?? box;
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
  return reuse(cache, next, id, key, (): FrameFlowNode => ({
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
  }));
}

/** A document node's React Flow node, drawn at `position`. */
export function graphNode(
  cache: Map<string, Cached<EditorFlowNode>>,
  next: Map<string, Cached<EditorFlowNode>>,
  node: GraphNode,
  position: GraphNode['position'],
  input: FlowInput,
  color: string | undefined,
  hidden: boolean,
): EditorFlowNode {
  const selected = input.selectedNodes.has(node.id);
  const size = input.sizes.get(node.id);
  return reuseByInputs(
    cache,
    next,
    node.id,
    [position, node.type, selected, hidden, size, color],
    () =>
      `${position.x}|${position.y}|${node.type}|${selected}|${hidden}|${size?.width}|${size?.height}|${color}`,
    () => graphFlowNode({ ...node, position }, input.registry, color, selected, hidden, size),
  );
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
export function portKind(node: GraphNode | undefined, port: string, registry: NodeRegistry): PortKind {
  const def = node && registry.get(node.type);
  return def?.outputs.find((p) => p.name === port)?.kind ?? 'tensor';
}
