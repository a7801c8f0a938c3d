// Every preset in graphs/ is a finished product: canonical on disk, loads and infers cleanly,
// trains; and broken copies of presets keep what is valid and name what is not.
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { toCanonicalJson } from '../../src/core/graph/canonical';
import { LECTURE_SECTIONS } from '../../src/core/graph/lecture';
import { loadGraph } from '../../src/core/graph/load';
import { inferGraph } from '../../src/core/infer';
import { presetTrainer, useCpu } from './helpers';

const GRAPHS = new URL('../../graphs/', import.meta.url);
const BROKEN = new URL('../fixtures/graphs/presets/', import.meta.url);
const presetNames = readdirSync(GRAPHS)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

describe('presets', () => {
  beforeAll(useCpu);

  it('there are the three first presets', () => {
    expect(presetNames).toEqual(expect.arrayContaining(['stacked-autoencoder', 'vae', 'gan-ring']));
  });

  it.each(presetNames)('%s is canonical JSON, loads without warnings and infers without issues', (name) => {
    const text = readFileSync(new URL(`${name}.json`, GRAPHS), 'utf8');
    const { doc, warnings } = loadGraph(text, NODE_REGISTRY);
    expect(warnings).toEqual([]);
    expect(toCanonicalJson(doc)).toBe(text);
    expect(doc.meta.description.length).toBeGreaterThan(200);
    expect(LECTURE_SECTIONS).toContain(doc.meta.lecture);
    expect(inferGraph(doc, NODE_REGISTRY).issues).toEqual([]);
  });

  it.each(presetNames)('%s trains 3 steps with finite, named losses', async (name) => {
    const trainer = await presetTrainer(name, { batchSize: 8 });
    for (let i = 0; i < 3; i++) {
      const result = await trainer.step();
      expect(result.nonFinite).toBeUndefined();
      expect(Object.keys(result.losses).length).toBeGreaterThan(0);
      for (const value of Object.values(result.losses)) expect(Number.isFinite(value)).toBe(true);
    }
    trainer.dispose();
  });
});

const load = (file: string) => loadGraph(readFileSync(new URL(file, BROKEN), 'utf8'), NODE_REGISTRY);

describe('broken copies of presets', () => {
  it('drops a node of unknown type and its edges, naming it, and keeps the rest', () => {
    const { doc, warnings } = load('stacked-autoencoder.unknown-node-type.json');
    expect(warnings[0]).toMatchObject({ code: 'UNKNOWN_NODE_TYPE', node: 'coding' });
    expect(warnings[0]?.message).toContain('layer.densse');
    expect(warnings.slice(1).every((w) => w.code === 'EDGE_OF_DROPPED_NODE')).toBe(true);
    expect(doc.nodes.map((n) => n.id)).toEqual([
      'data',
      'flatten',
      'enc1',
      'dec1',
      'dec2',
      'image',
      'mse',
      'adam',
    ]);
  });

  it('replaces a param of the wrong type by its default and the graph still infers', () => {
    const { doc, warnings } = load('vae.wrong-param-type.json');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      code: 'BAD_PARAM',
      node: 'kl',
      path: expect.stringContaining('weight'),
    });
    expect(doc.nodes.find((n) => n.id === 'kl')?.params.weight).toBe(1);
    expect(inferGraph(doc, NODE_REGISTRY).hasErrors).toBe(false);
  });

  it('replaces an out-of-range param by its default, saying what was wrong', () => {
    const { doc, warnings } = load('vae.param-out-of-range.json');
    expect(warnings[0]).toMatchObject({ code: 'BAD_PARAM', node: 'hidden' });
    expect(warnings[0]?.message).toMatch(/below the minimum/);
    expect(doc.nodes.find((n) => n.id === 'hidden')?.params.units).toBe(64);
  });

  it('drops an edge to a node that does not exist and keeps every node', () => {
    const { doc, warnings } = load('gan-ring.dangling-edge.json');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'DANGLING_EDGE', edge: 'gOut.out->dMissing.in' });
    expect(doc.nodes).toHaveLength(13);
    expect(inferGraph(doc, NODE_REGISTRY).hasErrors).toBe(false);
  });

  it('reads a file from a newer version as far as it can, with a warning', () => {
    const { doc, warnings } = load('gan-ring.newer-version.json');
    expect(warnings.map((w) => w.code)).toEqual(['NEWER_VERSION']);
    expect(doc.nodes).toHaveLength(13);
  });
});
