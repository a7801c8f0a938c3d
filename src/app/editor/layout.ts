// Auto layout with ELK's layered algorithm: data flows left to right, ports keep their order, and
// each network's members are laid out together inside a box so their frame stays compact.
// Only positions come back; the caller applies them as one undo step.

import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { GraphDocument } from '../../core/graph/document';
import type { NodeRegistry } from '../../core/types/definition';
import { DEFAULT_NODE_SIZE, FRAME_PADDING, FRAME_TITLE_HEIGHT, type Size } from './frames';

export type Positions = Record<string, { x: number; y: number }>;

const ROOT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.layered.spacing.nodeNodeBetweenLayers': '70',
  'elk.spacing.nodeNode': '36',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.crossingMinimization.semiInteractive': 'true',
};

const portId = (node: string, side: 'in' | 'out', port: string): string =>
  `${node}\u0000${side}\u0000${port}`;

/**
 * The ELK graph of the given nodes (all when `ids` is undefined) and the edges between them.
 * Nodes of one declared network become children of a box for that network.
 */
export function elkGraph(
  doc: GraphDocument,
  registry: NodeRegistry,
  sizes: ReadonlyMap<string, Size>,
  ids?: ReadonlySet<string>,
): ElkNode {
  const chosen = doc.nodes.filter((n) => ids === undefined || ids.has(n.id));
  const present = new Set(chosen.map((n) => n.id));
  const boxes = new Map<string, ElkNode>();
  const root: ElkNode = { id: '\u0000root', layoutOptions: ROOT_OPTIONS, children: [], edges: [] };

  // Sorting by the current position gives ELK a starting order that resembles the drawing.
  const ordered = [...chosen].sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x);
  for (const node of ordered) {
    const def = registry.get(node.type);
    const size = sizes.get(node.id) ?? DEFAULT_NODE_SIZE;
    const ports = [
      ...(def?.inputs ?? []).map((p, i) => ({
        id: portId(node.id, 'in', p.name),
        layoutOptions: { 'elk.port.side': 'WEST', 'elk.port.index': String(i) },
      })),
      ...(def?.outputs ?? []).map((p, i) => ({
        id: portId(node.id, 'out', p.name),
        layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(i) },
      })),
    ];
    const child: ElkNode = {
      id: node.id,
      width: size.width,
      height: size.height,
      ports,
      layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
    };
    const network = node.network;
    if (network !== undefined && doc.networks.some((n) => n.id === network)) {
      let box = boxes.get(network);
      if (!box) {
        box = {
          id: `\u0000network\u0000${network}`,
          children: [],
          layoutOptions: {
            'elk.padding': `[top=${FRAME_PADDING + FRAME_TITLE_HEIGHT},left=${FRAME_PADDING},bottom=${FRAME_PADDING},right=${FRAME_PADDING}]`,
          },
        };
        boxes.set(network, box);
        root.children?.push(box);
      }
      box.children?.push(child);
    } else {
      root.children?.push(child);
    }
  }

  const edges: ElkExtendedEdge[] = doc.edges
    .filter((e) => present.has(e.from.node) && present.has(e.to.node))
    .map((e) => ({
      id: e.id,
      sources: [portId(e.from.node, 'out', e.from.port)],
      targets: [portId(e.to.node, 'in', e.to.port)],
    }));
  root.edges = edges;
  return root;
}

/** Absolute positions of the document's nodes in a laid-out ELK graph. */
export function positionsOf(laidOut: ElkNode, present: ReadonlySet<string>): Positions {
  const out: Positions = {};
  const walk = (node: ElkNode, dx: number, dy: number): void => {
    for (const child of node.children ?? []) {
      const x = dx + (child.x ?? 0);
      const y = dy + (child.y ?? 0);
      if (present.has(child.id)) out[child.id] = { x: Math.round(x), y: Math.round(y) };
      walk(child, x, y);
    }
  };
  walk(laidOut, 0, 0);
  return out;
}

/** Moves `positions` so their top-left corner lands on `corner` (a laid-out selection stays in place). */
export function anchorAt(positions: Positions, corner: { x: number; y: number }): Positions {
  const values = Object.values(positions);
  if (values.length === 0) return positions;
  const left = Math.min(...values.map((p) => p.x));
  const top = Math.min(...values.map((p) => p.y));
  const out: Positions = {};
  for (const [id, p] of Object.entries(positions)) {
    out[id] = { x: Math.round(p.x - left + corner.x), y: Math.round(p.y - top + corner.y) };
  }
  return out;
}

/**
 * New positions for the given nodes (all when `ids` is undefined). A partial layout keeps the
 * top-left corner of what it moves, so the rest of the drawing is not disturbed.
 */
export async function layoutPositions(
  doc: GraphDocument,
  registry: NodeRegistry,
  sizes: ReadonlyMap<string, Size>,
  ids?: ReadonlySet<string>,
): Promise<Positions> {
  const graph = elkGraph(doc, registry, sizes, ids);
  // Loaded on first use: ELK is large and most sessions never ask for a layout.
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const laidOut = await new ELK().layout(graph);
  const chosen = doc.nodes.filter((n) => ids === undefined || ids.has(n.id));
  const present = new Set(chosen.map((n) => n.id));
  const positions = positionsOf(laidOut, present);
  if (ids === undefined || chosen.length === 0) return positions;
  const corner = {
    x: Math.min(...chosen.map((n) => n.position.x)),
    y: Math.min(...chosen.map((n) => n.position.y)),
  };
  return anchorAt(positions, corner);
}
