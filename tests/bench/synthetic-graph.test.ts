// The bench's synthetic graph is a fair stand-in for a real one: the exact size asked for, made of
// catalogue node types, and free of inference errors and load warnings.
import { describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { MIN_SYNTHETIC_NODES, syntheticGraph } from '../../scripts/lib/synthetic-graph';
import { loadGraph } from '../../src/core/graph/load';
import { inferGraph } from '../../src/core/infer';

const SIZES = [MIN_SYNTHETIC_NODES, 10, 22, 23, 37, 100, 500];

describe('syntheticGraph', () => {
  for (const size of SIZES) {
    it(`makes exactly ${size} nodes that infer with no errors or warnings`, () => {
      const doc = syntheticGraph(size);
      expect(doc.nodes).toHaveLength(size);
      const types = inferGraph(doc, NODE_REGISTRY);
      expect(types.issues.map((i) => `${i.code} on ${i.node ?? 'graph'}`)).toEqual([]);
      expect(types.hasErrors).toBe(false);
      expect(types.order).toHaveLength(size);
    });
  }

  it('gives every node a unique id and a type from the node catalogue', () => {
    const doc = syntheticGraph(500);
    expect(new Set(doc.nodes.map((n) => n.id)).size).toBe(500);
    const unknown = doc.nodes.filter((n) => !NODE_REGISTRY.get(n.type)).map((n) => n.type);
    expect(unknown).toEqual([]);
  });

  it('mixes layers, losses, optimizers, networks and network instances', () => {
    const doc = syntheticGraph(500);
    const types = new Set(doc.nodes.map((n) => n.type));
    for (const type of ['layer.dense', 'loss.mse', 'loss.kl-normal', 'optimizer.adam', 'network.instance']) {
      expect(types, type).toContain(type);
    }
    expect(doc.networks.length).toBeGreaterThan(50);
    expect(doc.nodes.filter((n) => n.network !== undefined).length).toBeGreaterThan(250);
  });

  it('survives a save and reload as JSON with no load warnings and the same nodes', () => {
    const doc = syntheticGraph(123);
    const { doc: loaded, warnings } = loadGraph(JSON.stringify(doc), NODE_REGISTRY);
    expect(warnings.map((w) => w.message)).toEqual([]);
    expect(loaded.nodes.map((n) => n.id)).toEqual(doc.nodes.map((n) => n.id));
    expect(loaded.edges).toHaveLength(doc.edges.length);
  });

  it('refuses sizes below one autoencoder chain and fractional sizes', () => {
    expect(() => syntheticGraph(MIN_SYNTHETIC_NODES - 1)).toThrow(RangeError);
    expect(() => syntheticGraph(50.5)).toThrow(RangeError);
  });
});
