// Autosave as a plain controller: on start it reads the stored record and restores, ignores or
// discards it; then it writes the document shortly after each edit. Storage and timers are injected,
// so Node tests run it with a fake store; useAutosave binds it to IndexedDB and the page.

import { toCanonicalJson } from '../../core/graph/canonical';
import type { NodeRegistry } from '../../core/types/definition';
import type { EditorState } from '../../store/types';
import {
  AUTOSAVE_DELAY_MS,
  AUTOSAVE_MAX_WAIT_MS,
  decideRestore,
  discardedText,
  makeAutosaveRecord,
  type AutosaveRecord,
  type RestoreDecision,
} from './autosave-model';
import type { FilesUiStore } from './files-ui';
import { createSaveScheduler, type Timers } from './save-scheduler';

export interface AutosaveStorage {
  read(): Promise<unknown>;
  write(record: AutosaveRecord): Promise<void>;
  remove(): Promise<void>;
}

type EditorView = Pick<EditorState, 'doc' | 'fileName' | 'replaceDocument'>;

export interface AutosaveDeps {
  readonly editor: {
    getState(): EditorView;
    subscribe(listener: (state: EditorView, previous: EditorView) => void): () => void;
  };
  readonly ui: FilesUiStore;
  readonly registry: NodeRegistry;
  readonly storage: AutosaveStorage;
  readonly timers: Timers;
}

export interface Autosave {
  /** Settles once the stored record was handled and edits are being watched. */
  readonly ready: Promise<RestoreDecision | null>;
  /** Writes a pending edit now (page hidden or closing). */
  flush(): void;
  /** Stops watching; a pending edit is written first. */
  stop(): void;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function startAutosave({ editor, ui, registry, storage, timers }: AutosaveDeps): Autosave {
  let stopped = false;
  let unsubscribe: (() => void) | null = null;
  /** What was last written (or restored), so an unchanged document is not written again. */
  let lastText: string | null = null;
  const textOf = (doc: EditorView['doc'], fileName: string | null) => `${fileName}\n${toCanonicalJson(doc)}`;
  let failureShown = false;

  const reportFailure = (error: unknown) => {
    if (failureShown) return;
    failureShown = true;
    ui.getState().notify({
      kind: 'message',
      tone: 'warning',
      text: `Autosave is not working in this browser (${errorText(error)}); use Save to keep your graph.`,
    });
  };

  const write = () => {
    const { doc, fileName } = editor.getState();
    const text = textOf(doc, fileName);
    if (text === lastText) return;
    lastText = text;
    storage.write(makeAutosaveRecord(doc, fileName, timers.now())).catch((error: unknown) => {
      lastText = null;
      reportFailure(error);
    });
  };
  const scheduler = createSaveScheduler(write, AUTOSAVE_DELAY_MS, AUTOSAVE_MAX_WAIT_MS, timers);

  const apply = (decision: RestoreDecision) => {
    if (decision.kind === 'discard') {
      storage.remove().catch(() => undefined);
      ui.getState().notify({ kind: 'message', tone: 'warning', text: discardedText(decision.reason) });
      return;
    }
    if (decision.kind !== 'restore') return;
    editor.getState().replaceDocument(decision.doc, 'Restore autosaved graph', decision.fileName);
    lastText = textOf(decision.doc, decision.fileName);
    const { savedAt, fileName, warnings } = decision;
    ui.getState().notify({ kind: 'restored', savedAt, fileName, warnings });
  };

  const ready = (async (): Promise<RestoreDecision | null> => {
    const startDoc = editor.getState().doc;
    let decision: RestoreDecision | null = null;
    try {
      decision = decideRestore(await storage.read(), registry);
    } catch (error) {
      reportFailure(error);
    }
    if (stopped) return decision;
    // An edit made while the record was being read wins over the record.
    if (decision !== null && editor.getState().doc === startDoc) apply(decision);
    unsubscribe = editor.subscribe((state, previous) => {
      if (state.doc !== previous.doc || state.fileName !== previous.fileName) scheduler.changed();
    });
    return decision;
  })();

  return {
    ready,
    flush: () => scheduler.flush(),
    stop() {
      if (stopped) return;
      stopped = true;
      scheduler.flush();
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}
