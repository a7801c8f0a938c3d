import { describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { inferGraph } from '../../src/core/infer';
import { makeIssue } from '../../src/core/types/issues';
import { countsText, problemCounts, problemRows } from '../../src/app/panels/problems';
import { GraphBuilder } from '../core/graph-builder';

// Two dense layers with nothing feeding them, and a loss that feeds no optimizer.
const doc = new GraphBuilder()
  .node('a', 'layer.dense')
  .node('b', 'layer.dense', { units: 0 })
  .node('data', 'source.dataset')
  .node('mse', 'loss.mse')
  .edge('data.images', 'mse.prediction')
  .edge('data.images', 'mse.target')
  .build();

describe('problem rows', () => {
  const issues = inferGraph(doc, NODE_REGISTRY).issues;
  const rows = problemRows(issues, doc, NODE_REGISTRY);

  it('lists every issue inference found, errors before warnings', () => {
    expect(rows).toHaveLength(issues.length);
    const severities = rows.map((r) => r.issue.severity);
    expect(severities).toContain('warning');
    expect(severities.indexOf('warning')).toBeGreaterThan(severities.lastIndexOf('error'));
  });

  it('names a node by its title, adding the id when two nodes share the title', () => {
    const unconnected = rows.find((r) => r.issue.code === 'E_UNCONNECTED' && r.nodeId === 'a');
    expect(unconnected?.nodeLabel).toBe('Dense (a)');
    const loss = rows.find((r) => r.nodeId === 'mse');
    expect(loss?.nodeLabel).toBe('Mean squared error');
  });

  it('says which port or param an issue is about, in the definition labels', () => {
    expect(rows.find((r) => r.issue.code === 'E_UNCONNECTED')?.where).toBe('port "in"');
    const bad = problemRows(
      [makeIssue('E_BAD_PARAM', { param: 'useBias', detail: 'x' }, 'a')],
      doc,
      NODE_REGISTRY,
    );
    expect(bad[0]?.where).toBe('param "bias"');
  });

  it('keeps graph-wide issues with no node to jump to', () => {
    const rows2 = problemRows([makeIssue('W_NO_OPTIMIZER')], doc, NODE_REGISTRY);
    expect(rows2[0]?.nodeId).toBeUndefined();
    expect(rows2[0]?.nodeLabel).toBe('Graph');
  });

  it('gives every row a distinct key', () => {
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });
});

describe('problem counts', () => {
  it('counts errors and warnings in words with plurals', () => {
    const issues = [
      makeIssue('E_CYCLE', {}, 'a'),
      makeIssue('E_CYCLE', {}, 'b'),
      makeIssue('W_NO_OPTIMIZER'),
    ];
    expect(problemCounts(issues)).toEqual({ errors: 2, warnings: 1 });
    expect(countsText(problemCounts(issues))).toBe('2 errors, 1 warning');
  });

  it('says "No problems" for a clean graph', () => {
    expect(countsText(problemCounts([]))).toBe('No problems');
  });
});
