// The page's side of sample metrics and node notes: FID and IS get a chart each (their scales differ
// from the per-step metrics), and a note from the session stays on its node until an empty one clears it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import type { GraphDocument } from '../../src/core/graph/document';
import { frame } from './frames';
import { chartGroups } from '../../src/app/training/chart-model';
import { applyFrame, initialTraining } from '../../src/app/training/training-store';

const fashion = JSON.parse(
  readFileSync(new URL('../../graphs/gan-fashion-dense.json', import.meta.url), 'utf8'),
) as GraphDocument;

const withMetric = (doc: GraphDocument, id: string, type: string): GraphDocument => ({
  ...doc,
  nodes: [...doc.nodes, { id, type, params: { every: 50 }, position: { x: 0, y: 600 } }],
  edges: [
    ...doc.edges,
    { id: `gOut->${id}`, from: { node: 'gOut', port: 'out' }, to: { node: id, port: 'images' } },
  ],
});

describe('sample metric charts', () => {
  it('gives FID and IS a chart each, apart from the per-step metrics, drawn with a dot per value', () => {
    const doc = withMetric(withMetric(fashion, 'fid', 'metric.fid'), 'is', 'metric.inception-score');
    const groups = chartGroups(doc, NODE_REGISTRY, ['fid', 'dReal']);
    const metrics = groups.find((g) => g.id === 'metrics');
    expect(metrics?.series.map((s) => s.key)).not.toContain('fid');
    const fid = groups.find((g) => g.id === 'sample:fid');
    expect(fid?.title).toBe('FID of fid');
    expect(fid?.caption).toBe('measured every 50 iterations on 500 samples by the MNIST digits classifier');
    expect(fid?.series).toEqual([
      expect.objectContaining({
        key: 'fid',
        role: 'metric',
        sparse: true,
        terms: [{ node: 'fid', weight: 1 }],
      }),
    ]);
    expect(groups.find((g) => g.id === 'sample:is')?.title).toBe('Inception Score of is');
    expect(groups.some((g) => g.id === 'other')).toBe(false);
  });
});

describe('node notes', () => {
  it('keeps a note on its node until an empty note clears it', () => {
    let s = applyFrame(initialTraining, frame({ notes: { fid: 'run `npm run classifiers`' } }));
    expect(s.notes).toEqual({ fid: 'run `npm run classifiers`' });
    s = applyFrame(s, frame({ iteration: 2 }));
    expect(s.notes).toEqual({ fid: 'run `npm run classifiers`' });
    s = applyFrame(s, frame({ iteration: 3, notes: { fid: '', is: 'another' } }));
    expect(s.notes).toEqual({ is: 'another' });
  });
});

describe('node views across graphs', () => {
  const view = (node: string) => ({
    node,
    port: 'view',
    kind: 'critic-map' as const,
    width: 1,
    height: 1,
    rgba: new Uint8ClampedArray(4),
  });

  it('forgets the views of nodes the newly loaded program does not draw, keeping their port previews', () => {
    const port = { ...view('dLoss'), port: 'loss', kind: 'histogram' as const };
    let s = applyFrame(initialTraining, frame({ previews: [view('dLoss'), view('other'), port] }));
    s = applyFrame(s, frame({ iteration: 2, viewNodes: ['other'] }));
    expect(Object.keys(s.previews.dLoss ?? {})).toEqual(['loss']);
    expect(Object.keys(s.previews.other ?? {})).toEqual(['view']);
  });
});
