import { describe, expect, test } from 'vitest';
import { createEditorStore } from '../../src/store';
import { ok, preset, refused } from './helpers';

describe('meta and training settings', () => {
  test('typing a title makes one undo step that restores the old title', () => {
    const store = createEditorStore();
    for (const title of ['M', 'My', 'My VAE']) ok(store.getState().setMeta({ title }));
    expect(store.getState().doc.meta.title).toBe('My VAE');
    expect(store.getState().past.map((e) => e.label)).toEqual(['Set title of the graph']);
    store.getState().undo();
    expect(store.getState().doc.meta.title).toBe('Untitled graph');
  });

  test('an empty lecture or author is removed from the document', () => {
    const store = createEditorStore(preset('vae'));
    expect(store.getState().doc.meta.lecture).toBeDefined();
    ok(store.getState().setMeta({ lecture: '' }));
    expect(store.getState().doc.meta).not.toHaveProperty('lecture');
  });

  test('sets training settings within the file format limits and refuses others', () => {
    const store = createEditorStore();
    ok(store.getState().setTraining({ batchSize: 128, steps: 0 }));
    expect(store.getState().doc.training).toEqual({ batchSize: 128, seed: 1, steps: 0 });
    const before = store.getState().doc;
    expect(refused(store.getState().setTraining({ batchSize: 0 }))).toBe(
      'The batch size must be a whole number from 1 to 4096, got 0',
    );
    expect(refused(store.getState().setTraining({ seed: 1.5 }))).toBe(
      'The seed must be a whole number, got 1.5',
    );
    expect(store.getState().doc).toBe(before);
    store.getState().undo();
    expect(store.getState().doc.training).toEqual({ batchSize: 64, seed: 1, steps: 1000 });
  });

  test('a setting equal to the current one records nothing', () => {
    const store = createEditorStore();
    ok(store.getState().setTraining({ batchSize: 64 }));
    ok(store.getState().setMeta({ title: 'Untitled graph' }));
    expect(store.getState().past).toEqual([]);
  });
});
