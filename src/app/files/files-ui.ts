// Page state of the file features that is not part of the document: the notices shown and whether
// the Save As dialog is open. The file name itself is the editor store's (setFileName).

import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import {
  NO_NOTICES,
  addNotice,
  clearDocumentNotices,
  dismissNotice,
  renameNotices,
  type NoticeInput,
  type NoticesState,
} from './notices-model';

export interface FilesUiState extends NoticesState {
  readonly saveAsOpen: boolean;
}

export interface FilesUiActions {
  notify(notice: NoticeInput): void;
  dismiss(id: number): void;
  clearDocumentNotices(): void;
  setSaveAsOpen(open: boolean): void;
  /** The document now carries the name `to` instead of `from`; its notices go with it. */
  renameNotices(from: string | null, to: string): void;
}

export type FilesUi = FilesUiState & FilesUiActions;

export function createFilesUi() {
  return createStore<FilesUi>()((setState) => ({
    ...NO_NOTICES,
    saveAsOpen: false,
    notify: (notice) => setState((state) => addNotice(state, notice)),
    dismiss: (id) => setState((state) => dismissNotice(state, id)),
    clearDocumentNotices: () => setState((state) => clearDocumentNotices(state)),
    setSaveAsOpen: (saveAsOpen) => setState({ saveAsOpen }),
    renameNotices: (from, to) => setState((state) => renameNotices(state, from, to)),
  }));
}

export type FilesUiStore = ReturnType<typeof createFilesUi>;

/** The page's one instance. */
export const filesUi: FilesUiStore = createFilesUi();

export function useFilesUi<T>(selector: (state: FilesUi) => T): T {
  return useStore(filesUi, selector);
}
