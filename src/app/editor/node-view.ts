// What a node card shows, worked out from the document, the node's definition and inference:
// ports with kinds and inferred types, problems placed on the port that causes them, a compact
// param summary, and the networks an instance applies or an optimizer trains. Pure and plain data,
// so the canvas can compare two views cheaply and skip redrawing nodes whose view did not change.

import type { GraphDocument, GraphNode } from '../../core/graph/document';
import { optimizerNetworks, paramsWithDefaults, type GraphTypes } from '../../core/infer';
import type { NodeCategory, NodeRegistry, PortSpec } from '../../core/types/definition';
import type { GraphIssue, Severity } from '../../core/types/issues';
import type { ParamSpec, ParamValue } from '../../core/types/params';
import { formatType, type PortKind } from '../../core/types/ports';

export interface IssueView {
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
}

export interface PortView {
  readonly name: string;
  readonly label: string;
  readonly kind: PortKind;
  readonly multiple: boolean;
  readonly optional: boolean;
  readonly doc?: string;
  /** The inferred type in words ("vector [B,64]"); absent when inference stopped before it. */
  readonly type?: string;
  readonly issues: readonly IssueView[];
}

export interface NodeView {
  readonly id: string;
  readonly type: string;
  readonly title: string;
  readonly category: NodeCategory | 'unknown';
  readonly doc: string;
  readonly inputs: readonly PortView[];
  readonly outputs: readonly PortView[];
  /** "units 256", "relu": params that differ from their defaults first. */
  readonly params: readonly ParamChip[];
  /** Name of the network an instance node applies. */
  readonly applies?: string;
  /** Names of the networks an optimizer trains, and whether it chose them or took all upstream. */
  readonly trains?: { readonly names: readonly string[]; readonly chosen: boolean };
  /** Problems not tied to a port (bad params, cycles, unknown type). */
  readonly issues: readonly IssueView[];
  /** The worst severity of all the node's problems. */
  readonly severity?: Severity;
}

export interface ParamChip {
  readonly key: string;
  readonly text: string;
  readonly changed: boolean;
}

const issueView = (issue: GraphIssue): IssueView => ({
  severity: issue.severity,
  code: issue.code,
  message: issue.message,
  ...(issue.hint !== undefined && { hint: issue.hint }),
});

/** Issues by node id, so each node's view finds its own without scanning the whole list. */
export function issuesByNode(types: GraphTypes | undefined): ReadonlyMap<string, readonly GraphIssue[]> {
  const out = new Map<string, GraphIssue[]>();
  for (const issue of types?.issues ?? []) {
    if (issue.node === undefined) continue;
    const list = out.get(issue.node);
    if (list) list.push(issue);
    else out.set(issue.node, [issue]);
  }
  return out;
}

function formatValue(value: ParamValue): string {
  if (Array.isArray(value)) return `[${value.join(',')}]`;
  if (typeof value === 'number' && Math.abs(value) > 0 && Math.abs(value) < 1e-3)
    return value.toExponential(0);
  return String(value);
}

/** "units 64" reads as "64 units"; otherwise the label comes first. Units are left to the inspector. */
function chipText(key: string, spec: ParamSpec, value: ParamValue): string {
  const label = spec.label ?? key;
  const shown = formatValue(value);
  if (spec.kind === 'boolean') return `${label} ${value === true ? 'on' : 'off'}`;
  if (spec.kind === 'enum') return shown;
  if (spec.kind === 'number' && spec.unit === label) return `${shown} ${spec.unit}`;
  return `${label} ${shown}`;
}

const sameValue = (a: ParamValue | undefined, b: ParamValue): boolean =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((v, i) => v === b[i]) : a === b;

/** Param chips, non-default first; network params are shown as "applies"/"trains" instead. */
export function paramChips(
  specs: Readonly<Record<string, ParamSpec>>,
  params: Readonly<Record<string, ParamValue>>,
): ParamChip[] {
  const chips: ParamChip[] = [];
  for (const [key, spec] of Object.entries(specs)) {
    if (spec.kind === 'network' || spec.kind === 'networks') continue;
    const value = params[key] ?? spec.default;
    chips.push({ key, text: chipText(key, spec, value), changed: !sameValue(value, spec.default) });
  }
  return [...chips.filter((c) => c.changed), ...chips.filter((c) => !c.changed)];
}

