// Optimizers pass one epsilon to tfjs on every backend, so a graph trains the same on WebGL
// (whose default epsilon follows its 16-bit precision report) as elsewhere.
import { describe, expect, it } from 'vitest';
import { adamOptimizer, rmspropOptimizer } from '../../nodes/optimizers';
import type { AnyNodeDefinition, TF } from '../../src/core/types/definition';
import { defaultParams } from '../../src/core/types/params';

describe('optimizer epsilon', () => {
  it.each<AnyNodeDefinition>([adamOptimizer, rmspropOptimizer])(
    '$type asks tfjs for epsilon 1e-7 explicitly',
    (def) => {
      if (def.build.role !== 'optimizer') throw new Error('not an optimizer');
      const calls: unknown[][] = [];
      const record = (...args: unknown[]) => (calls.push(args), {});
      const fakeTf = { train: { adam: record, rmsprop: record } } as unknown as TF;
      def.build.create(fakeTf, defaultParams(def.params));
      expect(calls).toHaveLength(1);
      expect(calls[0]?.[3]).toBe(1e-7);
    },
  );
});
