// The migration chain and the version-1 golden files.

import { describe, expect, it } from 'vitest';
import { toCanonicalJson } from '../../src/core/graph/canonical';
import { GRAPH_VERSION } from '../../src/core/graph/document';
import { loadGraph } from '../../src/core/graph/load';
import { MIGRATIONS, OLDEST_GRAPH_VERSION, migrateToCurrent, slugify } from '../../src/core/graph/migrations';
import { fixtureFiles, readFixture } from './fixture-files';
import { testRegistry } from './test-registry';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('the migration chain', () => {
  it('goes up one version at a time, with no gaps, from the oldest version to the current one', () => {
    expect(MIGRATIONS).toHaveLength(GRAPH_VERSION - OLDEST_GRAPH_VERSION);
    MIGRATIONS.forEach((migration, i) => {
      expect(migration.from).toBe(OLDEST_GRAPH_VERSION + i);
      expect(migration.to).toBe(migration.from + 1);
      expect(migration.summary.length).toBeGreaterThan(10);
    });
    expect(MIGRATIONS.at(-1)?.to).toBe(GRAPH_VERSION);
  });

  it('leaves a document of the current version as it is', () => {
    const doc = JSON.parse(readFixture('valid/autoencoder.json'));
    expect(migrateToCurrent(doc, GRAPH_VERSION)).toEqual(doc);
  });
});

describe('version-1 golden files', () => {
  const samples = fixtureFiles('v1').filter((f) => !f.endsWith('.v2.json'));

  it('there is a golden result for every sample and a sample for every result', () => {
    expect(samples.length).toBeGreaterThanOrEqual(3);
    const results = fixtureFiles('v1').filter((f) => f.endsWith('.v2.json'));
    expect(results).toEqual(samples.map((f) => f.replace(/\.json$/, '.v2.json')).sort());
  });

  for (const sample of samples) {
    it(`${sample} migrates to exactly ${sample.replace(/\.json$/, '.v2.json')}, with one notice`, () => {
      const { doc, warnings } = loadGraph(readFixture(sample), testRegistry);
      expect(toCanonicalJson(doc)).toBe(readFixture(sample.replace(/\.json$/, '.v2.json')));
      expect(warnings.map((w) => [w.code, w.severity, w.path])).toEqual([['MIGRATED', 'notice', 'version']]);
      expect(warnings[0]?.message).toContain('version 1');
    });
  }
});

describe('version 1 to 2', () => {
  const v1 = () => deepFreeze(JSON.parse(readFixture('v1/autoencoder.json')) as Record<string, unknown>);

  it('renames fields into the current shape', () => {
    const out = migrateToCurrent(v1(), 1) as {
      meta: unknown;
      training: unknown;
      networks: unknown;
      nodes: { network?: string; position: unknown }[];
      edges: unknown[];
    };
    expect(out.meta).toEqual({ title: 'Tiny autoencoder', description: expect.stringContaining('2-number') });
    expect(out.training).toEqual({ batchSize: 32, seed: 7, steps: 500 });
    expect(out.networks).toEqual([
      { id: 'encoder', name: 'Encoder' },
      { id: 'decoder', name: 'Decoder' },
    ]);
    expect(out.nodes.map((n) => n.network)).toEqual([
      undefined,
      'encoder',
      'encoder',
      'decoder',
      'decoder',
      undefined,
      undefined,
    ]);
    expect(out.nodes[1]?.position).toEqual({ x: 200, y: 0 });
    expect(out.edges[4]).toEqual({
      id: 'e5',
      from: { node: 'out', port: 'out' },
      to: { node: 'loss', port: 'prediction' },
    });
    expect(Object.keys(out).sort()).toEqual([
      'edges',
      'format',
      'meta',
      'networks',
      'nodes',
      'training',
      'version',
    ]);
  });

  it('is pure: the input is not changed and the same input gives the same output', () => {
    const input = v1();
    const before = JSON.stringify(input);
    const first = migrateToCurrent(input, 1);
    expect(JSON.stringify(input)).toBe(before);
    expect(migrateToCurrent(input, 1)).toEqual(first);
  });

  it('passes on what it does not understand, so the loader names each problem at its new place', () => {
    const input = {
      format: 'latent-lab.graph',
      version: 1,
      title: 'Broken draft',
      theme: 'dark',
      nodes: [
        { id: 'a', type: 'test.dense', x: 0, y: 'top', params: { units: 'many' }, group: 5, color: 'red' },
        'not a node',
        { id: 'b', type: 'test.dense', x: 10, y: 0, params: {} },
      ],
      edges: [
        { id: 'e1', source: 'a', sourceHandle: 'out', target: 'b' },
        { id: 'e2', source: 'a', sourceHandle: 'out', target: 'b', targetHandle: 'in', animated: true },
      ],
      settings: { batch: 0, seed: 2, steps: 10 },
    };
    const { doc, warnings } = loadGraph(input, testRegistry);
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['MIGRATED', 'version'],
      ['UNKNOWN_FIELD', 'theme'],
      ['BAD_TRAINING', 'training.batchSize'],
      ['UNKNOWN_FIELD', 'nodes[0].color'],
      ['UNKNOWN_NETWORK', 'nodes[0].network'],
      ['BAD_POSITION', 'nodes[0].position.y'],
      ['BAD_PARAM', 'nodes[0].params.units'],
      ['MALFORMED_NODE', 'nodes[1]'],
      ['MALFORMED_EDGE', 'edges[0].to'],
      ['UNKNOWN_FIELD', 'edges[1].animated'],
    ]);
    expect(doc.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(doc.edges.map((e) => e.id)).toEqual(['e2']);
    expect(doc.training).toEqual({ batchSize: 64, seed: 2, steps: 10 });
  });

  it('reports a version-1 node list that is not a list under its new name', () => {
    const { warnings } = loadGraph({ format: 'latent-lab.graph', version: 1, nodes: 'none' }, testRegistry);
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['MIGRATED', 'version'],
      ['NOT_A_LIST', 'nodes'],
    ]);
  });
});

describe('slugify', () => {
  it.each([
    ['Encoder', 'encoder'],
    ['Décodeur (big)', 'decodeur-big'],
    ['  Generator  2 ', 'generator-2'],
    ['D/G shared', 'd-g-shared'],
    ['???', 'network'],
    ['', 'network'],
  ])('turns the network name %j into the id %j', (name, id) => {
    expect(slugify(name)).toBe(id);
  });
});
