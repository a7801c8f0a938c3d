// The file actions for menus, buttons and shortcuts; stable across renders.

import { openFile, openPicker, pageFileActions } from './page-files';

export interface FileActionsApi {
  /** Replaces the document with an empty one (one undo step). */
  newGraph(): void;
  /** Shows the browser's file picker; the chosen file is opened like openFile. */
  openPicker(): void;
  /** Reads a graph file with the tolerant loader; never rejects; warnings go to <Notices />. */
  openFile(file: File): Promise<void>;
  /** Downloads the canonical JSON under the current name. */
  save(): void;
  /** Opens the Save As dialog (mount <SaveAsDialog /> once). */
  saveAs(): void;
}

const API: FileActionsApi = {
  newGraph: () => pageFileActions.newGraph(),
  openPicker,
  openFile,
  save: () => pageFileActions.save(),
  saveAs: () => pageFileActions.saveAs(),
};

export function useFileActions(): FileActionsApi {
  return API;
}
