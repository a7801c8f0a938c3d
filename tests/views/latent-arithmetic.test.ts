// Code arithmetic for the views: sample lists read from what a student types, mean codes, a - b + c
// on codes and (clipped) on pictures, and its CSV.
import { describe, expect, it } from 'vitest';
import {
  analogy,
  MAX_ARITHMETIC_PICKS,
  meanRow,
  parseIndexList,
  pixelAnalogy,
} from '../../src/core/views/latent-arithmetic';
import { arithmeticCsv } from '../../src/core/views/views-csv';

describe('latent arithmetic', () => {
  it('reads sample numbers separated by commas or spaces', () => {
    expect(parseIndexList(' 3, 17 42 ', 100, 'A')).toEqual({ ok: true, indices: [3, 17, 42] });
    expect(parseIndexList('0', 1, 'B')).toEqual({ ok: true, indices: [0] });
  });

  it('refuses an empty field, too many samples, a number out of range and anything else, naming the field', () => {
    const problem = (text: string) => {
      const result = parseIndexList(text, 50, 'C');
      return result.ok ? '' : result.problem;
    };
    expect(problem('  ')).toBe('C needs at least one sample number.');
    expect(problem(Array.from({ length: MAX_ARITHMETIC_PICKS + 1 }, (_, i) => i).join(' '))).toContain(
      `at most ${MAX_ARITHMETIC_PICKS} samples`,
    );
    expect(problem('3 50')).toBe('C: "50" is not a sample number from 0 to 49.');
    expect(problem('-1')).toContain('"-1" is not a sample number');
    expect(problem('2.5')).toContain('"2.5" is not');
    expect(problem('two')).toContain('"two" is not');
  });

  it('averages chosen rows and computes a - b + c', () => {
    const data = [1, 2, 3, 4, 5, 6, 7, 8];
    expect([...meanRow(data, 2, [0, 3])]).toEqual([4, 5]);
    expect([...meanRow(data, 2, [2])]).toEqual([5, 6]);
    expect([...analogy([1, 2], [3, 5], [10, 20])]).toEqual([8, 17]);
    expect(() => analogy([1], [1, 2], [1])).toThrow('different lengths');
  });

  it('clips the pixel-space sum back to 0..1', () => {
    expect(
      [...pixelAnalogy([0.9, 0.1, 0.5], [0.1, 0.8, 0.25], [0.5, 0.2, 0.25])].map((v) => +v.toFixed(4)),
    ).toEqual([1, 0, 0.5]);
  });

  it('writes the four codes with the samples averaged into each', () => {
    const csv = arithmeticCsv([[1, 2], [3], [4]], [1, 2, 3, 4, 5, 6, 7, 8], 2);
    expect(csv.trim().split('\n')).toEqual([
      'row,samples,z0,z1',
      'A,1 2,1,2',
      'B,3,3,4',
      'C,4,5,6',
      'A - B + C,,7,8',
    ]);
  });
});
