// The canvas's pure parts in Node (no browser): the document-to-React-Flow mapper keeps unchanged
// nodes as the same objects, the card views change only where an edit changes their text, frames
// enclose their members, a collapsed network shows its boundary ports, and auto layout with ELK
// places a graph left to right without overlaps.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { loadGraph } from '../../src/core/graph/load';
import { createViewCache } from '../../src/app/editor/canvas-views';
import { createFlowMapper, type FlowInput } from '../../src/app/editor/flow-model';
import {
  boundaryPorts,
  DEFAULT_NODE_SIZE,
  FRAME_PADDING,
  FRAME_TITLE_HEIGHT,
  frameBoxes,
  membersByNetwork,
} from '../../src/app/editor/frames';
import { anchorAt, layoutPositions } from '../../src/app/editor/layout';
import { connectionRefs } from '../../src/app/editor/ports';
import { createEditorStore, inferredFor, type EditorStore } from '../../src/store';
import { REPO_ROOT } from '../e2e/harness';

function presetStore(name: string): EditorStore {
  const raw = JSON.parse(readFileSync(join(REPO_ROOT, 'graphs', `${name}.json`), 'utf8'));
  return createEditorStore(loadGraph(raw, NODE_REGISTRY).doc);
}

function flowInput(store: EditorStore, collapsed: readonly string[] = []): FlowInput {
  const state = store.getState();
  return {
    doc: state.doc,
    types: inferredFor(state.doc),
    registry: NODE_REGISTRY,
    selectedNodes: new Set(state.selectedNodes),
    selectedEdges: new Set(state.selectedEdges),
    selectedExtras: new Set(),
    collapsed: new Set(collapsed),
    sizes: new Map(),
  };
}

const changedIds = (before: readonly { id: string }[], after: readonly { id: string }[]): string[] => {
  const old = new Map(before.map((n) => [n.id, n]));
  return after.filter((n) => old.get(n.id) !== n).map((n) => n.id);
};

describe('flow mapper', () => {
  it('gives back the same node objects except the one that moved (and its frame)', () => {
    const store = presetStore('vae');
    const mapper = createFlowMapper();
    const first = mapper.map(flowInput(store));
    store.getState().moveNodes({ prior: { x: 900, y: 500 } });
    const second = mapper.map(flowInput(store));
    expect(changedIds(first.nodes, second.nodes)).toEqual(['prior']);
    store.getState().moveNodes({ mu: { x: 650, y: -120 } });
    const third = mapper.map(flowInput(store));
    expect(changedIds(second.nodes, third.nodes)).toEqual(['frame:encoder', 'mu']);
  });

  it("leaves React Flow's nodes and edges alone on a param edit (the cards read their views themselves)", () => {
    const store = presetStore('vae');
    const mapper = createFlowMapper();
    const first = mapper.map(flowInput(store));
    expect(store.getState().setParam('dec1', 'units', 128).ok).toBe(true);
    const after = mapper.map(flowInput(store));
    expect(after.nodes).toBe(first.nodes);
    expect(after.edges).toBe(first.edges);
  });

  it('returns the same arrays when nothing changed', () => {
    const store = presetStore('gan-ring');
    const mapper = createFlowMapper();
    const first = mapper.map(flowInput(store));
    const again = mapper.map(flowInput(store));
    expect(again.nodes).toBe(first.nodes);
    expect(again.edges).toBe(first.edges);
  });

  it('colours each edge by what its output port carries', () => {
    const store = presetStore('vae');
    const { edges } = createFlowMapper().map(flowInput(store));
    expect(edges.find((e) => e.id === 'mu.out->sample.mu')?.data).toEqual({ kind: 'tensor' });
    expect(edges.find((e) => e.id === 'kl.loss->adam.losses')?.data).toEqual({ kind: 'loss' });
  });

  it('draws a collapsed network as one node and reroutes its boundary edges to it', () => {
    const store = presetStore('vae');
    const { nodes, edges } = createFlowMapper().map(flowInput(store, ['encoder']));
    const hidden = nodes.filter((n) => n.hidden).map((n) => n.id);
    expect(hidden).toEqual(['flatten', 'hidden', 'mu', 'logVar']);
    expect(nodes.some((n) => n.id === 'frame:encoder')).toBe(false);
    const collapsed = nodes.find((n) => n.id === 'collapsed:encoder');
    expect(collapsed?.type).toBe('collapsed');
    expect(edges.some((e) => e.id === 'hidden.out->mu.in')).toBe(false);
    const intoSample = edges.find((e) => e.id === 'mu.out->sample.mu');
    expect(intoSample).toMatchObject({
      source: 'collapsed:encoder',
      sourceHandle: 'mu::out',
      target: 'sample',
    });
    const refs = connectionRefs({
      source: 'collapsed:encoder',
      sourceHandle: 'mu::out',
      target: 'kl',
      targetHandle: 'mu',
    });
    expect(refs).toEqual({ from: { node: 'mu', port: 'out' }, to: { node: 'kl', port: 'mu' } });
  });
});

