// New, Open, Save and Save As as plain functions over the editor store and the page's file state;
// the React hook only binds them, so tests drive them with a fake store and a fake download.

import { toCanonicalJson } from '../../core/graph/canonical';
import { emptyDocument } from '../../core/graph/document';
import type { NodeRegistry } from '../../core/types/definition';
import type { EditorState } from '../../store/types';
import { openGraphFile } from '../open-file';
import { cleanFileName, saveFileName } from './file-names';
import type { FilesUiStore } from './files-ui';

export interface FileActionDeps {
  readonly editor: {
    getState(): Pick<EditorState, 'doc' | 'fileName' | 'replaceDocument' | 'setFileName'>;
  };
  readonly ui: FilesUiStore;
  readonly registry: NodeRegistry;
  readonly download: (fileName: string, text: string) => void;
}

/** What a drop hands over: a DataTransfer, or anything with its files. */
export interface DroppedFiles {
  readonly files: ArrayLike<File> | Iterable<File>;
}

export interface FileActions {
  newGraph(): void;
  openFile(file: File): Promise<void>;
  /** Opens the first graph file of a drop; false (with a notice) when none of the files is one. */
  openDropped(dropped: DroppedFiles): Promise<boolean>;
  save(): void;
  /** Opens the Save As dialog. */
  saveAs(): void;
  /** Downloads under the typed name; false when the name has nothing usable in it. */
  saveAsNamed(name: string): boolean;
  /** The name Save would use now (also the Save As dialog's starting text). */
  currentSaveName(): string;
}

const isGraphFile = (file: File): boolean => /\.json$/i.test(file.name) || file.type === 'application/json';

/** The first graph file among dropped files, or null. */
export function pickGraphFile(files: ArrayLike<File> | Iterable<File>): File | null {
  return Array.from(files).find(isGraphFile) ?? null;
}

export function createFileActions({ editor, ui, registry, download }: FileActionDeps): FileActions {
  const currentSaveName = (): string => {
    const { doc, fileName } = editor.getState();
    return saveFileName(doc, fileName);
  };

  const openFile = async (file: File): Promise<void> => {
    // openGraphFile turns every failure into a warning, so the replace below always has a document.
    const opened = await openGraphFile(file, registry);
    const { warnings, doc } = opened.loaded;
    editor.getState().replaceDocument(doc, `Open ${opened.name}`, opened.name);
    const state = ui.getState();
    if (warnings.length > 0) state.notify({ kind: 'load', source: opened.name, warnings });
    else state.clearDocumentNotices();
  };

  return {
    newGraph() {
      editor.getState().replaceDocument(emptyDocument(), 'New graph', null);
      ui.getState().clearDocumentNotices();
    },
    openFile,
    async openDropped(dropped) {
      const all = Array.from(dropped.files);
      const file = pickGraphFile(all);
      if (file === null) {
        if (all.length > 0) {
          const names = all.map((f) => `"${f.name}"`).join(', ');
          ui.getState().notify({
            kind: 'message',
            tone: 'warning',
            text: `${names} ${all.length === 1 ? 'is not a graph file' : 'are not graph files'}; drop a .json graph to open it.`,
          });
        }
        return false;
      }
      await openFile(file);
      return true;
    },
    save() {
      download(currentSaveName(), toCanonicalJson(editor.getState().doc));
    },
    saveAs() {
      ui.getState().setSaveAsOpen(true);
    },
    saveAsNamed(name) {
      const cleaned = cleanFileName(name);
      if (cleaned === null) return false;
      const { doc, fileName, setFileName } = editor.getState();
      download(cleaned, toCanonicalJson(doc));
      setFileName(cleaned);
      const state = ui.getState();
      state.renameNotices(fileName, cleaned);
      state.setSaveAsOpen(false);
      return true;
    },
    currentSaveName,
  };
}
