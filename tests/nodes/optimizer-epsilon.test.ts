// Optimizers use one epsilon on every backend, so a graph trains the same on WebGL as elsewhere.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { adamOptimizer, rmspropOptimizer } from '../../nodes/optimizers';
import { defaultParams } from '../../src/core/types/params';

describe('optimizer epsilon', () => {
  it.each([adamOptimizer, rmspropOptimizer])(
    '$type uses epsilon 1e-7 whatever the backend float precision',
    (def) => {
      if (def.build.role !== 'optimizer') throw new Error('not an optimizer');
      const optimizer = def.build.create(tf, defaultParams(def.params));
      expect((optimizer as unknown as { epsilon: number }).epsilon).toBe(1e-7);
      optimizer.dispose();
    },
  );
});
