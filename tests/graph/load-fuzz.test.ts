// Property check: whatever is broken in a file, loadGraph returns a schema-valid document that
// round-trips, and never throws.

import { describe, expect, it } from 'vitest';
import { toCanonicalJson } from '../../src/core/graph/canonical';
import { loadGraph } from '../../src/core/graph/load';
import { graphDocumentSchema } from '../../src/core/graph/schema';
import { readFixture } from './fixture-files';
import { testRegistry } from './test-registry';

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REPLACEMENTS: readonly unknown[] = [
  null,
  -1,
  0,
  1.5,
  1e9,
  NaN,
  Infinity,
  '',
  'x',
  'enc',
  'out',
  'test.dense',
  'encoder',
  true,
  [],
  [1, 2],
  ['a'],
  {},
  { node: 'enc', port: 'out' },
  { x: 1 },
];

type Container = Record<string, unknown> | unknown[];

/** Every place inside a value that can be replaced: [container, key]. */
function places(value: unknown, out: [Container, string | number][] = []): [Container, string | number][] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push([value, i]);
      places(item, out);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push([value as Record<string, unknown>, key]);
      places(item, out);
    }
  }
  return out;
}

function mutate(value: unknown, next: () => number): void {
  const all = places(value);
  const [container, key] = all[Math.floor(next() * all.length)]!;
  const pick = next();
  if (pick < 0.15 && !Array.isArray(container)) delete container[key as string];
  else if (pick < 0.25) (container as Record<string | number, unknown>)[key] = 'added';
  else {
    const replacement = REPLACEMENTS[Math.floor(next() * REPLACEMENTS.length)];
    (container as Record<string | number, unknown>)[key] = structuredClone(replacement);
  }
}

/** Loads a broken value, checks the properties, and returns the warning codes it gave. */
function checkLoad(input: unknown, label: string): string[] {
  const { doc, warnings } = loadGraph(input, testRegistry);
  expect(
    warnings.map((w) => w.code),
    label,
  ).not.toContain('LOAD_FAILED');
  for (const w of warnings) expect(w.message, label).not.toMatch(/undefined|\[object /);
  const checked = graphDocumentSchema.safeParse(doc);
  expect(checked.error?.issues ?? [], label).toEqual([]);
  const text = toCanonicalJson(doc);
  const again = loadGraph(text, testRegistry);
  expect(again.warnings, label).toEqual([]);
  expect(toCanonicalJson(again.doc), label).toBe(text);
  return warnings.map((w) => w.code);
}

describe('loadGraph on randomly broken files', () => {
  for (const file of ['valid/autoencoder.json', 'v1/autoencoder.json', 'v1/group-names.json']) {
    it(`${file}: 200 copies with up to three random breaks each all load to valid documents`, () => {
      const next = random(file.length * 7919);
      const text = readFixture(file);
      const seen = new Set<string>();
      for (let round = 0; round < 200; round++) {
        const value: unknown = JSON.parse(text);
        const breaks = 1 + Math.floor(next() * 3);
        for (let b = 0; b < breaks; b++) mutate(value, next);
        for (const code of checkLoad(value, `${file} round ${round}`)) seen.add(code);
      }
      // The breaks must reach many kinds of problem, or this check proves little.
      expect(seen.size).toBeGreaterThanOrEqual(15);
    });
  }

  it('every cut of a file shorter than the whole is reported as not JSON, and nothing throws', () => {
    const text = readFixture('valid/autoencoder.json');
    for (let end = 0; end < text.length - 2; end += 7) {
      const { doc, warnings } = loadGraph(text.slice(0, end), testRegistry);
      expect(warnings.map((w) => w.code)).toEqual(['NOT_JSON']);
      expect(doc.nodes).toEqual([]);
    }
  });
});
