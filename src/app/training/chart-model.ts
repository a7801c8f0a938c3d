// What the training panel charts, worked out from the document and the node definitions: one chart of
// loss terms per optimizer (with their weighted total, and a VAE's negative ELBO where the definitions
// say its two terms are there), one chart of metrics, and one for any other recorded value.
// Plain data and pure functions, so the panel's React side only draws them.

import type { GraphDocument, GraphNode } from '../../core/graph/document';
import { paramsWithDefaults } from '../../core/infer';
import type { AnyNodeDefinition, ElboTerm, NodeRegistry } from '../../core/types/definition';

/** One term of a series: a recorded node value times a weight. */
export interface SeriesTerm {
  readonly node: string;
  readonly weight: number;
}

export type SeriesRole = 'term' | 'metric' | 'total' | 'elbo';

export interface ChartSeries {
  /** Unique in its chart: the node id for a recorded value, `total:`/`elbo:` for sums. */
  readonly key: string;
  readonly label: string;
  readonly role: SeriesRole;
  /** Values are the sum of these terms at each iteration; a single term of weight 1 is the node itself. */
  readonly terms: readonly SeriesTerm[];
}

export interface ElboParts {
  readonly reconstruction: readonly string[];
  readonly kl: readonly string[];
  /** Some weight is not 1, so what the optimizer minimises is not -ELBO itself. */
  readonly weighted: boolean;
}

export interface ChartGroup {
  readonly id: string;
  readonly kind: 'loss' | 'metric';
  readonly title: string;
  /** One line under the title: which optimizer, what the total is. */
  readonly caption: string;
  readonly series: readonly ChartSeries[];
  readonly elbo?: ElboParts;
}

export const ELBO_TITLE = 'negative ELBO (nats per image) = reconstruction + KL';

interface Placed {
  readonly node: GraphNode;
  readonly def: AnyNodeDefinition | undefined;
  readonly params: Readonly<Record<string, unknown>>;
}

function place(node: GraphNode, registry: NodeRegistry): Placed {
  const def = registry.get(node.type);
  return { node, def, params: def ? paramsWithDefaults(def, node.params) : node.params };
}

/** The weight the trainer multiplies a loss term by (its `weight` param, 1 when it has none). */
function lossWeight(p: Placed): number {
  const weight = Number(p.params.weight ?? 1);
  return Number.isFinite(weight) ? weight : 1;
}

const formatWeight = (w: number): string => String(Number(w.toPrecision(4)));

/** "kl (KL to N(0, I), weight 4)": the node id the student sees on the card, then what it is. */
export function seriesLabel(p: Placed, weight?: number): string {
  const details = [p.def?.title, weight !== undefined && weight !== 1 ? `weight ${formatWeight(weight)}` : '']
    .filter(Boolean)
    .join(', ');
  return details ? `${p.node.id} (${details})` : p.node.id;
}

/** Which part of -ELBO a loss node is, from its definition. */
export function elboTermOf(p: Placed): ElboTerm | null {
  return p.def?.elboTerm?.(p.params as never) ?? null;
}

/** Reconstruction and KL terms among an optimizer's losses, when both are there. */
export function elboParts(losses: readonly Placed[]): ElboParts | undefined {
  const reconstruction = losses.filter((p) => elboTermOf(p) === 'reconstruction').map((p) => p.node.id);
  const kl = losses.filter((p) => elboTermOf(p) === 'kl').map((p) => p.node.id);
  if (reconstruction.length === 0 || kl.length === 0) return undefined;
  return { reconstruction, kl, weighted: losses.some((p) => lossWeight(p) !== 1) };
}

