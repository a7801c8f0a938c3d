// Network frames on the canvas: boxes drawn around their member nodes (members keep absolute
// positions in the document; a frame is only their bounds), and the boundary ports a collapsed
// network shows in place of its members.

import type { GraphDocument, NetworkDef, PortRef } from '../../core/graph/document';
import type { GraphTypes } from '../../core/infer';
import type { NodeRegistry } from '../../core/types/definition';
import { formatType, type PortKind } from '../../core/types/ports';
import { NETWORK_COLORS } from '../../store';

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** What a node is assumed to measure before the browser has laid it out. */
export const DEFAULT_NODE_SIZE: Size = { width: 172, height: 96 };
/** Space between the members' bounds and the frame's border. */
export const FRAME_PADDING = 20;
/** Height of the frame's title bar above its members. */
export const FRAME_TITLE_HEIGHT = 30;

const FRAME_PREFIX = 'frame:';
const COLLAPSED_PREFIX = 'collapsed:';

/** React Flow ids of the nodes that stand for a network: its frame, or its collapsed node. */
export const frameNodeId = (networkId: string): string => `${FRAME_PREFIX}${networkId}`;
export const collapsedNodeId = (networkId: string): string => `${COLLAPSED_PREFIX}${networkId}`;

/** The network a frame or collapsed node stands for; null for a document node's id. */
export function networkOfFlowNode(id: string): { network: string; collapsed: boolean } | null {
  if (id.startsWith(FRAME_PREFIX)) return { network: id.slice(FRAME_PREFIX.length), collapsed: false };
  if (id.startsWith(COLLAPSED_PREFIX)) return { network: id.slice(COLLAPSED_PREFIX.length), collapsed: true };
  return null;
}

export interface FrameBox {
  readonly network: NetworkDef;
  readonly color: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly members: readonly string[];
}

export function networkColor(doc: GraphDocument, network: NetworkDef): string {
  return colorAt(
    network,
    doc.networks.findIndex((n) => n.id === network.id),
  );
}

/** The colour of every network, by id: its own, or the palette's by its place in the list. */
export function networkColors(doc: GraphDocument): ReadonlyMap<string, string> {
  return new Map(doc.networks.map((network, index) => [network.id, colorAt(network, index)]));
}

function colorAt(network: NetworkDef, index: number): string {
  if (network.color !== undefined && network.color !== '') return network.color;
  return NETWORK_COLORS[Math.max(0, index) % NETWORK_COLORS.length] ?? '#888888';
}

/** Members of each declared network, in document order. */
export function membersByNetwork(doc: GraphDocument): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, string[]>(doc.networks.map((n) => [n.id, []]));
  for (const node of doc.nodes) {
    if (node.network !== undefined) out.get(node.network)?.push(node.id);
  }
  return out;
}

/** The frame of every declared network that has members; empty networks draw nothing. */
export function frameBoxes(
  doc: GraphDocument,
  sizes: ReadonlyMap<string, Size>,
  members: ReadonlyMap<string, readonly string[]> = membersByNetwork(doc),
): FrameBox[] {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const colors = networkColors(doc);
  const boxes: FrameBox[] = [];
  for (const network of doc.networks) {
    const ids = members.get(network.id) ?? [];
    let left = Infinity;
    let top = Infinity;
    let right = -Infinity;
    let bottom = -Infinity;
    for (const id of ids) {
      const node = byId.get(id);
      if (!node) continue;
      const size = sizes.get(id) ?? DEFAULT_NODE_SIZE;
      left = Math.min(left, node.position.x);
      top = Math.min(top, node.position.y);
      right = Math.max(right, node.position.x + size.width);
      bottom = Math.max(bottom, node.position.y + size.height);
    }
    if (!Number.isFinite(left)) continue;
    // Whole pixels: the browser measures the frame in whole pixels, and a fractional size would read
    // as a resize, which makes React Flow measure the frame again on every frame of a drag.
    const x = Math.floor(left - FRAME_PADDING);
    const y = Math.floor(top - FRAME_PADDING - FRAME_TITLE_HEIGHT);
    boxes.push({
      network,
      color: colors.get(network.id) ?? networkColor(doc, network),
      x,
      y,
      width: Math.ceil(right + FRAME_PADDING) - x,
      height: Math.ceil(bottom + FRAME_PADDING) - y,
      members: ids,
    });
  }
  return boxes;
}

// ---------------------------------------------------------------- collapsed networks

/** A port of a member that the collapsed node shows, with a handle id that names it. */
export interface BoundaryPort {
  readonly handle: string;
  readonly ref: PortRef;
  readonly label: string;
  readonly kind: PortKind;
  readonly type?: string;
}

const SEPARATOR = '::';

/** A collapsed node's handle id for a member's port; port names never contain the separator. */
export const boundaryHandle = (ref: PortRef): string => `${ref.node}${SEPARATOR}${ref.port}`;

export function parseBoundaryHandle(handle: string): PortRef | null {
  const at = handle.lastIndexOf(SEPARATOR);
  if (at <= 0) return null;
  return { node: handle.slice(0, at), port: handle.slice(at + SEPARATOR.length) };
}

/**
 * Ports of a network seen from outside: member inputs fed from outside or left unconnected, and
 * member outputs read outside or by nothing (a network's sinks are what it offers).
 */
export function boundaryPorts(
  doc: GraphDocument,
  registry: NodeRegistry,
  members: readonly string[],
  types: GraphTypes | undefined,
): { inputs: BoundaryPort[]; outputs: BoundaryPort[] } {
  const inside = new Set(members);
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const inputs: BoundaryPort[] = [];
  const outputs: BoundaryPort[] = [];
  for (const id of members) {
    const node = byId.get(id);
    const def = node && registry.get(node.type);
    if (!def) continue;
    const incoming = doc.edges.filter((e) => e.to.node === id);
    const outgoing = doc.edges.filter((e) => e.from.node === id);
    for (const spec of def.inputs) {
      const edges = incoming.filter((e) => e.to.port === spec.name);
      if (edges.length > 0 && edges.every((e) => inside.has(e.from.node))) continue;
      const type = types?.inputs.get(id)?.[spec.name]?.[0];
      inputs.push({
        handle: boundaryHandle({ node: id, port: spec.name }),
        ref: { node: id, port: spec.name },
        label: `${id} · ${spec.label ?? spec.name}`,
        kind: spec.kind,
        ...(type !== undefined && { type: formatType(type) }),
      });
    }
    for (const spec of def.outputs) {
      const edges = outgoing.filter((e) => e.from.port === spec.name);
      if (edges.length > 0 && edges.every((e) => inside.has(e.to.node))) continue;
      const type = types?.outputs.get(id)?.[spec.name];
      outputs.push({
        handle: boundaryHandle({ node: id, port: spec.name }),
        ref: { node: id, port: spec.name },
        label: `${id} · ${spec.label ?? spec.name}`,
        kind: spec.kind,
        ...(type !== undefined && { type: formatType(type) }),
      });
    }
  }
  return { inputs, outputs };
}
