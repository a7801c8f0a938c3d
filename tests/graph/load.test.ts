// loadGraph beyond the fixture files: parsed values, hostile values, renaming and paths.

import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../../src/core/graph/document';
import { loadGraph } from '../../src/core/graph/load';
import { readFixture } from './fixture-files';
import { testRegistry } from './test-registry';

type Part = Record<string, unknown>;
interface RawDocument extends Part {
  nodes: Part[];
  edges: Part[];
}
const autoencoder = (): RawDocument => JSON.parse(readFixture('valid/autoencoder.json')) as RawDocument;
const codes = (input: unknown) => loadGraph(input, testRegistry).warnings.map((w) => [w.code, w.path]);

describe('loadGraph input', () => {
  it('reads an already-parsed value exactly as it reads the same JSON text', () => {
    const text = readFixture('broken/wrong-param-type.json');
    expect(loadGraph(JSON.parse(text), testRegistry)).toEqual(loadGraph(text, testRegistry));
  });

  it.each([
    ['null', null, 'null'],
    ['a number', 42, 'the number 42'],
    ['a JSON string', '"a graph"', '"a graph"'],
    ['nothing', undefined, 'nothing'],
    ['a list', [], 'a list of 0 items'],
  ])('opens an empty graph, with a warning, when given %s', (_what, input, words) => {
    const { doc, warnings } = loadGraph(input, testRegistry);
    expect(doc).toEqual(emptyDocument());
    expect(warnings.map((w) => w.code)).toEqual(['NOT_AN_OBJECT']);
    expect(warnings[0]?.message).toContain(words);
  });

  it('reads text that starts with a byte-order mark', () => {
    const { doc, warnings } = loadGraph(`\uFEFF${readFixture('valid/autoencoder.json')}`, testRegistry);
    expect(warnings).toEqual([]);
    expect(doc.nodes).toHaveLength(7);
  });

  it.each([
    [0, '0'],
    ['2', '"2"'],
    [-1, '-1'],
  ])('calls version %j not a format version and reads the file as the current one', (version, shown) => {
    const { doc, warnings } = loadGraph({ ...autoencoder(), version }, testRegistry);
    expect(warnings.map((w) => w.code)).toEqual(['BAD_VERSION']);
    expect(warnings[0]?.message).toContain(`version ${shown} is not`);
    expect(doc.nodes).toHaveLength(7);
  });
});

