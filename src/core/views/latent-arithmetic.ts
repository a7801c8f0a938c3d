// Vector arithmetic on codes, the DCGAN paper's "a - b + c": each of A, B and C is the mean code
// of a few chosen samples (averaging makes a concept steadier than one sample), and the same sum
// over the pictures themselves shows what pixel-space arithmetic gives instead.

/** Most samples one of A, B, C may average. */
export const MAX_ARITHMETIC_PICKS = 8;

export type IndexList =
  { readonly ok: true; readonly indices: number[] } | { readonly ok: false; readonly problem: string };

/**
 * Reads "3, 17 42" as sample numbers 0..count-1: one to MAX_ARITHMETIC_PICKS whole numbers,
 * separated by commas or spaces. `name` names the field in the message.
 */
export function parseIndexList(text: string, count: number, name: string): IndexList {
  const parts = text.split(/[\s,]+/).filter((p) => p.length > 0);
  if (parts.length === 0) return { ok: false, problem: `${name} needs at least one sample number.` };
  if (parts.length > MAX_ARITHMETIC_PICKS) {
    return {
      ok: false,
      problem: `${name} averages at most ${MAX_ARITHMETIC_PICKS} samples; got ${parts.length}.`,
    };
  }
  const indices: number[] = [];
  for (const part of parts) {
    const value = /^\d+$/.test(part) ? Number(part) : NaN;
    if (!Number.isInteger(value) || value >= count) {
      return {
        ok: false,
        problem: `${name}: "${part}" is not a sample number from 0 to ${count - 1}.`,
      };
    }
    indices.push(value);
  }
  return { ok: true, indices };
}

/** The mean of rows `indices` of a row-major matrix with `dim` columns. */
export function meanRow(data: ArrayLike<number>, dim: number, indices: readonly number[]): Float32Array {
  const out = new Float32Array(dim);
  if (indices.length === 0) return out;
  for (const index of indices) {
    for (let j = 0; j < dim; j++) out[j]! += (data[index * dim + j] ?? 0) / indices.length;
  }
  return out;
}

/** a - b + c, element by element. */
export function analogy(a: ArrayLike<number>, b: ArrayLike<number>, c: ArrayLike<number>): Float32Array {
  if (a.length !== b.length || a.length !== c.length) {
    throw new Error(`codes of different lengths: ${a.length}, ${b.length} and ${c.length}`);
  }
  return Float32Array.from({ length: a.length }, (_, i) => (a[i] ?? 0) - (b[i] ?? 0) + (c[i] ?? 0));
}

/** The same sum over pictures (values 0..1), clipped back to 0..1 as a picture must be. */
export function pixelAnalogy(a: ArrayLike<number>, b: ArrayLike<number>, c: ArrayLike<number>): Float32Array {
  return analogy(a, b, c).map((v) => Math.min(1, Math.max(0, v)));
}
