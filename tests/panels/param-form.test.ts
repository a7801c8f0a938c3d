import { describe, expect, it } from 'vitest';
import type { NumberParam, ParamSpec } from '../../src/core/types/params';
import {
  formatNumber,
  formatParamValue,
  logSliderPosition,
  logSliderValue,
  numberHint,
  paramLabel,
  parseParamText,
  stepNumber,
  toggleNetwork,
} from '../../src/app/panels/param-form';

const units: NumberParam = {
  kind: 'number',
  default: 64,
  min: 1,
  max: 4096,
  step: 1,
  integer: true,
  unit: 'units',
};
const rate: NumberParam = { kind: 'number', default: 0.001, min: 0.000001, max: 1, log: true, live: true };
const std: NumberParam = { kind: 'number', default: 0.3, min: 0, max: 2, step: 0.05 };
const shape: ParamSpec = { kind: 'shape', default: [7, 7, 32] };

describe('reading typed numbers', () => {
  it('accepts decimals, signs and exponents', () => {
    expect(parseParamText(std, ' 0.25 ')).toEqual({ ok: true, value: 0.25 });
    expect(parseParamText(rate, '1e-4')).toEqual({ ok: true, value: 0.0001 });
    expect(parseParamText(std, '-.5')).toEqual({ ok: true, value: -0.5 });
  });

  it('refuses text that is not a number, naming it', () => {
    expect(parseParamText(std, '0.3x')).toEqual({ ok: false, message: '"0.3x" is not a number' });
    expect(parseParamText(std, '')).toEqual({ ok: false, message: 'enter a number' });
    expect(parseParamText(std, '1e')).toMatchObject({ ok: false });
  });

  it('leaves range and whole-number checks to the store (a fraction for an integer still parses)', () => {
    expect(parseParamText(units, '2.5')).toEqual({ ok: true, value: 2.5 });
  });
});

describe('reading typed shapes', () => {
  it('accepts commas, spaces, brackets and x between dimensions', () => {
    expect(parseParamText(shape, '28, 28, 1')).toEqual({ ok: true, value: [28, 28, 1] });
    expect(parseParamText(shape, '[7,7,32]')).toEqual({ ok: true, value: [7, 7, 32] });
    expect(parseParamText(shape, '28x28x1')).toEqual({ ok: true, value: [28, 28, 1] });
  });

  it('refuses zero, negative, fractional and empty dimensions', () => {
    for (const text of ['7, 0, 3', '7, -1', '2.5, 3', 'a, b', ''])
      expect(parseParamText(shape, text).ok).toBe(false);
  });
});

describe('showing values', () => {
  it('writes shapes as the comma list the field accepts', () => {
    expect(formatParamValue(shape, [28, 28, 1])).toBe('28, 28, 1');
  });

  it('hides float noise and writes tiny numbers in exponent form', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(0.001)).toBe('0.001');
    expect(formatNumber(0.000001)).toBe('1e-6');
    expect(formatNumber(2.5e-5)).toBe('2.5e-5');
  });

  it('labels a param by its spec label or its key split into words', () => {
    expect(paramLabel('learningRate', rate)).toBe('learning rate');
    expect(paramLabel('units', { ...units, label: 'width' })).toBe('width');
  });

  it('describes the range, whole numbers and log scale in the hint', () => {
    expect(numberHint(units)).toBe('1 – 4096, whole number');
    expect(numberHint(rate)).toBe('log scale, 1e-6 – 1');
    expect(numberHint({ kind: 'number', default: 1, min: 0 })).toBe('at least 0');
  });
});

describe('stepping with the arrow keys', () => {
  it('moves by the spec step without float noise and stops at the bounds', () => {
    expect(stepNumber(std, 0.3, 1)).toBe(0.35);
    expect(stepNumber(std, 0.1, -1)).toBe(0.05);
    expect(stepNumber(std, 2, 1)).toBe(2);
    expect(stepNumber(units, 1, -1)).toBe(1);
    expect(stepNumber(units, 64, 1)).toBe(65);
  });

  it('walks a log-scale number through 1, 2, 5 of each decade', () => {
    expect(stepNumber(rate, 0.001, 1)).toBe(0.002);
    expect(stepNumber(rate, 0.002, 1)).toBe(0.005);
    expect(stepNumber(rate, 0.005, 1)).toBe(0.01);
    expect(stepNumber(rate, 0.001, -1)).toBe(0.0005);
    expect(stepNumber(rate, 0.003, -1)).toBe(0.002);
    expect(stepNumber(rate, 1, 1)).toBe(1);
  });
});

describe('the log-scale slider', () => {
  it('puts the bounds at the ends and a decade in the middle of six at its place', () => {
    expect(logSliderPosition(rate, 0.000001)).toBe(0);
    expect(logSliderPosition(rate, 1)).toBe(1000);
    expect(logSliderPosition(rate, 0.001)).toBe(500);
  });

  it('turns a position back into a value with two significant digits', () => {
    expect(logSliderValue(rate, 500)).toBe(0.001);
    expect(logSliderValue(rate, 0)).toBe(0.000001);
    expect(logSliderValue(rate, 611)).toBe(0.0046);
  });
});

describe('choosing networks', () => {
  it('keeps chosen networks in document order', () => {
    expect(toggleNetwork(['disc'], 'gen', true, ['gen', 'disc'])).toEqual(['gen', 'disc']);
    expect(toggleNetwork(['gen', 'disc'], 'gen', false, ['gen', 'disc'])).toEqual(['disc']);
  });

  it('keeps ids the document no longer has, so inference can still report them', () => {
    expect(toggleNetwork(['old'], 'gen', true, ['gen'])).toEqual(['gen', 'old']);
  });
});
