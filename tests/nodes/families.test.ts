// The non-layer node families as a whole: valid defaults, docs, and the port and param
// conventions the compiler and trainer rely on.

import { describe, expect, it } from 'vitest';
import { CORRUPTION_NODES } from '../../nodes/corruptions';
import { LOSS_NODES } from '../../nodes/losses';
import { NETWORK_NODES } from '../../nodes/networks';
import { OP_NODES } from '../../nodes/ops';
import { OPTIMIZER_NODES } from '../../nodes/optimizers';
import { SOURCE_NODES } from '../../nodes/sources';
import { makeRegistry, type AnyNodeDefinition } from '../../src/core/types/definition';
import { paramProblem, type ParamSpec } from '../../src/core/types/params';

const ALL: readonly AnyNodeDefinition[] = [
  ...SOURCE_NODES,
  ...CORRUPTION_NODES,
  ...OP_NODES,
  ...LOSS_NODES,
  ...OPTIMIZER_NODES,
  ...NETWORK_NODES,
];

const specs = (def: AnyNodeDefinition): [string, ParamSpec][] => Object.entries(def.params);

describe('non-layer node families', () => {
  it('declare each type once, so they fit in one registry', () => {
    expect(() => makeRegistry(ALL)).not.toThrow();
    expect(ALL.length).toBe(5 + 3 + 7 + 9 + 3 + 1);
  });

  it('give every default param value that passes its own spec', () => {
    for (const def of ALL) {
      for (const [key, spec] of specs(def))
        expect(paramProblem(spec, spec.default), `${def.type}.${key}`).toBeNull();
    }
  });

  it('document every node in one line', () => {
    for (const def of ALL) {
      expect(def.doc.length, def.type).toBeGreaterThan(20);
      expect(def.doc, def.type).not.toContain('\n');
    }
  });

  it('name single tensor inputs "in" and outputs "out"', () => {
    for (const def of [...CORRUPTION_NODES, ...NETWORK_NODES]) {
      expect(
        def.inputs.map((p) => p.name),
        def.type,
      ).toEqual(['in']);
      expect(
        def.outputs.map((p) => p.name),
        def.type,
      ).toEqual(['out']);
    }
  });

  it('make corruptions ops of category corruption', () => {
    for (const def of CORRUPTION_NODES) {
      expect(def.category).toBe('corruption');
      expect(def.build.role).toBe('op');
    }
  });

  it('give every loss a live weight (default 1, at least 0) and one loss output with a chart', () => {
    for (const def of LOSS_NODES) {
      expect(def.build.role, def.type).toBe('loss');
      expect(def.params.weight, def.type).toMatchObject({ kind: 'number', live: true, min: 0 });
      expect(def.outputs, def.type).toEqual([{ name: 'loss', kind: 'loss', preview: 'loss-chart' }]);
    }
    const weights = LOSS_NODES.filter((def) => def.type !== 'loss.l1-activity').map(
      (def) => def.params.weight.default,
    );
    expect(new Set(weights)).toEqual(new Set([1]));
  });

  it('give every optimizer a losses input, no outputs, a live log learning rate, live k in 1..20 and networks', () => {
    for (const def of OPTIMIZER_NODES) {
      expect(def.inputs, def.type).toEqual([
        expect.objectContaining({ name: 'losses', kind: 'loss', multiple: true }),
      ]);
      expect(def.outputs, def.type).toEqual([]);
      expect(def.params.learningRate, def.type).toMatchObject({ kind: 'number', live: true, log: true });
      expect(def.params.learningRate.unit, def.type).toBeUndefined();
      expect(def.params.k, def.type).toMatchObject({
        integer: true,
        min: 1,
        max: 20,
        live: true,
        default: 1,
      });
      expect(def.params.networks, def.type).toMatchObject({ kind: 'networks', default: [] });
    }
  });

  it('make every source a source role that needs no inputs', () => {
    for (const def of SOURCE_NODES) {
      expect(def.build.role, def.type).toBe('source');
      expect(def.inputs, def.type).toEqual([]);
    }
  });
});
