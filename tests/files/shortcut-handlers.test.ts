import { describe, expect, it } from 'vitest';
import { editorShortcutHandlers } from '../../src/app/shortcuts/editor-handlers';
import { loadGraph } from '../../src/core/graph/load';
import { createEditorStore } from '../../src/store';
import { testRegistry } from '../graph/test-registry';
import { fixtureJson } from './helpers';

const AUTOENCODER = loadGraph(fixtureJson('valid/autoencoder.json'), testRegistry).doc;

function setUp() {
  const store = createEditorStore(AUTOENCODER);
  const calls: string[] = [];
  const files = {
    newGraph: () => calls.push('new'),
    openPicker: () => calls.push('open'),
    save: () => calls.push('save'),
    saveAs: () => calls.push('saveAs'),
  };
  return { store, calls, handlers: editorShortcutHandlers(store, files) };
}

describe('the store handlers behind the shortcuts', () => {
  it('selects every node and edge, and Escape clears the selection', () => {
    const { store, handlers } = setUp();
    handlers.selectAll?.();
    expect(store.getState().selectedNodes).toHaveLength(AUTOENCODER.nodes.length);
    expect(store.getState().selectedEdges).toHaveLength(AUTOENCODER.edges.length);
    handlers.escape?.();
    expect(store.getState().selectedNodes).toEqual([]);
  });

  it('deletes the selected node with its edges, and undo brings them back', () => {
    const { store, handlers } = setUp();
    store.getState().select(['enc']);
    handlers.delete?.();
    const doc = store.getState().doc;
    expect(doc.nodes.some((n) => n.id === 'enc')).toBe(false);
    expect(doc.edges.some((e) => e.from.node === 'enc' || e.to.node === 'enc')).toBe(false);
    handlers.undo?.();
    expect(store.getState().doc).toBe(AUTOENCODER);
    handlers.redo?.();
    expect(store.getState().doc).toBe(doc);
  });

  it('does nothing on Delete when nothing is selected', () => {
    const { store, handlers } = setUp();
    handlers.delete?.();
    expect(store.getState().past).toHaveLength(0);
  });

  it('duplicates the selection and selects the copies', () => {
    const { store, handlers } = setUp();
    store.getState().select(['enc']);
    handlers.duplicate?.();
    const { doc, selectedNodes } = store.getState();
    expect(doc.nodes).toHaveLength(AUTOENCODER.nodes.length + 1);
    expect(selectedNodes).toHaveLength(1);
    expect(selectedNodes[0]).not.toBe('enc');
  });

  it('passes the file shortcuts to the file actions', () => {
    const { calls, handlers } = setUp();
    handlers.save?.();
    handlers.saveAs?.();
    handlers.open?.();
    handlers.newGraph?.();
    expect(calls).toEqual(['save', 'saveAs', 'open', 'new']);
  });
});
