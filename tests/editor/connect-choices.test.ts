// What the keyboard Connect menu offers (no browser): a node's ports, then the ports of other nodes
// on the opposite side, checked by the store's connectionProblem like a dragged connection.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { loadGraph } from '../../src/core/graph/load';
import {
  filterTargets,
  portChoices,
  targetChoices,
  targetDetail,
  type TargetChoice,
} from '../../src/app/editor/connect-choices';
import { createEditorStore, inferredFor, type EditorStore } from '../../src/store';
import { REPO_ROOT } from '../e2e/harness';

function vaeStore(): EditorStore {
  const raw = JSON.parse(readFileSync(join(REPO_ROOT, 'graphs', 'vae.json'), 'utf8'));
  return createEditorStore(loadGraph(raw, NODE_REGISTRY).doc);
}

function targetsOf(store: EditorStore, node: string, port: string, side: 'output' | 'input'): TargetChoice[] {
  const { doc, connectionProblem } = store.getState();
  return targetChoices(doc, NODE_REGISTRY, inferredFor(doc), { node, port, side }, connectionProblem);
}

const find = (choices: readonly TargetChoice[], node: string, port: string) =>
  choices.find((c) => c.ref.node === node && c.ref.port === port);

describe('the ports of the chosen node', () => {
  it("lists a node's outputs, then its inputs, with the types they carry", () => {
    const { doc } = vaeStore().getState();
    expect(portChoices(doc, NODE_REGISTRY, inferredFor(doc), 'sample')).toEqual([
      { side: 'output', port: 'out', label: 'out', kind: 'tensor', type: 'vector [B,16]' },
      { side: 'input', port: 'mu', label: 'mu', kind: 'tensor', type: 'vector [B,16]' },
      { side: 'input', port: 'logVar', label: 'logVar', kind: 'tensor', type: 'vector [B,16]' },
    ]);
    expect(portChoices(doc, NODE_REGISTRY, inferredFor(doc), 'no-such-node')).toEqual([]);
  });
});

describe('the ports a chosen port could join', () => {
  it('offers the inputs of other nodes, allowed ones first, refused ones with the reason the drag gives', () => {
    const store = vaeStore();
    const targets = targetsOf(store, 'mu', 'out', 'output');
    expect(targets.some((t) => t.ref.node === 'mu')).toBe(false);
    const firstRefused = targets.findIndex((t) => t.problem !== null);
    expect(firstRefused).toBeGreaterThan(0);
    expect(targets.slice(firstRefused).every((t) => t.problem !== null)).toBe(true);
    // The same words as while dragging onto the port.
    const losses = find(targets, 'adam', 'losses');
    expect(losses?.problem).toBe(
      store.getState().connectionProblem({ node: 'mu', port: 'out' }, losses!.ref),
    );
    expect(losses?.problem).toMatch(/takes a loss/);
    expect(find(targets, 'kl', 'mu')?.problem).toMatch(/already connected/);
    // Into an input that takes one edge and has one, connecting replaces it; the menu says so.
    const dec1 = find(targets, 'dec1', 'in');
    expect(dec1?.problem).toBeNull();
    expect(dec1?.replaces).toBe('sample out');
    expect(targetDetail(dec1!)).toBe('vector [B,16]; replaces the edge from sample out');
    expect(targetDetail(losses!)).toMatch(/^refused: /);
  });

  it('from an input, offers the outputs of other nodes that could feed it', () => {
    const targets = targetsOf(vaeStore(), 'flatten', 'in', 'input');
    expect(find(targets, 'data', 'images')?.problem).toMatch(/already connected/);
    expect(find(targets, 'data', 'labels')?.problem).toMatch(/takes a tensor.*carries labels/);
    expect(find(targets, 'dec2', 'out')).toMatchObject({ problem: null, type: 'vector [B,784]' });
    expect(targets.every((t) => t.ref.node !== 'flatten')).toBe(true);
  });

  it('filters by node title, node id and port name, every typed word in any order', () => {
    const targets = targetsOf(vaeStore(), 'mu', 'out', 'output');
    const both = filterTargets(targets, 'LOGVAR kl');
    expect(both.map((t) => `${t.ref.node}.${t.ref.port}`)).toEqual(['kl.logVar']);
    expect(filterTargets(targets, 'dense in').map((t) => t.ref.node)).toEqual(
      expect.arrayContaining(['hidden', 'dec1', 'dec2']),
    );
    expect(filterTargets(targets, '  ')).toHaveLength(targets.length);
  });
});
