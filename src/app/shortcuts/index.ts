// Keyboard shortcuts: the table, the matcher, the hook and the help overlay.

export {
  SHORTCUTS,
  SHORTCUT_GROUPS,
  type KeyCombo,
  type Shortcut,
  type ShortcutAction,
  type ShortcutGroup,
} from './table';
export {
  comboLabels,
  comboMatches,
  comboWords,
  detectPlatform,
  findShortcut,
  formatCombo,
  isTypingTarget,
  shortcutLabel,
  type KeyPress,
  type Platform,
} from './match';
export { PLATFORM, useShortcuts, type ShortcutHandlers } from './use-shortcuts';
export { editorShortcutHandlers, type FileHandlers } from './editor-handlers';
export { useEditorShortcutHandlers } from './use-editor-shortcut-handlers';
export { ShortcutHelp } from './ShortcutHelp';