describe('loadGraph with hostile values', () => {
  it('leaves the value it reads unchanged and shares no lists with it', () => {
    const input = autoencoder();
    input.nodes[1]!.params = { units: 'many' };
    input.edges.push({ ...input.edges[0]!, id: 'e2' });
    const before = JSON.stringify(input);
    const { doc } = loadGraph(input, testRegistry);
    expect(JSON.stringify(input)).toBe(before);

    (input.nodes[0]!.params as { shape: number[] }).shape.push(99);
    expect(doc.nodes[0]?.params.shape).toEqual([8]);
  });

  it('reads a deeply frozen value', () => {
    const freeze = (value: unknown): unknown => {
      if (typeof value === 'object' && value !== null) Object.values(value).forEach(freeze);
      return Object.freeze(value);
    };
    const { doc, warnings } = loadGraph(freeze(autoencoder()), testRegistry);
    expect(warnings).toEqual([]);
    expect(doc.edges).toHaveLength(7);
  });

  it('opens an empty graph with a warning when reading a field throws', () => {
    const input = autoencoder();
    Object.defineProperty(input, 'nodes', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const { doc, warnings } = loadGraph(input, testRegistry);
    expect(doc).toEqual(emptyDocument());
    expect(warnings.map((w) => w.code)).toEqual(['LOAD_FAILED']);
    expect(warnings[0]?.message).toContain('boom');
  });

  it('opens an empty graph with a warning when given a revoked proxy', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(loadGraph(proxy, testRegistry).warnings.map((w) => w.code)).toEqual(['LOAD_FAILED']);
  });

  it('replaces a param value that cannot even be printed, and keeps the node', () => {
    const input = autoencoder();
    input.nodes[0]!.params = { shape: Object.create(null), shuffle: false };
    const { doc, warnings } = loadGraph(input, testRegistry);
    expect(warnings.map((w) => [w.code, w.path, w.node])).toEqual([
      ['BAD_PARAM', 'nodes[0].params.shape', 'data'],
    ]);
    expect(doc.nodes[0]?.params).toEqual({ shape: [8], shuffle: false });
  });

  it('says "an object" when a param holds an object', () => {
    const input = autoencoder();
    input.nodes[1]!.params = { units: { value: 3 }, activation: [{}], useBias: true };
    const messages = loadGraph(input, testRegistry).warnings.map((w) => w.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('param "units": expected a number, got an object;');
    expect(messages.join(' ')).not.toContain('[object');
  });

  it('reports non-finite numbers in a parsed value', () => {
    const input = autoencoder();
    input.nodes[0]!.position = { x: NaN, y: Infinity };
    input.nodes[1]!.params = { ...(input.nodes[1]!.params as Part), units: Infinity };
    expect(codes(input)).toEqual([
      ['BAD_POSITION', 'nodes[0].position.x'],
      ['BAD_POSITION', 'nodes[0].position.y'],
      ['BAD_PARAM', 'nodes[1].params.units'],
    ]);
  });

  it('keeps a param named "__proto__" out of the document and reports it as unknown', () => {
    const text = readFixture('valid/autoencoder.json').replace(
      '"shuffle": false',
      '"shuffle": false, "__proto__": 1',
    );
    const { doc, warnings } = loadGraph(text, testRegistry);
    expect(warnings.map((w) => [w.code, w.path])).toEqual([['UNKNOWN_PARAM', 'nodes[0].params.__proto__']]);
    expect(Object.keys(doc.nodes[0]!.params)).toEqual(['shape', 'shuffle']);
  });
});

describe('loadGraph repairs', () => {
  it('renames a repeated edge id to one that no other edge in the file uses', () => {
    const input = autoencoder();
    input.edges[2]!.id = 'e1';
    input.edges[3]!.id = 'e1-2';
    const { doc, warnings } = loadGraph(input, testRegistry);
    expect(warnings.map((w) => [w.code, w.edge])).toEqual([['DUPLICATE_EDGE_ID', 'e1-3']]);
    expect(doc.edges.map((e) => e.id)).toEqual(['e1', 'e2', 'e1-3', 'e1-2', 'e5', 'e6', 'e7']);
  });

  it('drops an exact copy of an edge as a copy even when it repeats the id too', () => {
    const input = autoencoder();
    input.edges.push(structuredClone(input.edges[0]!));
    expect(codes(input)).toEqual([['DUPLICATE_EDGE', 'edges[7]']]);
  });

  it('reports an edge whose two ends are both gone only once', () => {
    const input = autoencoder();
    input.edges[0]!.from = { node: 'ghost', port: 'out' };
    input.edges[0]!.to = { node: 'phantom', port: 'in' };
    expect(codes(input)).toEqual([['DANGLING_EDGE', 'edges[0].from.node']]);
  });

  it('keeps a node whose network is null outside any network, without a warning', () => {
    const input = autoencoder();
    input.nodes[1]!.network = null;
    const { doc, warnings } = loadGraph(input, testRegistry);
    expect(warnings).toEqual([]);
    expect(doc.nodes[1]).not.toHaveProperty('network');
  });

  it('places a node without a position at the origin, without a warning', () => {
    const input = autoencoder();
    delete input.nodes[2]!.position;
    const { doc, warnings } = loadGraph(input, testRegistry);
    expect(warnings).toEqual([]);
    expect(doc.nodes[2]?.position).toEqual({ x: 0, y: 0 });
  });

  it('writes the path of an oddly named field in brackets', () => {
    const input = autoencoder();
    input.nodes[0]!.params = { ...(input.nodes[0]!.params as Part), 'learning rate': 1 };
    input['2d'] = true;
    expect(codes(input)).toEqual([
      ['UNKNOWN_FIELD', '["2d"]'],
      ['UNKNOWN_PARAM', 'nodes[0].params["learning rate"]'],
    ]);
  });

  it('reads a file of a newer version as the current one, keeping what it knows and noting the rest', () => {
    const input = autoencoder();
    input.version = 7;
    input.plugins = ['x'];
    input.nodes[5]!.shader = 'glow';
    const { doc, warnings } = loadGraph(input, testRegistry);
    expect(warnings.map((w) => [w.code, w.severity, w.path])).toEqual([
      ['NEWER_VERSION', 'warning', 'version'],
      ['UNKNOWN_FIELD', 'notice', 'plugins'],
      ['UNKNOWN_FIELD', 'notice', 'nodes[5].shader'],
    ]);
    expect(doc.version).toBe(2);
    expect(doc.nodes).toHaveLength(7);
    expect(doc.edges).toHaveLength(7);
  });
});