function portViews(
  specs: readonly PortSpec[],
  typeText: (port: string) => string | undefined,
  issues: readonly GraphIssue[],
): PortView[] {
  return specs.map((spec) => {
    const type = typeText(spec.name);
    return {
      name: spec.name,
      label: spec.label ?? spec.name,
      kind: spec.kind,
      multiple: spec.multiple === true,
      optional: spec.optional === true,
      ...(spec.doc !== undefined && { doc: spec.doc }),
      ...(type !== undefined && { type }),
      issues: issues.filter((issue) => issue.port === spec.name).map(issueView),
    };
  });
}

export interface ViewContext {
  readonly doc: GraphDocument;
  readonly registry: NodeRegistry;
  readonly types: GraphTypes | undefined;
  readonly issues: ReadonlyMap<string, readonly GraphIssue[]>;
}

export function networkName(ctx: ViewContext, id: string): string {
  return ctx.types?.networks.get(id)?.name ?? ctx.doc.networks.find((n) => n.id === id)?.name ?? id;
}

export function nodeView(node: GraphNode, ctx: ViewContext): NodeView {
  const def = ctx.registry.get(node.type);
  const mine = ctx.issues.get(node.id) ?? [];
  const severity = mine.some((i) => i.severity === 'error')
    ? 'error'
    : mine.length > 0
      ? 'warning'
      : undefined;
  if (!def) {
    return {
      id: node.id,
      type: node.type,
      title: node.type,
      category: 'unknown',
      doc: `Unknown node type "${node.type}".`,
      inputs: [],
      outputs: [],
      params: [],
      issues: mine.map(issueView),
      ...(severity !== undefined && { severity }),
    };
  }
  const outputs = ctx.types?.outputs.get(node.id);
  const inputs = ctx.types?.inputs.get(node.id);
  const portNames = new Set([...def.inputs, ...def.outputs].map((p) => p.name));
  const inputText = (port: string): string | undefined => {
    const list = inputs?.[port];
    return list === undefined || list.length === 0 ? undefined : list.map(formatType).join(' + ');
  };
  const outputText = (port: string): string | undefined => {
    const type = outputs?.[port];
    return type === undefined ? undefined : formatType(type);
  };
  const params = paramsWithDefaults(def, node.params);
  let applies: string | undefined;
  let trains: NodeView['trains'];
  if (def.build.role === 'instance') {
    const id = def.build.network(params);
    applies = id === '' ? 'no network chosen' : networkName(ctx, id);
  } else if (def.build.role === 'optimizer') {
    const chosen = def.build.networks(params).length > 0;
    const ids =
      ctx.types === undefined
        ? [...def.build.networks(params)]
        : optimizerNetworks(ctx.types.index, ctx.registry, ctx.types.networkOf, node.id);
    trains = { names: ids.map((id) => networkName(ctx, id)), chosen };
  }
  return {
    id: node.id,
    type: node.type,
    title: def.title,
    category: def.category,
    doc: def.doc,
    inputs: portViews(def.inputs, inputText, mine),
    outputs: portViews(def.outputs, outputText, mine),
    params: paramChips(def.params, params),
    ...(applies !== undefined && { applies }),
    ...(trains !== undefined && { trains }),
    issues: mine.filter((i) => i.port === undefined || !portNames.has(i.port)).map(issueView),
    ...(severity !== undefined && { severity }),
  };
}

/**
 * Everything besides the node object itself that its view depends on, as a string: inferred types
 * and problems, and for instances and optimizers the names of the networks they show. Cheaper than
 * building the view, so unchanged nodes are recognised without building theirs.
 */
export function viewFacts(node: GraphNode, ctx: ViewContext): string {
  const role = ctx.registry.get(node.type)?.build.role;
  if (role === 'instance' || role === 'optimizer') return JSON.stringify(nodeView(node, ctx));
  const parts: string[] = [];
  for (const [port, type] of Object.entries(ctx.types?.outputs.get(node.id) ?? {}))
    parts.push(`o${port}=${formatType(type)}`);
  for (const [port, list] of Object.entries(ctx.types?.inputs.get(node.id) ?? {}))
    parts.push(`i${port}=${list.map(formatType).join('+')}`);
  for (const issue of ctx.issues.get(node.id) ?? [])
    parts.push(`!${issue.code}:${issue.port ?? ''}:${issue.message}`);
  return parts.join('\n');
}
