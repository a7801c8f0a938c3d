// Which node types fit a connection dropped on empty canvas: a new node must have a port on the
// opposite side whose kind can connect to the dragged port's kind.

import type { GraphDocument, PortRef } from '../../core/graph/document';
import type { AnyNodeDefinition, NodeRegistry, PortSpec } from '../../core/types/definition';
import { canConnect, type PortKind } from '../../core/types/ports';

export type PortSide = 'output' | 'input';

/** A connection being dragged: from an output port (wants an input) or from an input port. */
export interface DraggedPort {
  readonly port: PortRef;
  readonly side: PortSide;
}

/** The kind of the dragged port, from its node's definition; undefined for an unknown node or port. */
export function draggedPortKind(
  doc: GraphDocument,
  registry: NodeRegistry,
  dragged: DraggedPort,
): PortKind | undefined {
  const node = doc.nodes.find((n) => n.id === dragged.port.node);
  const def = node && registry.get(node.type);
  if (!def) return undefined;
  const ports = dragged.side === 'output' ? def.outputs : def.inputs;
  return ports.find((p) => p.name === dragged.port.port)?.kind;
}

/**
 * The first port of `def` that could take the other end of a dragged port of `kind`: an input when
 * the drag started at an output, an output when it started at an input.
 */
export function fittingPort(def: AnyNodeDefinition, kind: PortKind, side: PortSide): PortSpec | undefined {
  return side === 'output'
    ? def.inputs.find((input) => canConnect(kind, input.kind))
    : def.outputs.find((output) => canConnect(output.kind, kind));
}

/** Definitions a dragged port can connect to, in catalogue order; all of them without a drag. */
export function fittingDefinitions(
  definitions: readonly AnyNodeDefinition[],
  fits: { readonly kind: PortKind; readonly side: PortSide } | undefined,
): AnyNodeDefinition[] {
  if (!fits) return [...definitions];
  return definitions.filter((def) => fittingPort(def, fits.kind, fits.side) !== undefined);
}

/** Where a menu of `size` opened at `at` must sit so that it stays inside the viewport. */
export function placeInViewport(
  at: { readonly x: number; readonly y: number },
  size: { readonly width: number; readonly height: number },
  viewport: { readonly width: number; readonly height: number },
  margin = 8,
): { x: number; y: number } {
  const x = Math.min(at.x, viewport.width - size.width - margin);
  const y = Math.min(at.y, viewport.height - size.height - margin);
  return { x: Math.max(margin, x), y: Math.max(margin, y) };
}
