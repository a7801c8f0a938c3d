// Turns the recorded loss history into what a chart draws: iterations on x, one row of values per
// series (sums worked out, optionally smoothed and cut to what a log scale can show), the latest value
// of each series for the legend, and the whole history as CSV.

import type { ChartGroup, ChartSeries } from './chart-model';
import type { LossSeries } from './training-store';

export type History = Readonly<Record<string, LossSeries>>;

export interface ChartOptions {
  /** Exponential moving average of each curve. */
  readonly smooth: boolean;
  /** Values that are not positive become gaps (a log axis cannot show them). */
  readonly log: boolean;
}

export interface ChartData {
  readonly iterations: number[];
  /** One row per series of the group, in its order; null where there is no value. */
  readonly values: (number | null)[][];
}

/** How much of the previous average each new value keeps: 0.9 averages over about the last 10 points. */
export const SMOOTHING = 0.9;

/**
 * Exponential moving average, divided by (1 - keep^n) so the first values are not pulled towards 0;
 * a gap or a non-finite value stays a gap and leaves the average as it was.
 */
export function ema(values: readonly (number | null)[], keep = SMOOTHING): (number | null)[] {
  let average = 0;
  let seen = 0;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    average = keep * average + (1 - keep) * v;
    seen += 1;
    return average / (1 - keep ** seen);
  });
}

/** Each node's values by iteration. */
function byIteration(history: History, node: string): Map<number, number> {
  const series = history[node];
  const out = new Map<number, number>();
  if (!series) return out;
  series.iterations.forEach((it, i) => out.set(it, series.values[i] ?? NaN));
  return out;
}

function seriesValues(
  series: ChartSeries,
  iterations: readonly number[],
  lookup: (node: string) => Map<number, number>,
): (number | null)[] {
  return iterations.map((it) => {
    let sum = 0;
    for (const term of series.terms) {
      const v = lookup(term.node).get(it);
      // A sum is shown only where every term was recorded, so it never dips where one is missing.
      if (v === undefined || !Number.isFinite(v)) return null;
      sum += term.weight * v;
    }
    return sum;
  });
}

/** The group's curves on the union of the iterations its nodes were recorded at. */
export function chartData(group: ChartGroup, history: History, options: ChartOptions): ChartData {
  const cache = new Map<string, Map<number, number>>();
  const lookup = (node: string) => {
    let found = cache.get(node);
    if (!found) cache.set(node, (found = byIteration(history, node)));
    return found;
  };
  const all = new Set<number>();
  for (const series of group.series) {
    for (const term of series.terms) for (const it of lookup(term.node).keys()) all.add(it);
  }
  const iterations = [...all].sort((a, b) => a - b);
  const values = group.series.map((series) => {
    let row = seriesValues(series, iterations, lookup);
    if (options.smooth) row = ema(row);
    if (options.log) row = row.map((v) => (v !== null && v > 0 ? v : null));
    return row;
  });
  return { iterations, values };
}

/** The last value of each row that is not a gap, with its iteration. */
export function latestValues(data: ChartData): ({ iteration: number; value: number } | null)[] {
  return data.values.map((row) => {
    for (let i = row.length - 1; i >= 0; i--) {
      const value = row[i];
      const iteration = data.iterations[i];
      if (value !== null && value !== undefined && iteration !== undefined) return { iteration, value };
    }
    return null;
  });
}

/** A number as a legend shows it: four significant digits, exponent form when very small or large. */
export function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const size = Math.abs(value);
  if (size !== 0 && (size < 1e-3 || size >= 1e5)) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

const csvCell = (text: string): string => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * The whole recorded history as CSV: an iteration column, then one column per recorded node (named
 * by `label`, the node id when it gives none), an empty cell where a node has no value at that row.
 */
export function historyCsv(history: History, label: (node: string) => string = (node) => node): string {
  const nodes = Object.keys(history);
  const rows = new Map<number, (number | undefined)[]>();
  nodes.forEach((node, column) => {
    const series = history[node];
    series?.iterations.forEach((it, i) => {
      let row = rows.get(it);
      if (!row) rows.set(it, (row = new Array<number | undefined>(nodes.length).fill(undefined)));
      row[column] = series.values[i];
    });
  });
  const lines = [['iteration', ...nodes.map(label)].map(csvCell).join(',')];
  for (const it of [...rows.keys()].sort((a, b) => a - b)) {
    const row = rows.get(it) ?? [];
    lines.push([String(it), ...row.map((v) => (v === undefined ? '' : String(v)))].join(','));
  }
  return `${lines.join('\n')}\n`;
}
