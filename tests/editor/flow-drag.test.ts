// Frames of a drag in the flow mapper (no browser): a frame that changes only the drag positions is
// patched into the previous result, and what it draws must be what a full pass over the same input
// draws, with every node the drag did not touch left as the same object.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { loadGraph } from '../../src/core/graph/load';
import type { DragPositions } from '../../src/app/editor/canvas-context';
import { createFlowMapper, type FlowInput } from '../../src/app/editor/flow-model';
import { membersByNetwork } from '../../src/app/editor/frames';
import { createEditorStore, inferredFor, type EditorStore } from '../../src/store';
import { REPO_ROOT } from '../e2e/harness';

function presetStore(name: string): EditorStore {
  const raw = JSON.parse(readFileSync(join(REPO_ROOT, 'graphs', `${name}.json`), 'utf8'));
  return createEditorStore(loadGraph(raw, NODE_REGISTRY).doc);
}

/** The input a canvas hands the mapper between drag frames: the same sets, the same document. */
function baseInput(store: EditorStore, collapsed: readonly string[] = []): Omit<FlowInput, 'drag'> {
  const { doc, selectedNodes } = store.getState();
  return {
    doc,
    types: inferredFor(doc),
    registry: NODE_REGISTRY,
    selectedNodes: new Set(selectedNodes),
    selectedEdges: new Set(),
    selectedExtras: new Set(),
    collapsed: new Set(collapsed),
    sizes: new Map([['hidden', { width: 240, height: 130 }]]),
  };
}

const changedIds = (before: readonly { id: string }[], after: readonly { id: string }[]): string[] => {
  const old = new Map(before.map((n) => [n.id, n]));
  return after.filter((n) => old.get(n.id) !== n).map((n) => n.id);
};

describe('frames of a drag in the flow mapper', () => {
  it('draws each frame of a drag as a full pass would, with new objects only for what moved', () => {
    const store = presetStore('vae');
    const input = baseInput(store);
    const mapper = createFlowMapper();
    let previous = mapper.map(input);
    const frames: DragPositions[] = [
      new Map([['mu', { x: 650, y: -100 }]]),
      new Map([['mu', { x: 700, y: -140 }]]),
      // A second node joins the drag (a multi-selection) and the first stays where it was.
      new Map([
        ['mu', { x: 700, y: -140 }],
        ['dec1', { x: 900, y: 420 }],
      ]),
    ];
    const expectedChanges = [
      ['frame:encoder', 'mu'],
      ['frame:encoder', 'mu'],
      ['frame:decoder', 'dec1'],
    ];
    frames.forEach((drag, i) => {
      const patched = mapper.map({ ...input, drag });
      const full = createFlowMapper().map({ ...input, drag });
      expect(patched.nodes).toEqual(full.nodes);
      expect(patched.edges).toEqual(full.edges);
      expect(changedIds(previous.nodes, patched.nodes)).toEqual(expectedChanges[i]);
      expect(patched.edges).toBe(previous.edges);
      previous = patched;
    });
  });

  it('draws a node the drag lets go of where the document has it', () => {
    const store = presetStore('vae');
    const input = baseInput(store);
    const mapper = createFlowMapper();
    const start = mapper.map(input);
    mapper.map({ ...input, drag: new Map([['prior', { x: 10, y: 10 }]]) });
    const back = mapper.map({ ...input, drag: new Map() });
    expect(back.nodes.find((n) => n.id === 'prior')?.position).toEqual(
      start.nodes.find((n) => n.id === 'prior')?.position,
    );
    expect(back.nodes).toEqual(start.nodes);
  });

  it('keeps the objects of the last drag frame once the document has the drop', () => {
    const store = presetStore('vae');
    const mapper = createFlowMapper();
    const input = baseInput(store);
    mapper.map(input);
    const lastFrame = mapper.map({ ...input, drag: new Map([['prior', { x: 880, y: 510 }]]) });
    store.getState().moveNodes({ prior: { x: 880, y: 510 } });
    const dropped = mapper.map({ ...input, doc: store.getState().doc });
    expect(changedIds(lastFrame.nodes, dropped.nodes)).toEqual([]);
  });

  it('moves a collapsed network when its members are dragged', () => {
    const store = presetStore('vae');
    const input = baseInput(store, ['encoder']);
    const mapper = createFlowMapper();
    const before = mapper.map(input);
    const members = membersByNetwork(store.getState().doc).get('encoder') ?? [];
    const docNodes = new Map(store.getState().doc.nodes.map((n) => [n.id, n.position]));
    const drag = new Map(
      members.map((id) => [id, { x: (docNodes.get(id)?.x ?? 0) + 50, y: (docNodes.get(id)?.y ?? 0) + 20 }]),
    );
    const after = mapper.map({ ...input, drag });
    const was = before.nodes.find((n) => n.id === 'collapsed:encoder')?.position;
    expect(after.nodes.find((n) => n.id === 'collapsed:encoder')?.position).toEqual({
      x: (was?.x ?? 0) + 50,
      y: (was?.y ?? 0) + 20,
    });
  });

  it('draws a new selection during a drag', () => {
    const store = presetStore('vae');
    const input = baseInput(store);
    const mapper = createFlowMapper();
    mapper.map(input);
    const drag = new Map([['prior', { x: 10, y: 10 }]]);
    mapper.map({ ...input, drag });
    const selected = mapper.map({ ...input, drag, selectedNodes: new Set(['prior']) });
    expect(selected.nodes.find((n) => n.id === 'prior')).toMatchObject({
      selected: true,
      position: { x: 10, y: 10 },
    });
  });
});
