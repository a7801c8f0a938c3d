// How the page folds frames into its training state and tells live param edits from structural ones.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import type { GraphDocument } from '../../src/core/graph/document';
import type { RenderedPreview } from '../../src/core/train/frames';
import { frame } from './frames';
import { classifyChange } from '../../src/app/training/doc-diff';
import { applyFrame, initialTraining } from '../../src/app/training/training-store';

const preset = JSON.parse(
  readFileSync(new URL('../../graphs/stacked-autoencoder.json', import.meta.url), 'utf8'),
) as GraphDocument;

const withParam = (doc: GraphDocument, id: string, key: string, value: number): GraphDocument => ({
  ...doc,
  nodes: doc.nodes.map((n) => (n.id === id ? { ...n, params: { ...n.params, [key]: value } } : n)),
});

const preview = (node: string, port: string, fill: number): RenderedPreview => ({
  node,
  port,
  kind: 'image-grid',
  width: 1,
  height: 1,
  rgba: new Uint8ClampedArray([fill, fill, fill, 255]),
});

describe('classifyChange', () => {
  it('sends a changed learning rate as a live param', () => {
    const change = classifyChange(preset, withParam(preset, 'adam', 'learningRate', 0.002), NODE_REGISTRY);
    expect(change).toEqual({ kind: 'live', params: { adam: { learningRate: 0.002 } } });
  });

  it('recompiles when a layer size changes', () => {
    expect(classifyChange(preset, withParam(preset, 'dec1', 'units', 128), NODE_REGISTRY).kind).toBe(
      'structural',
    );
  });

  it('ignores moved nodes', () => {
    const moved = {
      ...preset,
      nodes: preset.nodes.map((n) => ({ ...n, position: { x: n.position.x + 10, y: 0 } })),
    };
    expect(classifyChange(preset, moved, NODE_REGISTRY).kind).toBe('none');
  });

  it('recompiles when an edge is removed', () => {
    expect(classifyChange(preset, { ...preset, edges: preset.edges.slice(1) }, NODE_REGISTRY).kind).toBe(
      'structural',
    );
  });
});

describe('applyFrame', () => {
  it('replaces only the previews of nodes that got a new one', () => {
    const first = applyFrame(
      initialTraining,
      frame({ previews: [preview('a', 'out', 1), preview('b', 'out', 2)] }),
    );
    const second = applyFrame(first, frame({ iteration: 2, previews: [preview('a', 'out', 3)] }));
    expect(second.previews.b).toBe(first.previews.b);
    expect(second.previews.a).not.toBe(first.previews.a);
    expect(second.previews.a?.out?.rgba[0]).toBe(3);
  });

  it('appends loss history per loss node and starts again after a reset', () => {
    let s = applyFrame(
      initialTraining,
      frame({
        iteration: 2,
        history: [
          { iteration: 1, losses: { mse: 0.5 } },
          { iteration: 2, losses: { mse: 0.4 } },
        ],
      }),
    );
    s = applyFrame(s, frame({ iteration: 3, history: [{ iteration: 3, losses: { mse: 0.3 } }] }));
    expect(s.history.mse?.values).toEqual([0.5, 0.4, 0.3]);
    s = applyFrame(s, frame({ iteration: 1, history: [{ iteration: 1, losses: { mse: 0.6 } }] }));
    expect(s.history.mse?.values).toEqual([0.6]);
  });

  it('highlights the node where NaN first appeared and says so in words', () => {
    const s = applyFrame(
      initialTraining,
      frame({ state: 'paused', nonFinite: { loss: 'mse', node: 'dec2', iteration: 7 } }),
    );
    expect(s.nonFiniteNode).toBe('dec2');
    expect(s.message?.kind).toBe('error');
    expect(s.message?.text).toMatch(/dec2/);
  });
});
