// What the inspector shows for the current selection, decided without React: one node, a network
// frame, several nodes, or the document itself; and the inferred types of a node's ports.

import type { GraphDocument, GraphNode, NetworkDef } from '../../core/graph/document';
import type { AnyNodeDefinition, NodeRegistry, PortSpec } from '../../core/types/definition';
import type { GraphIssue } from '../../core/types/issues';
import type { GraphTypes } from '../../core/infer';
import { formatType } from '../../core/types/ports';

export type InspectorSubject =
  | { readonly kind: 'document' }
  | { readonly kind: 'node'; readonly node: GraphNode; readonly definition: AnyNodeDefinition | undefined }
  | { readonly kind: 'network'; readonly network: NetworkDef; readonly members: readonly GraphNode[] }
  | { readonly kind: 'many'; readonly nodes: readonly GraphNode[] };

/**
 * The subject for a selection: nodes first; with none, the network of a selected frame (the canvas
 * keeps frame selection itself and passes its id); ids the document no longer has are ignored.
 */
export function inspectorSubject(
  selected: readonly string[],
  doc: GraphDocument,
  registry: NodeRegistry,
  selectedNetwork?: string,
): InspectorSubject {
  const nodes = selected.flatMap((id) => doc.nodes.filter((n) => n.id === id));
  if (nodes.length > 1) return { kind: 'many', nodes };
  const [node] = nodes;
  if (node) return { kind: 'node', node, definition: registry.get(node.type) };
  const network = doc.networks.find((n) => n.id === selectedNetwork);
  if (network)
    return { kind: 'network', network, members: doc.nodes.filter((n) => n.network === network.id) };
  return { kind: 'document' };
}

export interface PortTypeRow {
  readonly name: string;
  readonly label: string;
  readonly kind: PortSpec['kind'];
  /** Formatted types on the port ("image [B,28,28,1]"); empty when nothing arrives or inference stopped. */
  readonly types: readonly string[];
  /** Why there is no type: "not connected", "optional, not connected" or "not inferred". */
  readonly missing?: string;
}

export function inputTypeRows(def: AnyNodeDefinition, nodeId: string, inferred: GraphTypes): PortTypeRow[] {
  const inputs = inferred.inputs.get(nodeId);
  const connected = new Set((inferred.index.incoming.get(nodeId) ?? []).map((edge) => edge.to.port));
  return def.inputs.map((spec) => {
    const types = collapseRepeats((inputs?.[spec.name] ?? []).map(formatType));
    let missing: string | undefined;
    if (types.length === 0)
      missing = !connected.has(spec.name)
        ? spec.optional
          ? 'optional, not connected'
          : 'not connected'
        : 'not inferred';
    return {
      name: spec.name,
      label: spec.label ?? spec.name,
      kind: spec.kind,
      types,
      ...(missing && { missing }),
    };
  });
}

export function outputTypeRows(def: AnyNodeDefinition, nodeId: string, inferred: GraphTypes): PortTypeRow[] {
  const outputs = inferred.outputs.get(nodeId);
  return def.outputs.map((spec) => {
    const type = outputs?.[spec.name];
    return {
      name: spec.name,
      label: spec.label ?? spec.name,
      kind: spec.kind,
      types: type ? [formatType(type)] : [],
      ...(!type && { missing: 'not inferred' }),
    };
  });
}

/** ["loss", "loss", "vector [B,2]"] → ["loss ×2", "vector [B,2]"]: a many-edge port reads at a glance. */
export function collapseRepeats(types: readonly string[]): string[] {
  const out: { text: string; count: number }[] = [];
  for (const text of types) {
    const last = out[out.length - 1];
    if (last && last.text === text) last.count += 1;
    else out.push({ text, count: 1 });
  }
  return out.map(({ text, count }) => (count > 1 ? `${text} ×${count}` : text));
}

/** Issues on one node, errors first. */
export function nodeIssues(issues: readonly GraphIssue[], nodeId: string): GraphIssue[] {
  const mine = issues.filter((issue) => issue.node === nodeId);
  return [...mine.filter((i) => i.severity === 'error'), ...mine.filter((i) => i.severity !== 'error')];
}

/** Issues about one param of a node, for the message under its field. */
export function paramIssues(issues: readonly GraphIssue[], nodeId: string, param: string): GraphIssue[] {
  return issues.filter((issue) => issue.node === nodeId && issue.param === param);
}

/** "Network 3": the first numbered name no network of the document has yet. */
export function suggestNetworkName(doc: GraphDocument): string {
  const taken = new Set(doc.networks.map((n) => n.name.toLowerCase()));
  for (let i = doc.networks.length + 1; ; i++) {
    const name = `Network ${i}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}
