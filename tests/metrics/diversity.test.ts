// Within-class distance: 0 for copies, the known distance for known points, groups kept apart.
import { describe, expect, it } from 'vitest';
import { meanWithinGroupDistance } from '../../src/core/metrics';

describe('meanWithinGroupDistance', () => {
  it('is 0 when every item of a group is the same picture, however far apart the groups are', () => {
    const values = [0, 0, 0, 0, 9, 9, 9, 9];
    expect(meanWithinGroupDistance(values, [1, 1, 2, 2], 2)).toBe(0);
  });

  it('averages pair distances within each group, then over groups', () => {
    // Group 0: (0,0), (3,4), (0,8): pairs 5, 8, 5 -> 6. Group 1: (1,1), (1,3): 2. Mean 4.
    const values = [0, 0, 3, 4, 0, 8, 1, 1, 1, 3];
    expect(meanWithinGroupDistance(values, [0, 0, 0, 1, 1], 2)).toBeCloseTo(4, 10);
  });

  it('skips a group of one and refuses when no group has two items or values are missing', () => {
    expect(meanWithinGroupDistance([0, 0, 6, 8, 5, 5], [0, 0, 1], 2)).toBeCloseTo(10, 10);
    expect(() => meanWithinGroupDistance([1, 2], [0, 1], 1)).toThrow('no group holds two items');
    expect(() => meanWithinGroupDistance([1, 2, 3], [0, 0], 2)).toThrow(
      'expected 4 values for 2 items, got 3',
    );
  });
});
