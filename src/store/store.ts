// The editor store: the three slices combined into one vanilla zustand store, a default instance
// for the app, and the React hook bound to it.
//
// Reading in React:   const doc = useEditor((s) => s.doc);   (use zustand's useShallow for
//                     selectors that build new arrays or objects)
// Calling actions:    useEditor((s) => s.undo) in components (actions never change identity),
//                     or editorStore.getState().addNode(...) outside React (menus, shortcuts).
// Tests and tools:    createEditorStore(doc) gives an independent store with its own history.

import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { emptyDocument, type GraphDocument } from '../core/graph/document';
import { createDocumentSlice } from './document-slice';
import { createSelectionSlice } from './selection-slice';
import { createSettingsSlice } from './settings-slice';
import type { EditorState, Theme } from './types';

export type EditorStore = StoreApi<EditorState>;

export interface EditorStoreOptions {
  readonly theme?: Theme;
}

export function createEditorStore(initial?: GraphDocument, options: EditorStoreOptions = {}): EditorStore {
  return createStore<EditorState>()((...args) => ({
    ...createDocumentSlice(initial ?? emptyDocument())(...args),
    ...createSelectionSlice(...args),
    ...createSettingsSlice(options.theme)(...args),
  }));
}

const THEME_KEY = 'latent-lab.theme';

/** The theme chosen last time, where the page has storage; 'system' otherwise. */
function storedTheme(): Theme {
  try {
    const value = globalThis.localStorage?.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** The app's store. Only the theme outlives the page; the document has its own autosave. */
export const editorStore: EditorStore = createEditorStore(undefined, { theme: storedTheme() });

editorStore.subscribe((state, previous) => {
  if (state.theme === previous.theme) return;
  try {
    globalThis.localStorage?.setItem(THEME_KEY, state.theme);
  } catch {
    // Private windows may refuse storage; the theme then lasts for this page only.
  }
});

export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(editorStore, selector);
}
