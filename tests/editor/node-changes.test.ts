// React Flow's node changes applied to the editor (no browser): a drag is held on the canvas and
// reaches the document once, when it ends, as one undo step; frames carry their members along.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NodeChange } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { loadGraph } from '../../src/core/graph/load';
import { createCanvasShared } from '../../src/app/editor/canvas-context';
import { createFlowMapper, type EditorFlowNode } from '../../src/app/editor/flow-model';
import { frameBoxes, frameNodeId, membersByNetwork } from '../../src/app/editor/frames';
import { applyNodeChanges } from '../../src/app/editor/node-changes';
import { createEditorStore, inferredFor, type EditorStore } from '../../src/store';
import { REPO_ROOT } from '../e2e/harness';

function presetStore(name: string): EditorStore {
  const raw = JSON.parse(readFileSync(join(REPO_ROOT, 'graphs', `${name}.json`), 'utf8'));
  return createEditorStore(loadGraph(raw, NODE_REGISTRY).doc);
}

const move = (id: string, x: number, y: number, dragging: boolean): NodeChange<EditorFlowNode> => ({
  id,
  type: 'position',
  position: { x, y },
  dragging,
});

const positionOf = (store: EditorStore, id: string) =>
  store.getState().doc.nodes.find((n) => n.id === id)?.position;

describe('dragging nodes on the canvas', () => {
  it('holds a drag on the canvas and writes it to the document once, as one undo step, when it ends', () => {
    const store = presetStore('vae');
    const shared = createCanvasShared();
    const before = store.getState().doc;
    const start = positionOf(store, 'prior');
    for (let step = 1; step <= 5; step++)
      applyNodeChanges([move('prior', step * 10, 400, true)], shared, store);
    expect(store.getState().doc).toBe(before);
    expect(store.getState().past).toHaveLength(0);
    expect(shared.extras.getState().dragPositions.get('prior')).toEqual({ x: 50, y: 400 });

    applyNodeChanges([move('prior', 60, 400, false)], shared, store);
    expect(positionOf(store, 'prior')).toEqual({ x: 60, y: 400 });
    expect(store.getState().past.map((e) => e.label)).toEqual(['Move prior']);
    expect(shared.extras.getState().dragPositions.size).toBe(0);
    store.getState().undo();
    expect(positionOf(store, 'prior')).toEqual(start);
  });

  it('moves a node nudged by keyboard (no drag) at once, one step per move', () => {
    const store = presetStore('vae');
    const shared = createCanvasShared();
    applyNodeChanges([move('prior', 5, 5, false)], shared, store);
    applyNodeChanges([move('prior', 10, 5, false)], shared, store);
    expect(positionOf(store, 'prior')).toEqual({ x: 10, y: 5 });
    expect(store.getState().past).toHaveLength(2);
  });

  it('moves the members of a dragged frame by as much as the frame moved, as one step', () => {
    const store = presetStore('vae');
    const shared = createCanvasShared();
    const doc = store.getState().doc;
    const members = membersByNetwork(doc).get('encoder') ?? [];
    expect(members.length).toBeGreaterThan(1);
    const box = frameBoxes(doc, shared.sizes).find((b) => b.network.id === 'encoder');
    if (!box) throw new Error('no encoder frame');
    const frame = frameNodeId('encoder');
    applyNodeChanges([move(frame, box.x + 20, box.y + 10, true)], shared, store);
    applyNodeChanges([move(frame, box.x + 40, box.y + 30, true)], shared, store);
    expect(store.getState().doc).toBe(doc);
    applyNodeChanges([move(frame, box.x + 40, box.y + 30, false)], shared, store);
    for (const id of members) {
      const was = doc.nodes.find((n) => n.id === id)?.position;
      expect(positionOf(store, id), id).toEqual({ x: (was?.x ?? 0) + 40, y: (was?.y ?? 0) + 30 });
    }
    expect(store.getState().past.map((e) => e.label)).toEqual([`Move ${members.length} nodes`]);
  });

  it('draws the held positions with new objects for the dragged node and its frame only', () => {
    const store = presetStore('vae');
    const doc = store.getState().doc;
    const mapper = createFlowMapper();
    const input = {
      types: inferredFor(doc),
      registry: NODE_REGISTRY,
      selectedNodes: new Set<string>(),
      selectedEdges: new Set<string>(),
      selectedExtras: new Set<string>(),
      collapsed: new Set<string>(),
      sizes: new Map(),
    };
    const first = mapper.map({ ...input, doc });
    const dragged = mapper.map({
      ...input,
      doc,
      drag: new Map([['mu', { x: 700, y: -50 }]]),
    });
    const old = new Map(first.nodes.map((n) => [n.id, n]));
    expect(dragged.nodes.filter((n) => old.get(n.id) !== n).map((n) => n.id)).toEqual([
      'frame:encoder',
      'mu',
    ]);
    expect(dragged.nodes.find((n) => n.id === 'mu')?.position).toEqual({ x: 700, y: -50 });
    // The frame's box follows its member, while its React Flow node keeps its size until the drop.
    const frameBefore = first.nodes.find((n) => n.id === 'frame:encoder');
    const frameDuring = dragged.nodes.find((n) => n.id === 'frame:encoder');
    if (frameBefore?.type !== 'frame' || frameDuring?.type !== 'frame') throw new Error('no encoder frame');
    expect(frameDuring.width).toBe(frameBefore.width);
    expect(frameDuring.data.width).toBeGreaterThan(frameBefore.data.width);
    // Edges follow their nodes inside React Flow; the edge list itself is handed back unchanged.
    expect(dragged.edges).toBe(first.edges);
  });
});
