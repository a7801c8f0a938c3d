import { describe, expect, it } from 'vitest';
import {
  checkRecord,
  interleaveClasses,
  sourceRecords,
  splitClass,
  writeRecord,
} from '../../src/core/data/records';

const SIZE = 4; // tiny "images" keep the crafted records readable

describe('checkRecord', () => {
  it('accepts a unit record in [0, 1] and a byte record in [0, 255]', () => {
    expect(checkRecord([0, 0.5, 1, 0.25], SIZE, 'unit')).toBeUndefined();
    expect(checkRecord([0, 17, 255, 3], SIZE, 'byte')).toBeUndefined();
  });

  it.each([
    ['a missing record', undefined, 'missing'],
    ['a null record', null, 'missing'],
    ['a string record', '0,0,0,0', 'not-an-array'],
    ['an object record', { 0: 1, length: 4 }, 'not-an-array'],
    ['an empty record', [], 'wrong-length'],
    ['a record one value short', [0, 0, 0], 'wrong-length'],
    ['a record one value long', [0, 0, 0, 0, 0], 'wrong-length'],
    ['a record holding NaN', [0, Number.NaN, 0, 0], 'not-a-number'],
    ['a record holding null (how JSON writes NaN)', [0, null, 0, 0], 'not-a-number'],
    ['a record holding a numeric string', [0, '1', 0, 0], 'not-a-number'],
    ['a record with a hole', [0, , 0, 0], 'not-a-number'], // eslint-disable-line no-sparse-arrays
    ['a unit record above 1', [0, 1.5, 0, 0], 'out-of-range'],
    ['a unit record below 0', [0, -0.01, 0, 0], 'out-of-range'],
    ['a unit record holding Infinity', [0, Infinity, 0, 0], 'out-of-range'],
  ])('drops %s', (_title, record, reason) => {
    expect(checkRecord(record, SIZE, 'unit')).toBe(reason);
  });

  it('drops a byte record above 255 or below 0 as out of range', () => {
    expect(checkRecord([0, 256, 0, 0], SIZE, 'byte')).toBe('out-of-range');
    expect(checkRecord([-1, 0, 0, 0], SIZE, 'byte')).toBe('out-of-range');
  });

  it('names not-a-number when a record is both out of range and not numeric', () => {
    expect(checkRecord([5, 'x', 0, 0], SIZE, 'unit')).toBe('not-a-number');
  });
});

describe('writeRecord', () => {
  it('scales unit values to rounded bytes and copies byte values', () => {
    const out = new Uint8Array(8);
    writeRecord([0, 0.5, 1, 0.1], 'unit', out, 0);
    writeRecord([0, 7, 255, 128], 'byte', out, 4);
    expect(Array.from(out)).toEqual([0, 128, 255, 26, 0, 7, 255, 128]);
  });
});

describe('sourceRecords', () => {
  it('cuts a flat array into records and keeps a trailing short record for validation to drop', () => {
    const records = sourceRecords({ data: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, 'flat', SIZE);
    expect(records).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9]]);
    expect(checkRecord(records[2], SIZE, 'byte')).toBe('wrong-length');
  });

  it('returns the records of a nested array as they are', () => {
    expect(sourceRecords({ data: [[1, 2, 3, 4], null] }, 'nested', SIZE)).toEqual([[1, 2, 3, 4], null]);
  });

  it('throws when the file is not an object with a data array', () => {
    expect(() => sourceRecords([1, 2, 3, 4], 'flat', SIZE)).toThrow(/"data" array/);
    expect(() => sourceRecords({ data: 'x' }, 'nested', SIZE)).toThrow(/"data" array/);
    expect(() => sourceRecords(null, 'nested', SIZE)).toThrow(/"data" array/);
  });
});

describe('splitClass', () => {
  const record = (v: number): number[] => [v, v, v, v];

  it('makes the first valid records train and the next ones test, skipping bad ones', () => {
    const records = [record(1), null, record(2), [1, 2], record(3), record(4), record(5), record(6)];
    const split = splitClass(records, SIZE, 'byte', 3, 2);
    expect(split.trainCount).toBe(3);
    expect(split.testCount).toBe(2);
    expect(Array.from(split.train)).toEqual([...record(1), ...record(2), ...record(3)]);
    expect(Array.from(split.test)).toEqual([...record(4), ...record(5)]);
    expect(split.dropped.missing).toBe(1);
    expect(split.dropped['wrong-length']).toBe(1);
  });

  it('counts malformed records beyond the quota too', () => {
    const split = splitClass([record(1), record(2), [300, 0, 0, 0]], SIZE, 'byte', 1, 1);
    expect(split.dropped['out-of-range']).toBe(1);
  });

  it('fills train first and keeps what there is for test when a class is short', () => {
    const split = splitClass([record(1), record(2), record(3), 'bad'], SIZE, 'byte', 2, 5);
    expect(split.trainCount).toBe(2);
    expect(split.testCount).toBe(1);
    expect(split.test).toHaveLength(SIZE);
    expect(split.dropped['not-an-array']).toBe(1);
  });

  it('gives an empty split for a class with no valid records instead of throwing', () => {
    const split = splitClass([null, [Number.NaN, 0, 0, 0]], SIZE, 'unit', 2, 2);
    expect(split.trainCount + split.testCount).toBe(0);
    expect(split.dropped.missing + split.dropped['not-a-number']).toBe(2);
  });
});

describe('interleaveClasses', () => {
  it('orders images round-robin by class so every prefix is balanced', () => {
    const block = (label: number, count: number) => ({
      images: new Uint8Array(count * 2).fill(label * 10),
      count,
    });
    const merged = interleaveClasses([block(0, 3), block(1, 3), block(2, 3)], 2);
    expect(merged.count).toBe(9);
    expect(Array.from(merged.labels)).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2]);
    for (let i = 0; i < 9; i++) expect(merged.images[2 * i]).toBe((merged.labels[i] ?? 0) * 10);
  });

  it('skips a class once it runs out', () => {
    const block = (count: number) => ({ images: new Uint8Array(count), count });
    const merged = interleaveClasses([block(1), block(3), block(0), block(2)], 1);
    expect(Array.from(merged.labels)).toEqual([0, 1, 3, 1, 3, 1]);
  });

  it('keeps each class in source order', () => {
    const merged = interleaveClasses(
      [
        { images: Uint8Array.from([1, 2, 3]), count: 3 },
        { images: Uint8Array.from([4, 5]), count: 2 },
      ],
      1,
    );
    expect(Array.from(merged.images)).toEqual([1, 4, 2, 5, 3]);
  });
});