describe('card views and edge labels', () => {
  const changedViews = (before: ReadonlyMap<string, unknown>, after: ReadonlyMap<string, unknown>) =>
    [...after].filter(([id, view]) => before.get(id) !== view).map(([id]) => id);

  it('gives new views only to the nodes whose text a param edit changes', () => {
    const store = presetStore('vae');
    const views = createViewCache(NODE_REGISTRY, inferredFor);
    const first = views(store.getState().doc);
    expect(views(store.getState().doc)).toBe(first);
    expect(store.getState().setParam('kl', 'weight', 2).ok).toBe(true);
    const second = views(store.getState().doc);
    expect(changedViews(first.nodes, second.nodes)).toEqual(['kl']);
    // A new width of the code reaches every node that carries it, and only those.
    expect(store.getState().setParam('dec1', 'units', 128).ok).toBe(true);
    const third = views(store.getState().doc);
    expect(changedViews(second.nodes, third.nodes).sort()).toEqual(['dec1', 'dec2']);
    expect(third.nodes.get('dec1')?.outputs[0]?.type).toBe('vector [B,128]');
    expect(changedViews(second.edges, third.edges)).toEqual(['dec1.out->dec2.in']);
  });

  it('labels tensor edges with their shape and marks the edge into a port with an error', () => {
    const store = presetStore('vae');
    const views = createViewCache(NODE_REGISTRY, inferredFor);
    const { edges } = views(store.getState().doc);
    expect(edges.get('mu.out->sample.mu')).toEqual({ shape: '[B,16]', error: false });
    expect(edges.get('kl.loss->adam.losses')).toEqual({ error: false });
    expect(store.getState().setParam('mu', 'units', 8).ok).toBe(true);
    expect(views(store.getState().doc).edges.get('logVar.out->sample.logVar')?.error).toBe(true);
  });
});

describe('network frames', () => {
  it('encloses every member with padding and a title bar', () => {
    const store = presetStore('vae');
    const { doc } = store.getState();
    const boxes = frameBoxes(doc, new Map());
    expect(boxes.map((b) => b.network.name)).toEqual(['Encoder', 'Decoder']);
    const encoder = boxes[0];
    if (!encoder) throw new Error('no encoder frame');
    for (const id of encoder.members) {
      const { x, y } = doc.nodes.find((n) => n.id === id)?.position ?? { x: NaN, y: NaN };
      expect(x).toBeGreaterThanOrEqual(encoder.x + FRAME_PADDING);
      expect(y).toBeGreaterThanOrEqual(encoder.y + FRAME_PADDING + FRAME_TITLE_HEIGHT);
      expect(x + DEFAULT_NODE_SIZE.width).toBeLessThanOrEqual(encoder.x + encoder.width - FRAME_PADDING);
      expect(y + DEFAULT_NODE_SIZE.height).toBeLessThanOrEqual(encoder.y + encoder.height - FRAME_PADDING);
    }
  });

  it("lists a collapsed encoder's boundary: the image it reads and the two codes it offers", () => {
    const store = presetStore('vae');
    const { doc } = store.getState();
    const members = membersByNetwork(doc).get('encoder') ?? [];
    const ports = boundaryPorts(doc, NODE_REGISTRY, members, inferredFor(doc));
    expect(ports.inputs.map((p) => [p.handle, p.type])).toEqual([['flatten::in', 'image [B,28,28,1]']]);
    expect(ports.outputs.map((p) => [p.handle, p.type])).toEqual([
      ['mu::out', 'vector [B,16]'],
      ['logVar::out', 'vector [B,16]'],
    ]);
  });
});

describe('auto layout', () => {
  it('places the VAE left to right along every edge with no two nodes overlapping', async () => {
    const { doc } = presetStore('vae').getState();
    const positions = await layoutPositions(doc, NODE_REGISTRY, new Map());
    expect(Object.keys(positions).sort()).toEqual(doc.nodes.map((n) => n.id).sort());
    for (const edge of doc.edges) {
      expect(positions[edge.from.node]?.x, edge.id).toBeLessThan(positions[edge.to.node]?.x ?? -Infinity);
    }
    const boxes = Object.values(positions);
    const { width, height } = DEFAULT_NODE_SIZE;
    const overlapping = boxes.filter((a, i) =>
      boxes.some((b, j) => j > i && Math.abs(a.x - b.x) < width && Math.abs(a.y - b.y) < height),
    );
    expect(overlapping).toEqual([]);
  });

  it('lays out a selection where it already was', async () => {
    const { doc } = presetStore('vae').getState();
    const chosen = new Set(['dec1', 'dec2', 'image']);
    const positions = await layoutPositions(doc, NODE_REGISTRY, new Map(), chosen);
    expect(Object.keys(positions).sort()).toEqual(['dec1', 'dec2', 'image']);
    expect(Math.min(...Object.values(positions).map((p) => p.x))).toBe(1100);
    expect(Math.min(...Object.values(positions).map((p) => p.y))).toBe(0);
    expect(anchorAt({ a: { x: 10, y: 20 }, b: { x: 30, y: 5 } }, { x: 0, y: 0 })).toEqual({
      a: { x: 0, y: 15 },
      b: { x: 20, y: 0 },
    });
  });
});
