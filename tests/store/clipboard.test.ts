import { describe, expect, test } from 'vitest';
import { createEditorStore, PASTE_OFFSET } from '../../src/store';
import { node, ok, port, preset } from './helpers';

function chain() {
  const store = createEditorStore();
  const s = store.getState();
  s.addNode('source.noise', { x: 0, y: 0 });
  s.addNode('layer.dense', { x: 100, y: 0 });
  s.addNode('layer.dense', { x: 200, y: 50 });
  ok(s.connect(port('noise.out'), port('dense.in')));
  ok(s.connect(port('dense.out'), port('dense-2.in')));
  return store;
}

describe('copy and paste', () => {
  test('pastes copies under new ids with the edges between them, offset and selected', () => {
    const store = chain();
    const s = store.getState();
    s.copy(['dense', 'dense-2']);
    const ids = s.paste();
    expect(ids).toEqual(['dense-3', 'dense-4']);
    expect(node(store, 'dense-3').position).toEqual({ x: 100 + PASTE_OFFSET, y: PASTE_OFFSET });
    expect(node(store, 'dense-4').position).toEqual({ x: 200 + PASTE_OFFSET, y: 50 + PASTE_OFFSET });
    const edges = store.getState().doc.edges.map((e) => e.id);
    // The edge from noise led into the copy from outside, so it is not copied.
    expect(edges).toEqual(['noise.out->dense.in', 'dense.out->dense-2.in', 'dense-3.out->dense-4.in']);
    expect(store.getState().selectedNodes).toEqual(ids);
    expect(store.getState().past.at(-1)?.label).toBe('Paste 2 nodes');
  });

  test('copies keep the params of the original', () => {
    const store = chain();
    ok(store.getState().setParam('dense', 'units', 9));
    store.getState().copy(['dense']);
    const [id] = store.getState().paste();
    expect(node(store, id ?? '').params).toEqual(node(store, 'dense').params);
  });

  test('pasting twice shifts each copy further, and pasting at a point places the copy there', () => {
    const store = chain();
    const s = store.getState();
    s.copy(['dense', 'dense-2']);
    s.paste();
    const [second] = s.paste();
    expect(node(store, second ?? '').position).toEqual({ x: 100 + 2 * PASTE_OFFSET, y: 2 * PASTE_OFFSET });
    const [placed, partner] = s.paste({ x: 500, y: 500 });
    expect(node(store, placed ?? '').position).toEqual({ x: 500, y: 500 });
    expect(node(store, partner ?? '').position).toEqual({ x: 600, y: 550 });
  });

  test('pasting still works after the copied nodes are deleted', () => {
    const store = chain();
    store.getState().copy(['dense']);
    store.getState().removeElements(['dense'], []);
    expect(store.getState().paste()).toEqual(['dense']);
  });

  test('paste with an empty clipboard does nothing', () => {
    const store = chain();
    store.getState().copy(['ghost']);
    expect(store.getState().paste()).toEqual([]);
    expect(store.getState().past).toHaveLength(5);
  });

  test('undo of a paste removes the copies', () => {
    const store = chain();
    const before = store.getState().doc;
    store.getState().copy(['noise', 'dense']);
    store.getState().paste();
    store.getState().undo();
    expect(store.getState().doc).toBe(before);
    expect(store.getState().selectedNodes).toEqual([]);
  });

  test('copies of network members join no network', () => {
    const store = createEditorStore(preset('gan-ring'));
    const [copy] = store.getState().duplicate(['d1']);
    expect(node(store, copy ?? '')).not.toHaveProperty('network');
  });
});

describe('duplicate', () => {
  test('duplicates in one step without touching the clipboard', () => {
    const store = chain();
    const s = store.getState();
    s.copy(['noise']);
    const ids = s.duplicate(['dense', 'dense-2']);
    expect(ids).toEqual(['dense-3', 'dense-4']);
    expect(store.getState().doc.edges.at(-1)?.id).toBe('dense-3.out->dense-4.in');
    expect(store.getState().selectedNodes).toEqual(ids);
    expect(s.paste()).toEqual(['noise-2']);
  });
});
