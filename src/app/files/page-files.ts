// The page's file features wired to the real editor store, the node catalogue, downloads and a
// hidden file input; what the canvas and menus call outside React (drops, menu items).

import { NODE_REGISTRY } from '../../../nodes';
import { editorStore } from '../../store';
import { downloadText } from './download';
import { createFileActions, type DroppedFiles, type FileActions } from './file-actions';
import { filesUi } from './files-ui';

export const pageFileActions: FileActions = createFileActions({
  editor: editorStore,
  ui: filesUi,
  registry: NODE_REGISTRY,
  download: downloadText,
});

/** Opening never throws; this catches what would still escape (a store bug) and shows it. */
async function openSafely(open: () => Promise<unknown>): Promise<void> {
  try {
    await open();
  } catch (error) {
    filesUi.getState().notify({
      kind: 'message',
      tone: 'warning',
      text: `The file could not be opened: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

export function openFile(file: File): Promise<void> {
  return openSafely(() => pageFileActions.openFile(file));
}

/**
 * For the canvas's drop handler: opens the first .json file of the drop. Resolves true when one was
 * opened, false when the drop held no graph file (a notice then says so).
 */
export async function openDroppedFiles(dataTransfer: DroppedFiles): Promise<boolean> {
  let opened = false;
  await openSafely(async () => {
    opened = await pageFileActions.openDropped(dataTransfer);
  });
  return opened;
}

/** True when a drag carries files, for the canvas's dragover handler (names are unknown until drop). */
export function dragHasFiles(dataTransfer: Pick<DataTransfer, 'types'>): boolean {
  return Array.from(dataTransfer.types).includes('Files');
}

let pickerInput: HTMLInputElement | null = null;

/** Opens the browser's file picker through one hidden input kept in the page (tests reach it by its test id). */
export function openPicker(): void {
  if (pickerInput === null || !pickerInput.isConnected) {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,application/json';
    input.hidden = true;
    input.setAttribute('aria-label', 'Open graph file');
    input.dataset.testid = 'open-graph-file';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      // Cleared so that choosing the same file again (after editing it) fires another change.
      input.value = '';
      if (file) void openFile(file);
    });
    document.body.append(input);
    pickerInput = input;
  }
  pickerInput.click();
}
