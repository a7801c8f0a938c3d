// The store and file handlers bound to the page's store, ready to spread into useShortcuts.

import { editorStore } from '../../store';
import { useFileActions } from '../files/use-file-actions';
import { editorShortcutHandlers } from './editor-handlers';
import type { ShortcutHandlers } from './use-shortcuts';

let handlers: ShortcutHandlers | null = null;

/** undo, redo, copy, paste, duplicate, delete, selectAll, escape, newGraph, open, save, saveAs. */
export function useEditorShortcutHandlers(): ShortcutHandlers {
  const files = useFileActions();
  handlers ??= editorShortcutHandlers(editorStore, files);
  return handlers;
}
