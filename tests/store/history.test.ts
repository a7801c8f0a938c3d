import { describe, expect, test } from 'vitest';
import { emptyDocument } from '../../src/core/graph/document';
import { createEditorStore, HISTORY_LIMIT } from '../../src/store';
import { node, ok, port, preset } from './helpers';

const origin = { x: 0, y: 0 };

describe('undo and redo', () => {
  test('each kind of edit undoes to the document before it and redoes to the one after', () => {
    const store = createEditorStore();
    const s = store.getState();
    const edits: [string, () => void][] = [
      ['Add Latent noise', () => ok(s.addNode('source.noise', origin))],
      ['Add Dense', () => ok(s.addNode('layer.dense', origin))],
      ['Connect noise to dense', () => ok(s.connect(port('noise.out'), port('dense.in')))],
      ['Set units of dense', () => ok(s.setParam('dense', 'units', 3))],
      ['Move dense', () => s.moveNodes({ dense: { x: 50, y: 0 } })],
      ['Make network Encoder', () => ok(s.createNetwork(['dense'], 'Encoder'))],
      ['Rename network Encoder to Enc', () => ok(s.renameNetwork('encoder', 'Enc'))],
      ['Take dense out of Enc', () => ok(s.setNodeNetwork('dense', null))],
      ['Delete noise', () => s.removeElements(['noise'], [])],
      ['Paste dense-2', () => s.duplicate(['dense'])],
    ];
    const docs = [store.getState().doc];
    for (const [label, edit] of edits) {
      edit();
      expect(store.getState().past.at(-1)?.label).toBe(label);
      docs.push(store.getState().doc);
    }
    expect(new Set(docs).size).toBe(docs.length);
    for (let i = docs.length - 2; i >= 0; i--) {
      s.undo();
      expect(store.getState().doc).toBe(docs[i]);
    }
    expect(store.getState().future.map((e) => e.label)).toEqual(edits.map(([label]) => label).reverse());
    for (let i = 1; i < docs.length; i++) {
      s.redo();
      expect(store.getState().doc).toBe(docs[i]);
    }
    expect(store.getState().future).toEqual([]);
  });

  test('undo and redo with nothing to undo or redo change nothing', () => {
    const store = createEditorStore();
    const before = store.getState();
    store.getState().undo();
    store.getState().redo();
    expect(store.getState().doc).toBe(before.doc);
    expect(store.getState().past).toEqual([]);
  });

  test('a new edit after an undo clears the redo list', () => {
    const store = createEditorStore();
    const s = store.getState();
    s.addNode('layer.dense', origin);
    s.addNode('layer.flatten', origin);
    s.undo();
    expect(store.getState().future).toHaveLength(1);
    s.addNode('source.noise', origin);
    expect(store.getState().future).toEqual([]);
    s.redo();
    expect(store.getState().doc.nodes.map((n) => n.id)).toEqual(['dense', 'noise']);
  });

  test(`keeps only the last ${HISTORY_LIMIT} steps`, () => {
    const store = createEditorStore();
    store.getState().addNode('layer.dense', origin);
    for (let i = 1; i <= HISTORY_LIMIT + 50; i++) store.getState().moveNodes({ dense: { x: i, y: 0 } });
    expect(store.getState().past).toHaveLength(HISTORY_LIMIT);
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) store.getState().undo();
    // The oldest steps (the add and the first 50 moves) are gone; the earliest kept one remains.
    expect(node(store, 'dense').position.x).toBe(50);
    expect(store.getState().future).toHaveLength(HISTORY_LIMIT);
  });
});

