// Canonical JSON: fixed key order, sorted params, stable under reloading and under Prettier.

import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { toCanonicalJson } from '../../src/core/graph/canonical';
import { emptyDocument, type GraphDocument, type GraphNode } from '../../src/core/graph/document';
import { loadGraph } from '../../src/core/graph/load';
import { fixtureFiles, readFixture } from './fixture-files';
import { testRegistry } from './test-registry';

// Keys deliberately out of order everywhere, so the test sees the writer put them in order.
const scrambled = {
  edges: [{ to: { port: 'in', node: 'd' }, id: 'e1', from: { port: 'out', node: 's' } }],
  nodes: [
    { params: { shuffle: true, shape: [2, 3] }, position: { y: 2, x: 1 }, type: 'test.source', id: 's' },
    {
      network: 'net',
      position: { y: 0, x: -4.5 },
      params: { useBias: false, units: 3, activation: 'linear' },
      id: 'd',
      type: 'test.dense',
    },
  ],
  networks: [{ color: '#fff', name: 'Net', id: 'net' }],
  training: { steps: 0, seed: -2, batchSize: 8 },
  meta: { author: 'A', lecture: 'L', description: 'D', title: 'T' },
  version: 2,
  format: 'latent-lab.graph',
} as GraphDocument;

const EXPECTED = `{
  "format": "latent-lab.graph",
  "version": 2,
  "meta": {
    "title": "T",
    "description": "D",
    "lecture": "L",
    "author": "A"
  },
  "training": {
    "batchSize": 8,
    "seed": -2,
    "steps": 0
  },
  "networks": [
    {
      "id": "net",
      "name": "Net",
      "color": "#fff"
    }
  ],
  "nodes": [
    {
      "id": "s",
      "type": "test.source",
      "position": {
        "x": 1,
        "y": 2
      },
      "params": {
        "shape": [2, 3],
        "shuffle": true
      }
    },
    {
      "id": "d",
      "type": "test.dense",
      "network": "net",
      "position": {
        "x": -4.5,
        "y": 0
      },
      "params": {
        "activation": "linear",
        "units": 3,
        "useBias": false
      }
    }
  ],
  "edges": [
    {
      "id": "e1",
      "from": {
        "node": "s",
        "port": "out"
      },
      "to": {
        "node": "d",
        "port": "in"
      }
    }
  ]
}
`;

/** A document with values that are easy to get wrong: escapes, exponents, long lists. */
function awkwardDocument(): GraphDocument {
  const base = emptyDocument('Quotes " and \\ backslash, ünïcödé, emoji 🧪, line\nbreak');
  return {
    ...base,
    networks: [{ id: 'n', name: 'N' }],
    nodes: [
      {
        id: 'src',
        type: 'test.source',
        position: { x: 1e21, y: -1e-7 },
        params: { shape: Array.from({ length: 40 }, (_, i) => 1000 + i), shuffle: false },
      },
      {
        id: 'opt',
        type: 'test.optimizer',
        position: { x: 0.1, y: 123456789.125 },
        params: { learningRate: 2e-4, networks: Array.from({ length: 12 }, (_, i) => `network-number-${i}`) },
      },
    ],
  };
}

async function prettierFormat(text: string): Promise<string> {
  const options = (await prettier.resolveConfig('graph.json')) ?? {};
  return prettier.format(text, { ...options, parser: 'json' });
}

describe('toCanonicalJson', () => {
  it('writes keys in the fixed order, params sorted by name, 2-space indent and a final newline', () => {
    expect(toCanonicalJson(scrambled)).toBe(EXPECTED);
  });

  it('writes only the fields of the format, whatever else the object carries', () => {
    const withExtras = {
      ...scrambled,
      selection: ['s'],
      meta: { ...scrambled.meta, cached: 1 },
    } as GraphDocument;
    expect(toCanonicalJson(withExtras)).toBe(EXPECTED);
  });

  it('keeps the order of networks, nodes and edges', () => {
    const reversed = { ...scrambled, nodes: [...scrambled.nodes].reverse() };
    const text = toCanonicalJson(reversed);
    expect(text.indexOf('"id": "d"')).toBeLessThan(text.indexOf('"id": "s"'));
  });

  it('gives identical text after loading its own output, for awkward values too', () => {
    const text = toCanonicalJson(awkwardDocument());
    const { doc, warnings } = loadGraph(text, testRegistry);
    expect(warnings).toEqual([]);
    expect(doc.meta.title).toBe(awkwardDocument().meta.title);
    expect(doc.nodes[0]?.position).toEqual({ x: 1e21, y: -1e-7 });
    expect(toCanonicalJson(doc)).toBe(text);
  });

  it('writes exponents as Prettier does and breaks long lists', () => {
    const text = toCanonicalJson(awkwardDocument());
    expect(text).toContain('"x": 1e21,');
    expect(text).toContain('"y": -1e-7');
    expect(text).toContain('"network-number-0",\n');
    expect(text.split('\n').every((line) => line.length <= 110)).toBe(true);
  });

  it('is left unchanged by Prettier with the repository settings, so saved graphs pass the lint', async () => {
    const texts = [EXPECTED, toCanonicalJson(awkwardDocument())];
    // Lists whose one-line form ends a few characters either side of the line-width limit, with
    // and without the comma that follows them (shape is followed by a param, networks is last).
    const shapes = [1, 2, 3].flatMap((digits) =>
      Array.from({ length: 9 }, (_, i) => [10 ** (digits - 1), ...Array<number>(25 + i).fill(7)]),
    );
    const names = Array.from({ length: 27 }, (_, i) => ['x'.repeat(14 + i), 'y'.repeat(20), 'z'.repeat(20)]);
    shapes.forEach((shape, i) => {
      const doc = awkwardDocument();
      const networks = names[i % names.length]!;
      const nodes: GraphNode[] = [
        { ...doc.nodes[0]!, params: { shape, shuffle: true } },
        { ...doc.nodes[1]!, params: { learningRate: 1, networks } },
      ];
      texts.push(toCanonicalJson({ ...doc, nodes }));
    });
    for (const file of fixtureFiles().filter((f) => f.startsWith('valid/') || f.endsWith('.v2.json'))) {
      texts.push(readFixture(file));
    }
    // Both layouts of both kinds of list must have been written, or the limit was not reached.
    for (const key of ['"shape": [', '"networks": [']) {
      expect(texts.some((t) => t.includes(`${key}\n`))).toBe(true);
      expect(texts.some((t) => t.includes(key) && !t.includes(`${key}\n`))).toBe(true);
    }
    for (const text of texts) expect(await prettierFormat(text)).toBe(text);
  });
});
