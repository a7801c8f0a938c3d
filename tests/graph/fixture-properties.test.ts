// Properties every graph fixture must have once loaded: a schema-valid document whose canonical
// JSON loads back to the same document and the same text.

import { describe, expect, it } from 'vitest';
import { toCanonicalJson } from '../../src/core/graph/canonical';
import { loadGraph } from '../../src/core/graph/load';
import { graphDocumentSchema } from '../../src/core/graph/schema';
import { fixtureFiles, readFixture } from './fixture-files';
import { testRegistry } from './test-registry';

const all = fixtureFiles();

describe('every graph fixture', () => {
  it('the fixture folder holds valid, broken and version-1 files', () => {
    expect(all.filter((f) => f.startsWith('valid/')).length).toBeGreaterThanOrEqual(2);
    expect(all.filter((f) => f.startsWith('broken/')).length).toBeGreaterThan(30);
    expect(all.filter((f) => f.startsWith('v1/')).length).toBeGreaterThanOrEqual(6);
  });

  for (const file of all) {
    it(`${file}: loads to a schema-valid document whose canonical JSON round-trips`, () => {
      const { doc } = loadGraph(readFixture(file), testRegistry);
      const checked = graphDocumentSchema.safeParse(doc);
      expect(checked.error?.issues ?? []).toEqual([]);

      const text = toCanonicalJson(doc);
      const again = loadGraph(text, testRegistry);
      expect(again.warnings).toEqual([]);
      expect(again.doc).toEqual(doc);
      expect(toCanonicalJson(again.doc)).toBe(text);
    });
  }
});

describe('current-version fixtures', () => {
  const current = all.filter((f) => f.startsWith('valid/') || f.endsWith('.v2.json'));
  for (const file of current) {
    it(`${file}: loads without a warning and is stored in canonical form`, () => {
      const text = readFixture(file);
      const { doc, warnings } = loadGraph(text, testRegistry);
      expect(warnings).toEqual([]);
      expect(toCanonicalJson(doc)).toBe(text);
    });
  }
});
