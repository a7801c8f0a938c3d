// Page state of the file features that is not part of the document: the notices shown, whether the
// Save As dialog is open, and the name chosen there (the editor store has no field for it).

import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import {
  NO_NOTICES,
  addNotice,
  clearDocumentNotices,
  dismissNotice,
  type NoticeInput,
  type NoticesState,
} from './notices-model';

/** A Save As name holds while the document keeps the file name it had when the name was chosen. */
export interface ChosenName {
  readonly name: string;
  readonly forFileName: string | null;
}

export interface FilesUiState extends NoticesState {
  readonly saveAsOpen: boolean;
  readonly chosenName: ChosenName | null;
}

export interface FilesUiActions {
  notify(notice: NoticeInput): void;
  dismiss(id: number): void;
  clearDocumentNotices(): void;
  setSaveAsOpen(open: boolean): void;
  setChosenName(chosen: ChosenName | null): void;
}

export type FilesUi = FilesUiState & FilesUiActions;

export function createFilesUi() {
  return createStore<FilesUi>()((setState) => ({
    ...NO_NOTICES,
    saveAsOpen: false,
    chosenName: null,
    notify: (notice) => setState((state) => addNotice(state, notice)),
    dismiss: (id) => setState((state) => dismissNotice(state, id)),
    clearDocumentNotices: () => setState((state) => clearDocumentNotices(state)),
    setSaveAsOpen: (saveAsOpen) => setState({ saveAsOpen }),
    setChosenName: (chosenName) => setState({ chosenName }),
  }));
}

export type FilesUiStore = ReturnType<typeof createFilesUi>;

/** The page's one instance. */
export const filesUi: FilesUiStore = createFilesUi();

export function useFilesUi<T>(selector: (state: FilesUi) => T): T {
  return useStore(filesUi, selector);
}
