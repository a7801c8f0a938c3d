// Which node types the palette and the quick-add menu list: families in catalogue order, and a
// search that ranks matches on title, type id and doc so the best one comes first for Enter.

import type { AnyNodeDefinition, NodeCategory } from '../../core/types/definition';

/** Family headings, in the student's words. */
export const CATEGORY_LABELS: Readonly<Record<NodeCategory, string>> = {
  source: 'Sources',
  corruption: 'Corruptions',
  layer: 'Layers',
  op: 'Tensor ops',
  loss: 'Losses',
  optimizer: 'Optimizers',
  network: 'Networks',
  metric: 'Metrics',
};

export interface CatalogueGroup {
  readonly category: NodeCategory;
  readonly label: string;
  readonly definitions: readonly AnyNodeDefinition[];
}

/** Families in the order their first type appears in the catalogue; types keep catalogue order. */
export function groupByCategory(definitions: readonly AnyNodeDefinition[]): CatalogueGroup[] {
  const groups = new Map<NodeCategory, AnyNodeDefinition[]>();
  for (const def of definitions) {
    const list = groups.get(def.category);
    if (list) list.push(def);
    else groups.set(def.category, [def]);
  }
  return [...groups].map(([category, defs]) => ({
    category,
    label: CATEGORY_LABELS[category],
    definitions: defs,
  }));
}

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');

/**
 * How well one search term fits a definition, lower is better, or null when it does not fit:
 * a whole title or type name beats a title prefix, which beats a word start, then substrings of the
 * title, the type id and finally the doc line.
 */
function termScore(def: AnyNodeDefinition, term: string): number | null {
  const title = def.title.toLowerCase();
  const type = def.type.toLowerCase();
  const typeParts = words(type);
  const lastPart = type.slice(type.indexOf('.') + 1);
  if (title === term || type === term || lastPart === term) return 0;
  if (title.startsWith(term)) return 1;
  if (words(title).some((w) => w.startsWith(term)) || typeParts.some((w) => w.startsWith(term))) return 2;
  if (title.includes(term)) return 3;
  if (type.includes(term)) return 4;
  const doc = def.doc.toLowerCase();
  if (words(doc).some((w) => w.startsWith(term))) return 5;
  if (doc.includes(term)) return 6;
  return null;
}

/** The score of a whole query (every term must fit; the worst term decides), or null. */
export function matchScore(def: AnyNodeDefinition, query: string): number | null {
  const terms = query
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t !== '');
  let worst = 0;
  for (const term of terms) {
    const score = termScore(def, term);
    if (score === null) return null;
    worst = Math.max(worst, score);
  }
  return worst;
}

/** Definitions that fit a query, best first, ties in catalogue order; an empty query keeps them all. */
export function searchCatalogue(
  definitions: readonly AnyNodeDefinition[],
  query: string,
): AnyNodeDefinition[] {
  if (query.trim() === '') return [...definitions];
  return definitions
    .map((def, index) => ({ def, index, score: matchScore(def, query) }))
    .filter(
      (entry): entry is { def: AnyNodeDefinition; index: number; score: number } => entry.score !== null,
    )
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map((entry) => entry.def);
}

/** The active row after a key press in a list of `count` rows; -1 when the list is empty. */
export function moveActive(current: number, key: string, count: number): number {
  if (count === 0) return -1;
  const from = Math.min(Math.max(current, 0), count - 1);
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : (from + 1) % count;
    case 'ArrowUp':
      return current < 0 ? count - 1 : (from - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return Math.min(from + 8, count - 1);
    case 'PageUp':
      return Math.max(from - 8, 0);
    default:
      return from;
  }
}

/** The dataTransfer type a palette item carries when dragged onto the canvas; its data is the type id. */
export const NODE_DRAG_TYPE = 'application/x-latent-lab-node';