function optimizerGroup(optimizer: Placed, losses: readonly Placed[]): ChartGroup {
  const id = optimizer.node.id;
  const name = `${id} (${optimizer.def?.title ?? optimizer.node.type})`;
  const terms: ChartSeries[] = losses.map((p) => ({
    key: p.node.id,
    label: seriesLabel(p, lossWeight(p)),
    role: 'term',
    terms: [{ node: p.node.id, weight: 1 }],
  }));
  const weightedTerms = losses.map((p) => ({ node: p.node.id, weight: lossWeight(p) }));
  const elbo = elboParts(losses);
  const series = [...terms];
  if (elbo) {
    const parts = [...elbo.reconstruction, ...elbo.kl];
    series.push({
      key: `elbo:${id}`,
      label: '−ELBO = reconstruction + KL',
      role: 'elbo',
      terms: parts.map((node) => ({ node, weight: 1 })),
    });
    // What the optimizer minimises differs from -ELBO when a weight is not 1 or other terms join in.
    if (elbo.weighted || parts.length < losses.length) {
      series.push({
        key: `total:${id}`,
        label: elbo.weighted ? 'β-weighted loss (what the optimizer minimises)' : 'total loss',
        role: 'total',
        terms: weightedTerms,
      });
    }
    return {
      id: `optimizer:${id}`,
      kind: 'loss',
      title: ELBO_TITLE,
      caption: `minimised by ${name}`,
      series,
      elbo,
    };
  }
  if (losses.length > 1 || losses.some((p) => lossWeight(p) !== 1)) {
    series.push({ key: `total:${id}`, label: 'weighted total', role: 'total', terms: weightedTerms });
  }
  return {
    id: `optimizer:${id}`,
    kind: 'loss',
    title: `Loss terms of ${name}`,
    caption: series.some((s) => s.role === 'total')
      ? 'the weighted total is what the optimizer minimises'
      : 'what the optimizer minimises',
    series,
  };
}

const categoryOf = (p: Placed | undefined) => p?.def?.category;

/**
 * The panel's charts for a document. `recorded` lists the keys of the loss history, so a value of a
 * node in the graph that belongs to no optimizer and is no metric (as far as the registry knows) is
 * still charted.
 */
export function chartGroups(
  doc: GraphDocument,
  registry: NodeRegistry,
  recorded: readonly string[] = [],
): ChartGroup[] {
  const placed = new Map(doc.nodes.map((n) => [n.id, place(n, registry)]));
  const groups: ChartGroup[] = [];
  const charted = new Set<string>();
  for (const p of placed.values()) {
    if (categoryOf(p) !== 'optimizer') continue;
    const losses: Placed[] = [];
    for (const edge of doc.edges) {
      const from = placed.get(edge.from.node);
      if (edge.to.node !== p.node.id || categoryOf(from) !== 'loss' || !from) continue;
      if (!losses.includes(from)) losses.push(from);
    }
    if (losses.length === 0) continue;
    for (const loss of losses) charted.add(loss.node.id);
    groups.push(optimizerGroup(p, losses));
  }
  const metrics = [...placed.values()].filter((p) => categoryOf(p) === 'metric');
  for (const key of recorded) {
    const p = placed.get(key);
    if (p && categoryOf(p) === 'metric' && !metrics.includes(p)) metrics.push(p);
  }
  if (metrics.length > 0) {
    for (const p of metrics) charted.add(p.node.id);
    groups.push({
      id: 'metrics',
      kind: 'metric',
      title: 'Metrics',
      caption: 'measured every step, not trained on',
      series: metrics.map((p) => ({
        key: p.node.id,
        label: seriesLabel(p),
        role: 'metric',
        terms: [{ node: p.node.id, weight: 1 }],
      })),
    });
  }
  // Nodes since deleted (or left from the graph opened before) are in the CSV but not charted.
  const others = recorded.flatMap((key) => {
    const p = placed.get(key);
    return p && !charted.has(key) ? [p] : [];
  });
  if (others.length > 0) {
    groups.push({
      id: 'other',
      kind: 'loss',
      title: 'Other recorded values',
      caption: 'values of nodes that feed no optimizer',
      series: others.map((p) => ({
        key: p.node.id,
        label: seriesLabel(p),
        role: 'term',
        terms: [{ node: p.node.id, weight: 1 }],
      })),
    });
  }
  return groups;
}
