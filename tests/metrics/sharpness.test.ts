// High-frequency energy and class agreement: the figures behind the conditional GAN bars.

import { describe, expect, it } from 'vitest';
import { classAgreement } from '../../src/core/metrics/classifier';
import { highFrequencyEnergy } from '../../src/core/metrics/sharpness';

const SIZE = 8;
const image = (value: (y: number, x: number) => number) =>
  Float32Array.from({ length: SIZE * SIZE }, (_, i) => value(Math.floor(i / SIZE), i % SIZE));

describe('highFrequencyEnergy', () => {
  it('is 0 for a flat image and a linear ramp', () => {
    expect(
      highFrequencyEnergy(
        image(() => 0.4),
        1,
        SIZE,
        SIZE,
      ),
    ).toBe(0);
    expect(
      highFrequencyEnergy(
        image((y, x) => 0.1 * x + 0.05 * y),
        1,
        SIZE,
        SIZE,
      ),
    ).toBeCloseTo(0, 10);
  });

  it('is higher for a sharp checkerboard than for the same board blurred', () => {
    const sharp = image((y, x) => (x + y) % 2);
    const blurred = image((y, x) => 0.5 + 0.1 * (((x + y) % 2) * 2 - 1));
    const both = new Float32Array([...sharp, ...blurred]);
    const sharpEnergy = highFrequencyEnergy(sharp, 1, SIZE, SIZE);
    expect(sharpEnergy).toBeGreaterThan(highFrequencyEnergy(blurred, 1, SIZE, SIZE));
    // Averaged over images: the mean of the two.
    const mean = (sharpEnergy + highFrequencyEnergy(blurred, 1, SIZE, SIZE)) / 2;
    expect(highFrequencyEnergy(both, 2, SIZE, SIZE)).toBeCloseTo(mean, 6);
  });

  it('refuses too few pixels, naming how many it expected', () => {
    expect(() => highFrequencyEnergy(new Float32Array(10), 1, SIZE, SIZE)).toThrow(/64/);
    expect(() => highFrequencyEnergy(new Float32Array(4), 1, 2, 2)).toThrow(/3x3/);
  });
});

describe('classAgreement', () => {
  it('is the share of samples whose most probable class is the requested one', () => {
    const outputs = {
      count: 4,
      classes: 3,
      features: new Float32Array(0),
      probabilities: Float32Array.from([0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4, 0.5, 0.4, 0.1]),
    };
    expect(classAgreement(outputs, [0, 1, 2, 1])).toBe(0.75);
    expect(classAgreement(outputs, [1, 0, 0, 2])).toBe(0);
  });
});
