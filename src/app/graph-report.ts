// What the page shows about a graph, worked out once from the document: nodes in evaluation order
// with their output types, and the problems inference found. Pure, so the view only draws it.

import type { GraphDocument } from '../core/graph/document';
import type { LoadWarning } from '../core/graph/load';
import { inferGraph, paramsWithDefaults, type GraphTypes } from '../core/infer';
import type { NodeRegistry } from '../core/types/definition';
import { makeIssue, type GraphIssue, type Severity } from '../core/types/issues';
import { formatType } from '../core/types/ports';

export interface PortRow {
  readonly port: string;
  /** The inferred type in words ("image [B,28,28,1]"), or null when inference stopped before it. */
  readonly type: string | null;
}

export interface NodeRow {
  readonly id: string;
  readonly type: string;
  readonly typeTitle: string;
  /** Name of the network the node is a layer of. */
  readonly network?: string;
  /** Name of the network an instance node applies again. */
  readonly applies?: string;
  readonly outputs: readonly PortRow[];
  /** False for nodes inference could not place in the order (part of a cycle). */
  readonly evaluated: boolean;
  readonly errors: number;
  readonly warnings: number;
}

export interface IssueRow {
  readonly severity: Severity;
  readonly code: string;
  readonly node?: string;
  readonly nodeTitle?: string;
  /** The port or param the issue is about. */
  readonly where?: string;
  readonly message: string;
  readonly hint?: string;
}

export interface GraphReport {
  readonly nodes: readonly NodeRow[];
  /** Errors first, then warnings, each in evaluation order. */
  readonly issues: readonly IssueRow[];
  readonly errors: number;
  readonly warnings: number;
}

export interface LoadedGraph {
  readonly doc: GraphDocument;
  readonly warnings: readonly LoadWarning[];
}

/** Inference never should throw; if it does, the page still shows the nodes and names the failure. */
function safeInfer(doc: GraphDocument, registry: NodeRegistry): GraphTypes | GraphIssue {
  try {
    return inferGraph(doc, registry);
  } catch (error) {
    return makeIssue('E_INTERNAL', { detail: error instanceof Error ? error.message : String(error) });
  }
}

export function describeGraph(doc: GraphDocument, registry: NodeRegistry): GraphReport {
  const inferred = safeInfer(doc, registry);
  const types = 'order' in inferred ? inferred : undefined;
  const graphIssues = types ? types.issues : [inferred as GraphIssue];
  const byId = new Map(doc.nodes.map((node) => [node.id, node]));
  const networkName = (id: string | undefined): string | undefined =>
    id === undefined
      ? undefined
      : (types?.networks.get(id)?.name ?? doc.networks.find((n) => n.id === id)?.name);

  const order = types ? [...types.order] : [];
  const placed = new Set(order);
  const rest = doc.nodes.map((node) => node.id).filter((id) => !placed.has(id));

  const nodes = [...order, ...rest].flatMap((id): NodeRow[] => {
    const node = byId.get(id);
    if (!node) return [];
    const def = registry.get(node.type);
    const outputs = types?.outputs.get(id);
    const mine = graphIssues.filter((issue) => issue.node === id);
    const applies =
      def?.build.role === 'instance'
        ? networkName(def.build.network(paramsWithDefaults(def, node.params)))
        : undefined;
    const network = networkName(types?.networkOf.get(id) ?? node.network);
    return [
      {
        id,
        type: node.type,
        typeTitle: def?.title ?? `unknown type ${node.type}`,
        ...(network !== undefined && { network }),
        ...(applies !== undefined && { applies }),
        outputs: (def?.outputs ?? []).map((spec) => {
          const type = outputs?.[spec.name];
          return { port: spec.name, type: type === undefined ? null : formatType(type) };
        }),
        evaluated: placed.has(id),
        errors: mine.filter((issue) => issue.severity === 'error').length,
        warnings: mine.filter((issue) => issue.severity === 'warning').length,
      },
    ];
  });

  const rank = new Map(nodes.map((row, index) => [row.id, index]));
  const severityRank = (s: Severity): number => (s === 'error' ? 0 : 1);
  const issues = graphIssues
    .map((issue, index) => ({ issue, index }))
    .sort(
      (a, b) =>
        severityRank(a.issue.severity) - severityRank(b.issue.severity) ||
        (rank.get(a.issue.node ?? '') ?? -1) - (rank.get(b.issue.node ?? '') ?? -1) ||
        a.index - b.index,
    )
    .map(({ issue }): IssueRow => {
      const node = issue.node === undefined ? undefined : byId.get(issue.node);
      const nodeTitle = node && registry.get(node.type)?.title;
      const where = issue.port ?? issue.param;
      return {
        severity: issue.severity,
        code: issue.code,
        ...(issue.node !== undefined && { node: issue.node }),
        ...(nodeTitle !== undefined && { nodeTitle }),
        ...(where !== undefined && { where }),
        message: issue.message,
        ...(issue.hint !== undefined && { hint: issue.hint }),
      };
    });

  return {
    nodes,
    issues,
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
  };
}
