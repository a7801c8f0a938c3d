import { describe, expect, test, vi } from 'vitest';
import { createEditorStore, inferredFor } from '../../src/store';
import { formatType } from '../../src/core/types/ports';
import { ok, port, preset } from './helpers';

describe('inferred types', () => {
  test('are computed once per document object', () => {
    const doc = preset('vae');
    const first = inferredFor(doc);
    expect(inferredFor(doc)).toBe(first);
    expect(first.hasErrors).toBe(false);
  });

  test('follow an edit: a new document gives new types', () => {
    const store = createEditorStore(preset('stacked-autoencoder'));
    const before = inferredFor(store.getState().doc);
    const dense = store.getState().doc.nodes.find((n) => n.type === 'layer.dense');
    ok(store.getState().setParam(dense?.id ?? '', 'units', 7));
    const after = inferredFor(store.getState().doc);
    expect(after).not.toBe(before);
    const out = after.outputs.get(dense?.id ?? '')?.out;
    expect(out && formatType(out)).toBe('vector [B,7]');
  });

  test('a wrong shape connects and inference reports the error on the node', () => {
    const store = createEditorStore();
    const s = store.getState();
    s.addNode('source.dataset', { x: 0, y: 0 });
    s.addNode('layer.dense', { x: 0, y: 0 });
    ok(s.connect(port('dataset.images'), port('dense.in')));
    const types = inferredFor(store.getState().doc);
    expect(types.issues.some((i) => i.node === 'dense' && i.severity === 'error')).toBe(true);
  });
});

describe('selection and settings', () => {
  test('selects nodes and edges and keeps the same arrays for the same selection', () => {
    const store = createEditorStore();
    store.getState().select(['a', 'b'], ['e']);
    const selected = store.getState().selectedNodes;
    expect(selected).toEqual(['a', 'b']);
    expect(store.getState().selectedEdges).toEqual(['e']);
    store.getState().select(['a', 'b'], ['e']);
    expect(store.getState().selectedNodes).toBe(selected);
    store.getState().select([]);
    expect(store.getState().selectedEdges).toEqual([]);
  });

  test('switches theme and toggles collapsed networks', () => {
    const store = createEditorStore();
    expect(store.getState().theme).toBe('system');
    store.getState().setTheme('dark');
    expect(store.getState().theme).toBe('dark');
    store.getState().toggleNetworkCollapsed('encoder');
    store.getState().toggleNetworkCollapsed('decoder');
    store.getState().toggleNetworkCollapsed('encoder');
    expect(store.getState().collapsedNetworks).toEqual(['decoder']);
    expect(store.getState().past).toEqual([]);
  });
});

describe('theme persistence', () => {
  test('the app store remembers the chosen theme across page loads', async () => {
    const saved = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => saved.get(key) ?? null,
      setItem: (key: string, value: string) => saved.set(key, value),
    });
    try {
      vi.resetModules();
      const first = await import('../../src/store/store');
      expect(first.editorStore.getState().theme).toBe('system');
      first.editorStore.getState().setTheme('dark');
      vi.resetModules();
      const second = await import('../../src/store/store');
      expect(second.editorStore.getState().theme).toBe('dark');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
