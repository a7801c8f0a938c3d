// Small statistics and timing helpers for `npm run bench`.

/** The value at fraction `q` (0..1) of the sorted values, interpolating between neighbours. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const low = Math.floor(at);
  const high = Math.ceil(at);
  const a = sorted[low] ?? Number.NaN;
  const b = sorted[high] ?? Number.NaN;
  return a + (b - a) * (at - low);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** Milliseconds of each of `runs` calls of `work`, after `warmup` untimed calls. */
export async function timeRuns(
  runs: number,
  warmup: number,
  work: () => unknown | Promise<unknown>,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return times;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Rounds to a few significant figures so the JSON stays readable. */
export function round(value: number, digits = 4): number {
  return Number.isFinite(value) ? Number(value.toPrecision(digits)) : value;
}
