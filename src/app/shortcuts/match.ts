// Matching key presses to the shortcut table: Cmd on a Mac and Ctrl elsewhere, keys typed into
// text fields left alone (except Escape), and the labels the help overlay prints. Pure, no DOM.

import { SHORTCUTS, type KeyCombo, type Shortcut } from './table';

export type Platform = 'mac' | 'other';

/** The fields of a KeyboardEvent the matcher reads. */
export interface KeyPress {
  readonly key: string;
  readonly code?: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  readonly repeat?: boolean;
  /** True while an input method is composing a character; its keys are not ours. */
  readonly isComposing?: boolean;
  readonly target?: unknown;
}

interface NavigatorLike {
  readonly platform?: string;
  readonly userAgent?: string;
  readonly userAgentData?: { readonly platform?: string };
}

export function detectPlatform(nav: NavigatorLike | undefined): Platform {
  const name = nav?.userAgentData?.platform || nav?.platform || nav?.userAgent || '';
  return /mac|iphone|ipad|ipod/i.test(name) ? 'mac' : 'other';
}

const isLetter = (key: string): boolean => /^[a-z]$/i.test(key);
/** A single printable character that is neither letter nor digit: "/", "?". */
const isSymbol = (key: string): boolean => key.length === 1 && !/^[a-z0-9]$/i.test(key);

export function comboMatches(combo: KeyCombo, press: KeyPress, platform: Platform): boolean {
  const modDown = platform === 'mac' ? press.metaKey : press.ctrlKey;
  // Ctrl on a Mac (and the Windows key elsewhere) belongs to the system, never to our shortcuts.
  const foreignDown = platform === 'mac' ? press.ctrlKey : press.metaKey;
  if (foreignDown || Boolean(combo.mod) !== modDown || Boolean(combo.alt) !== press.altKey) return false;
  // Typing "?" (and "/" on many layouts) needs Shift, so Shift is not compared for symbols.
  const symbol = combo.key !== undefined && isSymbol(combo.key);
  if (!symbol && Boolean(combo.shift) !== press.shiftKey) return false;
  if (combo.code !== undefined) return press.code === combo.code;
  if (combo.key === undefined) return false;
  if (isLetter(combo.key)) {
    if (press.key.toLowerCase() === combo.key.toLowerCase()) return true;
    // Option on a Mac turns letters into other characters (Option+N types "˜"); the key's code still names it.
    return press.altKey && press.code === `Key${combo.key.toUpperCase()}`;
  }
  return press.key === combo.key;
}

/** An element where keys are typed as text: text inputs, text areas, selects, editable content. */
export function isTypingTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const element = target as { tagName?: unknown; type?: unknown; isContentEditable?: unknown };
  if (element.isContentEditable === true) return true;
  const tag = typeof element.tagName === 'string' ? element.tagName.toUpperCase() : '';
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  // Ticking a checkbox or pressing a button types nothing, so undo and friends still apply there.
  const type = typeof element.type === 'string' ? element.type.toLowerCase() : 'text';
  return !NON_TEXT_INPUTS.has(type);
}

const NON_TEXT_INPUTS = new Set([
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'range',
  'color',
  'file',
  'image',
]);

/** Inside an open dialog the dialog owns the keyboard (it closes itself on Escape). */
export function isInsideDialog(target: unknown): boolean {
  const closest = (target as { closest?: unknown } | null)?.closest;
  if (typeof closest !== 'function') return false;
  return closest.call(target, 'dialog[open], [role="dialog"], [role="alertdialog"]') !== null;
}

/** The shortcut a key press asks for, or null when it is not one or should be left to the page. */
export function findShortcut(
  press: KeyPress,
  platform: Platform,
  table: readonly Shortcut[] = SHORTCUTS,
): Shortcut | null {
  if (press.isComposing) return null;
  if (isInsideDialog(press.target)) return null;
  if (press.key !== 'Escape' && isTypingTarget(press.target)) return null;
  return (
    table.find((shortcut) => shortcut.keys.some((combo) => comboMatches(combo, press, platform))) ?? null
  );
}

// ---------------------------------------------------------------- labels

const KEY_NAMES: Readonly<Record<string, { mac: string; other: string; words: string }>> = {
  Escape: { mac: 'Esc', other: 'Esc', words: 'Escape' },
  Delete: { mac: 'Del', other: 'Del', words: 'Delete' },
  Backspace: { mac: '⌫', other: 'Backspace', words: 'Backspace' },
  '/': { mac: '/', other: '/', words: 'Slash' },
  '?': { mac: '?', other: '?', words: 'Question mark' },
};

function keyName(combo: KeyCombo, platform: Platform, words: boolean): string {
  if (combo.code !== undefined) return combo.code.replace(/^(Digit|Key)/, '');
  const key = combo.key ?? '';
  const named = KEY_NAMES[key];
  if (named) return words ? named.words : named[platform];
  return key.length === 1 ? key.toUpperCase() : key;
}

/** The keys of a combination as printed, one label per key: ["⌘", "⇧", "Z"] or ["Ctrl", "Shift", "Z"]. */
export function comboLabels(combo: KeyCombo, platform: Platform): string[] {
  const mac = platform === 'mac';
  const labels: string[] = [];
  if (combo.mod) labels.push(mac ? '⌘' : 'Ctrl');
  if (combo.alt) labels.push(mac ? '⌥' : 'Alt');
  if (combo.shift) labels.push(mac ? '⇧' : 'Shift');
  labels.push(keyName(combo, platform, false));
  return labels;
}

/** The combination in words for screen readers: "Command Shift Z", "Control Y". */
export function comboWords(combo: KeyCombo, platform: Platform): string {
  const words: string[] = [];
  if (combo.mod) words.push(platform === 'mac' ? 'Command' : 'Control');
  if (combo.alt) words.push(platform === 'mac' ? 'Option' : 'Alt');
  if (combo.shift) words.push('Shift');
  words.push(keyName(combo, platform, true));
  return words.join(' ');
}

/** "Ctrl+Shift+Z" or "⌘⇧Z", for tooltips and menus. */
export function formatCombo(combo: KeyCombo, platform: Platform): string {
  return comboLabels(combo, platform).join(platform === 'mac' ? '' : '+');
}

/** The first key combination of an action, formatted for a tooltip ("Undo (Ctrl+Z)"); null if it has none. */
export function shortcutLabel(
  action: Shortcut['action'],
  platform: Platform,
  table: readonly Shortcut[] = SHORTCUTS,
): string | null {
  const combo = table.find((shortcut) => shortcut.action === action)?.keys[0];
  return combo === undefined ? null : formatCombo(combo, platform);
}
