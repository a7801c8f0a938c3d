// Files for the editor: New/Open/Save/Save As, drops on the canvas, autosave, and the notices area.

export { useFileActions, type FileActionsApi } from './use-file-actions';
export { openDroppedFiles, dragHasFiles } from './page-files';
export { useAutosave } from './use-autosave';
export { Notices } from './Notices';
export { SaveAsDialog } from './SaveAsDialog';
export { filesUi, useFilesUi } from './files-ui';
