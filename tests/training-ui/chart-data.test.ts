// The numbers the panel's charts draw: series from the recorded history, sums, EMA smoothing, what a
// log axis can show, the legend's latest values, and the CSV export.
import { describe, expect, it } from 'vitest';
import {
  chartData,
  ema,
  formatValue,
  historyCsv,
  latestValues,
  type History,
} from '../../src/app/training/chart-data';
import type { ChartGroup } from '../../src/app/training/chart-model';

const vae: ChartGroup = {
  id: 'optimizer:adam',
  kind: 'loss',
  title: 'test',
  caption: '',
  series: [
    { key: 'rec', label: 'rec', role: 'term', terms: [{ node: 'rec', weight: 1 }] },
    { key: 'kl', label: 'kl', role: 'term', terms: [{ node: 'kl', weight: 1 }] },
    {
      key: 'elbo:adam',
      label: '-ELBO',
      role: 'elbo',
      terms: [
        { node: 'rec', weight: 1 },
        { node: 'kl', weight: 1 },
      ],
    },
    {
      key: 'total:adam',
      label: 'beta',
      role: 'total',
      terms: [
        { node: 'rec', weight: 1 },
        { node: 'kl', weight: 4 },
      ],
    },
  ],
};

const history: History = {
  rec: { iterations: [1, 2, 3, 4], values: [200, 150, 120, 110] },
  kl: { iterations: [2, 3, 4], values: [5, 8, 10] },
};

const plain = { smooth: false, log: false };

describe('chartData', () => {
  it('lines every series up on the iterations any of its nodes was recorded at', () => {
    const data = chartData(vae, history, plain);
    expect(data.iterations).toEqual([1, 2, 3, 4]);
    expect(data.values[0]).toEqual([200, 150, 120, 110]);
    expect(data.values[1]).toEqual([null, 5, 8, 10]);
  });

  it('sums the ELBO and the weighted total only where every term has a value', () => {
    const data = chartData(vae, history, plain);
    expect(data.values[2]).toEqual([null, 155, 128, 120]);
    expect(data.values[3]).toEqual([null, 170, 152, 150]);
  });

  it('leaves a NaN as a gap instead of breaking the sum', () => {
    const broken: History = { ...history, kl: { iterations: [2, 3, 4], values: [5, NaN, 10] } };
    expect(chartData(vae, broken, plain).values[2]).toEqual([null, 155, null, 120]);
  });

  it('drops values a log axis cannot show', () => {
    const signed: History = { rec: { iterations: [1, 2, 3], values: [2, 0, -1] }, kl: history.kl! };
    expect(chartData(vae, signed, { smooth: false, log: true }).values[0]).toEqual([2, null, null, null]);
  });

  it('smooths each curve when asked, starting from its first value', () => {
    const data = chartData(vae, history, { smooth: true, log: false });
    expect(data.values[0]?.[0]).toBeCloseTo(200, 10);
    expect(data.values[0]?.[3]).toBeGreaterThan(110);
    expect(data.values[0]?.[3]).toBeLessThan(200);
    expect(data.values[1]?.[0]).toBeNull();
  });

  it('charts nothing for a group with no recorded values yet', () => {
    expect(chartData(vae, {}, plain)).toEqual({ iterations: [], values: [[], [], [], []] });
  });
});

describe('ema', () => {
  it('is the bias-corrected exponential average', () => {
    const out = ema([10, 20], 0.5);
    expect(out[0]).toBeCloseTo(10, 10);
    // (0.5 * 0.5 * 10 + 0.5 * 20) / (1 - 0.25) = 15 / 0.75
    expect(out[1]).toBeCloseTo(12.5 / 0.75, 10);
  });

  it('keeps gaps and is not moved by them', () => {
    const out = ema([4, null, Infinity, 4], 0.9);
    expect(out[1]).toBeNull();
    expect(out[2]).toBeNull();
    expect(out[3]).toBeCloseTo(4, 10);
  });

  it('follows a constant exactly and a falling curve from above', () => {
    expect(ema([3, 3, 3, 3]).every((v) => v !== null && Math.abs(v - 3) < 1e-9)).toBe(true);
    const falling = ema([10, 8, 6, 4, 2]);
    expect(falling.at(-1)).toBeGreaterThan(2);
    expect(falling.at(-1)).toBeLessThan(10);
  });
});

describe('latestValues and formatValue', () => {
  it('reads the last value of each row that is not a gap', () => {
    const data = {
      iterations: [1, 2, 3],
      values: [
        [1, 2, null],
        [null, null, null],
        [5, 6, 7],
      ],
    };
    expect(latestValues(data)).toEqual([{ iteration: 2, value: 2 }, null, { iteration: 3, value: 7 }]);
  });

  it('writes four significant digits, or exponent form for tiny and huge values', () => {
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(123.456)).toBe('123.5');
    expect(formatValue(0.00001234)).toBe('1.23e-5');
    expect(formatValue(null)).toBe('–');
    expect(formatValue(NaN)).toBe('–');
  });
});

describe('historyCsv', () => {
  it('writes one row per iteration and one column per node, empty where a node has no value', () => {
    expect(historyCsv(history)).toBe(
      ['iteration,rec,kl', '1,200,', '2,150,5', '3,120,8', '4,110,10', ''].join('\n'),
    );
  });

  it('quotes column names that hold commas or quotes', () => {
    const csv = historyCsv({ 'D(real), "x"': { iterations: [1], values: [0.5] } });
    expect(csv.split('\n')[0]).toBe('iteration,"D(real), ""x"""');
  });
});
