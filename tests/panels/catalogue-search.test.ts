import { describe, expect, it } from 'vitest';
import { NODE_DEFINITIONS } from '../../nodes';
import {
  groupByCategory,
  matchScore,
  moveActive,
  searchCatalogue,
} from '../../src/app/panels/catalogue-search';

const types = (query: string) => searchCatalogue(NODE_DEFINITIONS, query).map((d) => d.type);

describe('palette groups', () => {
  it('lists families in the order their first type appears in the catalogue', () => {
    const seen: string[] = [];
    for (const def of NODE_DEFINITIONS) if (!seen.includes(def.category)) seen.push(def.category);
    expect(groupByCategory(NODE_DEFINITIONS).map((g) => g.category)).toEqual(seen);
  });

  it('keeps every type exactly once, in catalogue order within its family', () => {
    const groups = groupByCategory(NODE_DEFINITIONS);
    expect(groups.flatMap((g) => g.definitions).length).toBe(NODE_DEFINITIONS.length);
    for (const group of groups) {
      const expected = NODE_DEFINITIONS.filter((d) => d.category === group.category).map((d) => d.type);
      expect(group.definitions.map((d) => d.type)).toEqual(expected);
    }
  });

  it('labels families in words', () => {
    const labels = groupByCategory(NODE_DEFINITIONS).map((g) => g.label);
    expect(labels).toContain('Layers');
    expect(labels).toContain('Losses');
  });
});

describe('palette search', () => {
  it('returns every type in catalogue order for an empty query', () => {
    expect(types('  ')).toEqual(NODE_DEFINITIONS.map((d) => d.type));
  });

  it('puts the type whose title is the query first', () => {
    expect(types('dense')[0]).toBe('layer.dense');
    expect(types('Dense')[0]).toBe('layer.dense');
  });

  it('ranks a title prefix before a title word in the middle', () => {
    const found = types('conv');
    expect(found.indexOf('layer.conv2d')).toBeLessThan(found.indexOf('layer.conv2d-transpose'));
    expect(found[0]).toBe('layer.conv2d');
  });

  it('finds a type by the last part of its id', () => {
    expect(types('mse')[0]).toBe('loss.mse');
    expect(types('bce')[0]).toBe('loss.bce');
  });

  it('finds types by words of their doc line when title and id do not match', () => {
    const found = types('learned filters');
    expect(found).toContain('layer.conv2d');
    expect(
      found.every((t) =>
        NODE_DEFINITIONS.find((d) => d.type === t)
          ?.doc.toLowerCase()
          .includes('learned filters'),
      ),
    ).toBe(true);
  });

  it('requires every word of a query to match', () => {
    expect(types('conv transposed')).toEqual(['layer.conv2d-transpose']);
  });

  it('ranks title matches before doc-only matches', () => {
    const found = types('noise');
    const titleHits = found.filter((t) =>
      NODE_DEFINITIONS.find((d) => d.type === t)
        ?.title.toLowerCase()
        .includes('noise'),
    );
    expect(found.slice(0, titleHits.length)).toEqual(titleHits);
    expect(found.length).toBeGreaterThan(titleHits.length);
  });

  it('finds nothing for letters no type has', () => {
    expect(types('qqzz')).toEqual([]);
    expect(matchScore(NODE_DEFINITIONS[0]!, 'qqzz')).toBeNull();
  });
});

describe('moving through a list with the keyboard', () => {
  it('wraps from the last row to the first and back', () => {
    expect(moveActive(4, 'ArrowDown', 5)).toBe(0);
    expect(moveActive(0, 'ArrowUp', 5)).toBe(4);
    expect(moveActive(1, 'ArrowDown', 5)).toBe(2);
  });

  it('jumps to the ends and by pages without running past them', () => {
    expect(moveActive(3, 'Home', 5)).toBe(0);
    expect(moveActive(0, 'End', 5)).toBe(4);
    expect(moveActive(2, 'PageDown', 5)).toBe(4);
    expect(moveActive(2, 'PageUp', 50)).toBe(0);
  });

  it('has no active row in an empty list', () => {
    expect(moveActive(0, 'ArrowDown', 0)).toBe(-1);
  });
});
