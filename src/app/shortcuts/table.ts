// The one table of keyboard shortcuts: what each key does, in the words the help overlay shows.
// Handlers are attached by action name (useShortcuts), so the table holds no behaviour.

export type ShortcutAction =
  | 'undo'
  | 'redo'
  | 'copy'
  | 'paste'
  | 'duplicate'
  | 'delete'
  | 'selectAll'
  | 'escape'
  | 'save'
  | 'saveAs'
  | 'open'
  | 'newGraph'
  | 'autoLayout'
  | 'fitView'
  | 'makeNetwork'
  | 'connect'
  | 'searchPalette'
  | 'help';

export type ShortcutGroup = 'Edit' | 'Selection' | 'File' | 'View' | 'Help';

/**
 * One key combination. `mod` is Cmd on a Mac and Ctrl elsewhere. `key` is compared with
 * KeyboardEvent.key (letters without regard to case); `code` with KeyboardEvent.code, for keys whose
 * character changes with Shift (Shift+1 types "!").
 */
export interface KeyCombo {
  readonly key?: string;
  readonly code?: string;
  readonly mod?: boolean;
  readonly shift?: boolean;
  readonly alt?: boolean;
}

export interface Shortcut {
  readonly action: ShortcutAction;
  readonly keys: readonly KeyCombo[];
  readonly description: string;
  readonly group: ShortcutGroup;
  /** Whether holding the keys down repeats the action (undo yes, a download no). */
  readonly repeats?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'undo', keys: [{ key: 'z', mod: true }], description: 'Undo', group: 'Edit', repeats: true },
  {
    action: 'redo',
    keys: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    description: 'Redo',
    group: 'Edit',
    repeats: true,
  },
  { action: 'copy', keys: [{ key: 'c', mod: true }], description: 'Copy the selected nodes', group: 'Edit' },
  { action: 'paste', keys: [{ key: 'v', mod: true }], description: 'Paste', group: 'Edit' },
  {
    action: 'duplicate',
    keys: [{ key: 'd', mod: true }],
    description: 'Duplicate the selected nodes',
    group: 'Edit',
  },
  {
    action: 'delete',
    keys: [{ key: 'Delete' }, { key: 'Backspace' }],
    description: 'Delete the selection',
    group: 'Edit',
  },
  {
    action: 'makeNetwork',
    keys: [{ key: 'g', mod: true }],
    description: 'Make a network from the selected layers',
    group: 'Edit',
  },
  {
    action: 'connect',
    keys: [{ key: 'c', shift: true }],
    description: 'Connect a port of the focused or selected node (a menu of ports)',
    group: 'Edit',
  },
  {
    action: 'selectAll',
    keys: [{ key: 'a', mod: true }],
    description: 'Select everything',
    group: 'Selection',
  },
  {
    action: 'escape',
    keys: [{ key: 'Escape' }],
    description: 'Clear the selection, close a menu or dialog',
    group: 'Selection',
  },
  {
    action: 'newGraph',
    keys: [{ key: 'n', mod: true, alt: true }],
    description: 'New empty graph',
    group: 'File',
  },
  { action: 'open', keys: [{ key: 'o', mod: true }], description: 'Open a graph file', group: 'File' },
  {
    action: 'save',
    keys: [{ key: 's', mod: true }],
    description: 'Save (download) the graph',
    group: 'File',
  },
  {
    action: 'saveAs',
    keys: [{ key: 's', mod: true, shift: true }],
    description: 'Save under a new name',
    group: 'File',
  },
  { action: 'autoLayout', keys: [{ key: 'l', shift: true }], description: 'Auto layout', group: 'View' },
  {
    action: 'fitView',
    keys: [{ code: 'Digit1', shift: true }],
    description: 'Fit the graph in view',
    group: 'View',
  },
  {
    action: 'searchPalette',
    keys: [{ key: '/' }],
    description: 'Search node types to add',
    group: 'View',
  },
  { action: 'help', keys: [{ key: '?' }], description: 'Show these shortcuts', group: 'Help' },
];

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = ['File', 'Edit', 'Selection', 'View', 'Help'];