describe('merged steps', () => {
  test('typing into one param field makes one undo step', () => {
    const store = createEditorStore();
    const s = store.getState();
    s.addNode('layer.dense', origin);
    for (const units of [1, 12, 128]) ok(s.setParam('dense', 'units', units));
    expect(store.getState().past).toHaveLength(2);
    expect(store.getState().past.at(-1)?.label).toBe('Set units of dense');
    s.undo();
    expect(node(store, 'dense').params.units).toBe(64);
    s.redo();
    expect(node(store, 'dense').params.units).toBe(128);
  });

  test('edits of another param, another node, or after an undo start a new step', () => {
    const store = createEditorStore();
    const s = store.getState();
    s.addNode('layer.dense', origin);
    s.addNode('layer.dense', origin);
    ok(s.setParam('dense', 'units', 10));
    ok(s.setParam('dense', 'activation', 'tanh'));
    ok(s.setParam('dense', 'units', 11));
    ok(s.setParam('dense-2', 'units', 12));
    expect(store.getState().past).toHaveLength(6);
    s.undo();
    ok(s.setParam('dense-2', 'units', 13));
    ok(s.setParam('dense-2', 'units', 14));
    expect(store.getState().past).toHaveLength(6);
    s.undo();
    expect(node(store, 'dense-2').params.units).toBe(64);
  });

  test('a move of several nodes (a whole drag, as the canvas sends it) is one step, labelled with how many moved', () => {
    const store = createEditorStore();
    const s = store.getState();
    for (let i = 0; i < 3; i++) s.addNode('layer.dense', { x: i * 100, y: 0 });
    const before = store.getState().doc;
    s.moveNodes({ dense: { x: 10, y: 10 }, 'dense-2': { x: 110, y: 10 }, 'dense-3': { x: 210, y: 10 } });
    expect(node(store, 'dense-3').position).toEqual({ x: 210, y: 10 });
    expect(store.getState().past).toHaveLength(4);
    expect(store.getState().past.at(-1)?.label).toBe('Move 3 nodes');
    s.undo();
    expect(store.getState().doc).toBe(before);
  });

  test('a move to where the node already is records nothing', () => {
    const store = createEditorStore();
    store.getState().addNode('layer.dense', origin);
    store.getState().moveNodes({ dense: { x: 0, y: 0 } });
    expect(store.getState().past).toHaveLength(1);
  });

  test('a move after a param edit is its own step, and ends the run of edits to that param', () => {
    const store = createEditorStore();
    const s = store.getState();
    s.addNode('layer.dense', origin);
    ok(s.setParam('dense', 'units', 5));
    s.moveNodes({ dense: { x: 30, y: 0 } });
    ok(s.setParam('dense', 'units', 6));
    expect(store.getState().past.map((e) => e.label)).toEqual([
      'Add Dense',
      'Set units of dense',
      'Move dense',
      'Set units of dense',
    ]);
  });
});

describe('replacing the document', () => {
  test('Open is one undo step that restores the previous graph and its file name', () => {
    const store = createEditorStore();
    const s = store.getState();
    s.replaceDocument(preset('vae'), 'Open vae.json', 'vae.json');
    s.addNode('layer.dense', origin);
    s.select(['dense']);
    const edited = store.getState().doc;
    const gan = preset('gan-ring');
    s.replaceDocument(gan, 'Open gan-ring.json', 'gan-ring.json');
    expect(store.getState().doc).toBe(gan);
    expect(store.getState().fileName).toBe('gan-ring.json');
    expect(store.getState().selectedNodes).toEqual([]);
    s.undo();
    expect(store.getState().doc).toBe(edited);
    expect(store.getState().fileName).toBe('vae.json');
    s.redo();
    expect(store.getState().doc).toBe(gan);
    expect(store.getState().fileName).toBe('gan-ring.json');
  });

  test('Save As names the file without an undo step; undo within the file keeps the name, undo past the Open does not', () => {
    const store = createEditorStore();
    const s = store.getState();
    s.replaceDocument(preset('vae'), 'Open vae.json', 'vae.json');
    ok(s.addNode('layer.dense', origin));
    const steps = store.getState().past.length;
    s.setFileName('my-vae.json');
    expect(store.getState().fileName).toBe('my-vae.json');
    expect(store.getState().past).toHaveLength(steps);
    s.undo();
    expect(store.getState().fileName).toBe('my-vae.json');
    s.redo();
    expect(store.getState().fileName).toBe('my-vae.json');
    s.undo();
    s.undo();
    expect(store.getState().fileName).toBeNull();
    s.redo();
    expect(store.getState().fileName).toBe('my-vae.json');
  });

  test('New after edits can be undone', () => {
    const store = createEditorStore(preset('stacked-autoencoder'));
    const before = store.getState().doc;
    store.getState().replaceDocument(emptyDocument(), 'New graph', null);
    expect(store.getState().doc.nodes).toEqual([]);
    store.getState().undo();
    expect(store.getState().doc).toBe(before);
  });
});
