// What the keyboard Connect menu offers: first the ports of the chosen node, then the ports of
// other nodes on the opposite side, each checked with the same question the canvas asks while a
// connection is dragged (the store's connectionProblem), so a refused one carries its reason.

import type { GraphDocument, PortRef } from '../../core/graph/document';
import type { GraphTypes } from '../../core/infer';
import type { NodeRegistry } from '../../core/types/definition';
import { formatType, type PortKind } from '../../core/types/ports';

export type PortSide = 'output' | 'input';

/** A port of the node the menu was opened on. */
export interface PortChoice {
  readonly side: PortSide;
  readonly port: string;
  readonly label: string;
  readonly kind: PortKind;
  /** The type it gives (an output) or gets (a connected input), in words. */
  readonly type?: string;
}

/** A port of another node that the chosen port could be joined to. */
export interface TargetChoice {
  readonly ref: PortRef;
  readonly nodeTitle: string;
  readonly portLabel: string;
  readonly kind: PortKind;
  readonly type?: string;
  /** Why the connection would be refused; null when it is allowed. */
  readonly problem: string | null;
  /** For an allowed connection into an input that takes one edge: the edge it would replace. */
  readonly replaces?: string;
}

/** Asks whether `from` (an output) may feed `to` (an input): a reason, or null when it may. */
export type ConnectionCheck = (from: PortRef, to: PortRef) => string | null;

const inputTypeText = (types: GraphTypes | undefined, node: string, port: string): string | undefined => {
  const list = types?.inputs.get(node)?.[port];
  return list === undefined || list.length === 0 ? undefined : list.map(formatType).join(' + ');
};

const outputTypeText = (types: GraphTypes | undefined, node: string, port: string): string | undefined => {
  const type = types?.outputs.get(node)?.[port];
  return type === undefined ? undefined : formatType(type);
};

/** The node's outputs, then its inputs; empty for an unknown node. */
export function portChoices(
  doc: GraphDocument,
  registry: NodeRegistry,
  types: GraphTypes | undefined,
  nodeId: string,
): PortChoice[] {
  const node = doc.nodes.find((n) => n.id === nodeId);
  const def = node && registry.get(node.type);
  if (!def) return [];
  const choice = (side: PortSide, spec: (typeof def.inputs)[number]): PortChoice => {
    const type =
      side === 'output' ? outputTypeText(types, nodeId, spec.name) : inputTypeText(types, nodeId, spec.name);
    return {
      side,
      port: spec.name,
      label: spec.label ?? spec.name,
      kind: spec.kind,
      ...(type !== undefined && { type }),
    };
  };
  return [
    ...def.outputs.map((spec) => choice('output', spec)),
    ...def.inputs.map((spec) => choice('input', spec)),
  ];
}

/**
 * Every port of every other node on the opposite side of `chosen`, allowed ones first (in document
 * order), then the refused ones with their reasons.
 */
export function targetChoices(
  doc: GraphDocument,
  registry: NodeRegistry,
  types: GraphTypes | undefined,
  chosen: { readonly node: string; readonly port: string; readonly side: PortSide },
  check: ConnectionCheck,
): TargetChoice[] {
  const choices: TargetChoice[] = [];
  for (const node of doc.nodes) {
    if (node.id === chosen.node) continue;
    const def = registry.get(node.type);
    if (!def) continue;
    const specs = chosen.side === 'output' ? def.inputs : def.outputs;
    for (const spec of specs) {
      const ref: PortRef = { node: node.id, port: spec.name };
      const mine: PortRef = { node: chosen.node, port: chosen.port };
      const [from, to] = chosen.side === 'output' ? [mine, ref] : [ref, mine];
      const problem = check(from, to);
      const type =
        chosen.side === 'output'
          ? inputTypeText(types, node.id, spec.name)
          : outputTypeText(types, node.id, spec.name);
      const replaces = problem === null ? replacedEdge(doc, registry, to) : undefined;
      choices.push({
        ref,
        nodeTitle: def.title,
        portLabel: spec.label ?? spec.name,
        kind: spec.kind,
        ...(type !== undefined && { type }),
        problem,
        ...(replaces !== undefined && { replaces }),
      });
    }
  }
  return [...choices.filter((c) => c.problem === null), ...choices.filter((c) => c.problem !== null)];
}

/** "flatten out" when `to` takes a single edge and already has one (connecting replaces it). */
function replacedEdge(doc: GraphDocument, registry: NodeRegistry, to: PortRef): string | undefined {
  const node = doc.nodes.find((n) => n.id === to.node);
  const spec = node && registry.get(node.type)?.inputs.find((p) => p.name === to.port);
  if (!spec || spec.multiple === true) return undefined;
  const edge = doc.edges.find((e) => e.to.node === to.node && e.to.port === to.port);
  return edge === undefined ? undefined : `${edge.from.node} ${edge.from.port}`;
}

/** Choices whose node title, node id or port name contain every word typed (any case, any order). */
export function filterTargets(choices: readonly TargetChoice[], query: string): TargetChoice[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...choices];
  return choices.filter((choice) => {
    const text =
      `${choice.nodeTitle} ${choice.ref.node} ${choice.portLabel} ${choice.ref.port}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** How a screen reader hears a target option, and what the option says under its name. */
export function targetDetail(choice: TargetChoice): string {
  if (choice.problem !== null) return `refused: ${choice.problem}`;
  const parts = [choice.type ?? choice.kind];
  if (choice.replaces !== undefined) parts.push(`replaces the edge from ${choice.replaces}`);
  return parts.join('; ');
}
