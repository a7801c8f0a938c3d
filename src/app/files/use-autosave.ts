// Autosave for the page: IndexedDB through idb-keyval, the app's store, a write on pagehide.

import { useEffect } from 'react';
import { NODE_REGISTRY } from '../../../nodes';
import { editorStore } from '../../store';
import { startAutosave } from './autosave';
import { deleteAutosave, readAutosave, writeAutosave } from './autosave-storage';
import { filesUi } from './files-ui';
import { browserTimers } from './save-scheduler';

const STORAGE = { read: readAutosave, write: writeAutosave, remove: deleteAutosave };

/** Mount once, at the top of the editor. Restores the last autosave on start (with a notice). */
export function useAutosave(): void {
  useEffect(() => {
    const autosave = startAutosave({
      editor: editorStore,
      ui: filesUi,
      registry: NODE_REGISTRY,
      storage: STORAGE,
      timers: browserTimers,
    });
    const flush = () => autosave.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      autosave.stop();
    };
  }, []);
}
