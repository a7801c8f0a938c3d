// Shortcut handlers that need only the editor store and the file actions; the canvas adds the ones
// that need the view (auto layout, fit view, the palette, making a network, help).

import type { EditorState } from '../../store/types';
import type { ShortcutAction } from './table';

type StoreView = { getState(): EditorState };

export interface FileHandlers {
  newGraph(): void;
  openPicker(): void;
  save(): void;
  saveAs(): void;
}

export function editorShortcutHandlers(
  store: StoreView,
  files: FileHandlers,
): Partial<Record<ShortcutAction, () => void>> {
  const state = () => store.getState();
  return {
    undo: () => state().undo(),
    redo: () => state().redo(),
    copy: () => state().copy(state().selectedNodes),
    paste: () => void state().paste(),
    duplicate: () => void state().duplicate(state().selectedNodes),
    delete: () => {
      const { selectedNodes, selectedEdges, removeElements } = state();
      if (selectedNodes.length > 0 || selectedEdges.length > 0) removeElements(selectedNodes, selectedEdges);
    },
    selectAll: () => {
      const { doc, select } = state();
      select(
        doc.nodes.map((node) => node.id),
        doc.edges.map((edge) => edge.id),
      );
    },
    escape: () => state().select([], []),
    newGraph: () => files.newGraph(),
    open: () => files.openPicker(),
    save: () => files.save(),
    saveAs: () => files.saveAs(),
  };
}
