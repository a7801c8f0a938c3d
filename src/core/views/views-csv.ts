// The numbers behind each latent view as CSV: the map's points, the codes along an
// interpolation, the values and per-dimension statistics of a traversal, and the codes of an
// arithmetic A - B + C.

import type { DimensionStats, InterpolationKind } from './latent-math';

const cell = (value: string | number): string => {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
};

const lines = (rows: readonly (readonly (string | number)[])[]): string =>
  rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';

const codeColumns = (dim: number): string[] => Array.from({ length: dim }, (_, j) => `z${j}`);

export interface MapCsvInput {
  readonly points: ArrayLike<number>;
  readonly count: number;
  readonly labels: ArrayLike<number> | null;
  readonly classNames: readonly string[] | null;
}

/** One row per test image: its index in the class-balanced test order, class, and map position. */
export function mapCsv(input: MapCsvInput): string {
  const rows: (string | number)[][] = [['image', 'class', 'class_name', 'x', 'y']];
  for (let i = 0; i < input.count; i++) {
    const label = input.labels?.[i];
    rows.push([
      i,
      label ?? '',
      label === undefined ? '' : (input.classNames?.[label] ?? ''),
      input.points[2 * i] ?? NaN,
      input.points[2 * i + 1] ?? NaN,
    ]);
  }
  return lines(rows);
}

/** One row per step and kind of interpolation: t and the code decoded there. */
export function interpolationCsv(
  paths: readonly { readonly kind: InterpolationKind; readonly codes: ArrayLike<number> }[],
  ts: readonly number[],
  dim: number,
): string {
  const rows: (string | number)[][] = [['kind', 'step', 't', ...codeColumns(dim)]];
  for (const path of paths) {
    ts.forEach((t, s) => {
      rows.push([path.kind, s, t, ...Array.from({ length: dim }, (_, j) => path.codes[s * dim + j] ?? NaN)]);
    });
  }
  return lines(rows);
}

/** One row per dimension and column: the value set, with the dimension's statistic and whether it is active. */
export function traversalCsv(
  stats: DimensionStats,
  values: readonly (readonly number[])[],
  dims: readonly number[] = values.map((_, d) => d),
): string {
  const measure = stats.measure === 'kl' ? 'kl_nats' : 'variance';
  const rows: (string | number)[][] = [['dimension', 'column', 'value', measure, 'active']];
  values.forEach((row, r) => {
    const d = dims[r] ?? r;
    row.forEach((value, c) => rows.push([d, c, value, stats.values[d] ?? NaN, stats.active[d] ? 1 : 0]));
  });
  return lines(rows);
}

/** Four rows, A, B, C and A - B + C: the samples averaged (by number) and the code. */
export function arithmeticCsv(
  picks: readonly (readonly number[])[],
  codes: ArrayLike<number>,
  dim: number,
): string {
  const rows: (string | number)[][] = [['row', 'samples', ...codeColumns(dim)]];
  ['A', 'B', 'C', 'A - B + C'].forEach((name, r) => {
    rows.push([
      name,
      (picks[r] ?? []).join(' '),
      ...Array.from({ length: dim }, (_, j) => codes[r * dim + j] ?? NaN),
    ]);
  });
  return lines(rows);
}
