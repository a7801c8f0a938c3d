// The problems list's rows: every inference issue with the node it belongs to, errors first.

import type { GraphDocument } from '../../core/graph/document';
import type { NodeRegistry } from '../../core/types/definition';
import type { GraphIssue } from '../../core/types/issues';
import { paramLabel } from './param-form';

export interface ProblemRow {
  /** Stable within one list, for React keys. */
  readonly key: string;
  readonly issue: GraphIssue;
  /** The node to jump to; undefined for graph-wide issues. */
  readonly nodeId?: string;
  /** "Dense" or "Graph" for an issue on no node; a node id is added when two nodes share a title. */
  readonly nodeLabel: string;
  /** 'input "in"' or 'param "units"', in the definition's own labels. */
  readonly where?: string;
}

export interface ProblemCounts {
  readonly errors: number;
  readonly warnings: number;
}

export function problemCounts(issues: readonly GraphIssue[]): ProblemCounts {
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  return { errors, warnings: issues.length - errors };
}

/** "2 errors, 1 warning" or "No problems". */
export function countsText({ errors, warnings }: ProblemCounts): string {
  if (errors === 0 && warnings === 0) return 'No problems';
  const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

export function problemRows(
  issues: readonly GraphIssue[],
  doc: GraphDocument,
  registry: NodeRegistry,
): ProblemRow[] {
  const titleCount = new Map<string, number>();
  const titleOf = (type: string) => registry.get(type)?.title ?? type;
  for (const node of doc.nodes)
    titleCount.set(titleOf(node.type), (titleCount.get(titleOf(node.type)) ?? 0) + 1);

  const rows = issues.map((issue, index): ProblemRow => {
    const node = issue.node === undefined ? undefined : doc.nodes.find((n) => n.id === issue.node);
    const def = node && registry.get(node.type);
    let nodeLabel = 'Graph';
    if (node) {
      const title = titleOf(node.type);
      nodeLabel = (titleCount.get(title) ?? 0) > 1 ? `${title} (${node.id})` : title;
    } else if (issue.node !== undefined) nodeLabel = issue.node;
    let where: string | undefined;
    if (issue.port !== undefined) {
      const spec = def && [...def.inputs, ...def.outputs].find((p) => p.name === issue.port);
      where = `port "${spec?.label ?? issue.port}"`;
    } else if (issue.param !== undefined) {
      const spec = def?.params[issue.param];
      where = `param "${spec ? paramLabel(issue.param, spec) : issue.param}"`;
    }
    return {
      key: `${index}:${issue.code}:${issue.node ?? ''}:${issue.port ?? issue.param ?? ''}`,
      issue,
      ...(issue.node !== undefined && { nodeId: issue.node }),
      nodeLabel,
      ...(where !== undefined && { where }),
    };
  });
  // Errors first; within a severity the order inference found them in (graph order).
  const rank = (row: ProblemRow) => (row.issue.severity === 'error' ? 0 : 1);
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => rank(a.row) - rank(b.row) || a.i - b.i)
    .map((e) => e.row);
}
