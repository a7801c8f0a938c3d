// Listens for the table's shortcuts on the window and calls the handler named by the action.

import { useEffect, useRef } from 'react';
import { detectPlatform, findShortcut, type Platform } from './match';
import { SHORTCUTS, type ShortcutAction } from './table';

export type ShortcutHandlers = Partial<Record<ShortcutAction, () => void>>;

/** The platform of this browser, for matching and for the labels shown. */
export const PLATFORM: Platform = detectPlatform(typeof navigator === 'undefined' ? undefined : navigator);

/**
 * Calls `handlers[action]` when its keys are pressed. Actions without a handler are left to the
 * browser (so Ctrl+C copies text where nothing handles it). Handlers may change on every render.
 */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const shortcut = findShortcut(event, PLATFORM, SHORTCUTS);
      if (shortcut === null) return;
      const handler = latest.current[shortcut.action];
      if (handler === undefined) return;
      // Copy with text selected on the page (a warning, a message) copies the text, not nodes.
      if (shortcut.action === 'copy' && hasTextSelection()) return;
      event.preventDefault();
      if (event.repeat && !shortcut.repeats) return;
      handler();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().trim() !== '';
}
