// Each broken copy of a valid graph file yields exactly its expected warnings, and every part that
// was not broken survives unchanged.

import { describe, expect, it } from 'vitest';
import { loadGraph } from '../../src/core/graph/load';
import { BROKEN_FIXTURES } from './broken-expectations';
import { fixtureFiles, readFixture } from './fixture-files';
import { testRegistry } from './test-registry';

const files = fixtureFiles('broken').map((file) => file.slice('broken/'.length));
const base = loadGraph(readFixture('valid/autoencoder.json'), testRegistry);

describe('broken graph fixtures', () => {
  it('the base file loads without a single warning', () => {
    expect(base.warnings).toEqual([]);
    expect(base.doc.nodes).toHaveLength(7);
    expect(base.doc.edges).toHaveLength(7);
  });

  it('every broken file has an expectation and every expectation a file', () => {
    expect(files.length).toBeGreaterThan(30);
    expect([...files].sort()).toEqual(Object.keys(BROKEN_FIXTURES).sort());
  });

  for (const file of files) {
    const fixture = BROKEN_FIXTURES[file];
    it(`${file}: reports ${fixture?.warnings.map((w) => w.code).join(', ') || 'nothing'} and keeps the rest`, () => {
      if (fixture === undefined) throw new Error(`no expectation for ${file}`);
      const { doc, warnings } = loadGraph(readFixture(`broken/${file}`), testRegistry);

      expect(warnings.map(({ code, path, node, edge }) => ({ code, path, node, edge }))).toEqual(
        fixture.warnings.map(({ code, path, node, edge }) => ({ code, path, node, edge })),
      );
      for (const warning of warnings) {
        expect(warning.message).not.toMatch(/undefined|\[object /);
        if (warning.node !== undefined) expect(warning.message).toContain(`"${warning.node}"`);
        if (warning.edge !== undefined) expect(warning.message).toContain(`"${warning.edge}"`);
      }
      for (const words of fixture.mentions ?? []) expect(warnings[0]?.message).toContain(words);

      const expected = fixture.expect ? fixture.expect(base.doc) : base.doc;
      expect(doc).toEqual(expected);
    });
  }
});
