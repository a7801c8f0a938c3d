// The zod schema of the current document: accepts the valid files, rejects each kind of flaw.

import { describe, expect, it } from 'vitest';
import { graphDocumentSchema } from '../../src/core/graph/schema';
import { fixtureFiles, readFixture } from './fixture-files';

type Part = Record<string, unknown>;
interface RawDocument extends Part {
  meta: Part;
  training: Part;
  networks: Part[];
  nodes: Part[];
  edges: Part[];
}

/** The valid autoencoder file with one change made to it. */
function edit(change: (doc: RawDocument) => unknown): RawDocument {
  const doc = JSON.parse(readFixture('valid/autoencoder.json')) as RawDocument;
  change(doc);
  return doc;
}

describe('graphDocumentSchema', () => {
  for (const file of fixtureFiles().filter((f) => f.startsWith('valid/') || f.endsWith('.v2.json'))) {
    it(`accepts ${file} as it is stored`, () => {
      expect(graphDocumentSchema.safeParse(JSON.parse(readFixture(file))).success).toBe(true);
    });
  }

  const flaws: [string, unknown, (string | number)[]][] = [
    ['an unknown top-level field', edit((d) => (d.theme = 'dark')), []],
    ['an older version', edit((d) => (d.version = 1)), ['version']],
    ['another format name', edit((d) => (d.format = 'excalidraw')), ['format']],
    ['an unknown node field', edit((d) => (d.nodes[0]!.selected = true)), ['nodes', 0]],
    ['an empty node id', edit((d) => (d.nodes[0]!.id = '')), ['nodes', 0, 'id']],
    [
      'a param holding an object',
      edit((d) => (d.nodes[1]!.params = { units: { value: 3 } })),
      ['nodes', 1, 'params', 'units'],
    ],
    [
      'a position that is not finite',
      edit((d) => (d.nodes[0]!.position = { x: Infinity, y: 0 })),
      ['nodes', 0, 'position', 'x'],
    ],
    ['a batch size of 0', edit((d) => (d.training.batchSize = 0)), ['training', 'batchSize']],
    ['a batch size above 4096', edit((d) => (d.training.batchSize = 4097)), ['training', 'batchSize']],
    ['a fractional step count', edit((d) => (d.training.steps = 1.5)), ['training', 'steps']],
    ['a negative step count', edit((d) => (d.training.steps = -1)), ['training', 'steps']],
    ['a meta without a title', edit((d) => delete d.meta.title), ['meta', 'title']],
    [
      'a node in a network that does not exist',
      edit((d) => (d.nodes[1]!.network = 'nope')),
      ['nodes', 1, 'network'],
    ],
    ['two nodes with one id', edit((d) => (d.nodes[2]!.id = 'enc')), ['nodes', 2, 'id']],
    ['two edges with one id', edit((d) => (d.edges[2]!.id = 'e1')), ['edges', 2, 'id']],
    ['two networks with one id', edit((d) => (d.networks[1]!.id = 'encoder')), ['networks', 1, 'id']],
    [
      'an edge from a missing node',
      edit((d) => (d.edges[0]!.from = { node: 'ghost', port: 'out' })),
      ['edges', 0, 'from', 'node'],
    ],
    [
      'an edge to a missing node',
      edit((d) => (d.edges[0]!.to = { node: 'ghost', port: 'in' })),
      ['edges', 0, 'to', 'node'],
    ],
  ];
  for (const [flaw, doc, path] of flaws) {
    it(`rejects a document with ${flaw}, pointing at ${path.join('.') || 'the top'}`, () => {
      const result = graphDocumentSchema.safeParse(doc);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(path);
    });
  }
});
