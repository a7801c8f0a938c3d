import { describe, expect, it } from 'vitest';
import {
  comboLabels,
  comboWords,
  detectPlatform,
  findShortcut,
  formatCombo,
  isTypingTarget,
  shortcutLabel,
  type KeyPress,
  type Platform,
} from '../../src/app/shortcuts/match';
import { SHORTCUTS, SHORTCUT_GROUPS } from '../../src/app/shortcuts/table';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...extra,
});

const actionOf = (p: KeyPress, platform: Platform = 'other') => findShortcut(p, platform)?.action ?? null;

/** A stand-in for a DOM element: what the matcher reads of an event target. */
const element = (tagName: string, extra: Record<string, unknown> = {}) => ({
  tagName,
  isContentEditable: false,
  closest: () => null,
  ...extra,
});

describe('matching keys on each platform', () => {
  it('undoes with Ctrl+Z on Windows and Linux but not with Cmd+Z there', () => {
    expect(actionOf(press('z', { ctrlKey: true }), 'other')).toBe('undo');
    expect(actionOf(press('z', { metaKey: true }), 'other')).toBeNull();
  });

  it('undoes with Cmd+Z on a Mac and leaves Ctrl+Z to the system there', () => {
    expect(actionOf(press('z', { metaKey: true }), 'mac')).toBe('undo');
    expect(actionOf(press('z', { ctrlKey: true }), 'mac')).toBeNull();
  });

  it('redoes with Ctrl+Shift+Z (upper-case key) and with Ctrl+Y', () => {
    expect(actionOf(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(actionOf(press('y', { ctrlKey: true }))).toBe('redo');
    expect(actionOf(press('z', { metaKey: true, shiftKey: true }), 'mac')).toBe('redo');
  });

  it('maps each edit and file key to its action', () => {
    const cases: [KeyPress, string][] = [
      [press('c', { ctrlKey: true }), 'copy'],
      [press('v', { ctrlKey: true }), 'paste'],
      [press('d', { ctrlKey: true }), 'duplicate'],
      [press('Delete'), 'delete'],
      [press('Backspace'), 'delete'],
      [press('a', { ctrlKey: true }), 'selectAll'],
      [press('s', { ctrlKey: true }), 'save'],
      [press('S', { ctrlKey: true, shiftKey: true }), 'saveAs'],
      [press('o', { ctrlKey: true }), 'open'],
      [press('n', { ctrlKey: true, altKey: true }), 'newGraph'],
      [press('L', { shiftKey: true }), 'autoLayout'],
      [press('g', { ctrlKey: true }), 'makeNetwork'],
      [press('/'), 'searchPalette'],
      [press('Escape'), 'escape'],
    ];
    expect(cases.map(([p]) => actionOf(p))).toEqual(cases.map(([, action]) => action));
  });

  it('opens help on "?" although typing it needs Shift', () => {
    expect(actionOf(press('?', { shiftKey: true }))).toBe('help');
  });

  it('fits the view on Shift+1 by the key code, whatever character the layout types', () => {
    expect(actionOf(press('!', { code: 'Digit1', shiftKey: true }))).toBe('fitView');
    expect(actionOf(press('1', { code: 'Digit1', shiftKey: true }))).toBe('fitView');
    expect(actionOf(press('1', { code: 'Digit1' }))).toBeNull();
  });

  it('finds Cmd+Option+N on a Mac, where Option turns N into another character', () => {
    expect(actionOf(press('˜', { code: 'KeyN', metaKey: true, altKey: true }), 'mac')).toBe('newGraph');
  });

  it('does not take plain letters or extra modifiers as shortcuts', () => {
    expect(actionOf(press('l'))).toBeNull();
    expect(actionOf(press('z'))).toBeNull();
    expect(actionOf(press('z', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(actionOf(press('Delete', { ctrlKey: true }))).toBeNull();
    expect(actionOf(press('n', { ctrlKey: true }))).toBeNull();
  });

  it('tells a Mac from other systems by the navigator', () => {
    expect(detectPlatform({ platform: 'MacIntel' })).toBe('mac');
    expect(detectPlatform({ userAgentData: { platform: 'macOS' } })).toBe('mac');
    expect(detectPlatform({ platform: 'Win32' })).toBe('other');
    expect(detectPlatform({ platform: '', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' })).toBe('other');
    expect(detectPlatform(undefined)).toBe('other');
  });
});

describe('keys typed into fields', () => {
  it('counts text inputs, text areas, selects and editable content as typing', () => {
    expect(isTypingTarget(element('INPUT', { type: 'text' }))).toBe(true);
    expect(isTypingTarget(element('INPUT', { type: 'number' }))).toBe(true);
    expect(isTypingTarget(element('TEXTAREA'))).toBe(true);
    expect(isTypingTarget(element('SELECT'))).toBe(true);
    expect(isTypingTarget(element('DIV', { isContentEditable: true }))).toBe(true);
  });

  it('does not count checkboxes, buttons and plain elements as typing', () => {
    expect(isTypingTarget(element('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(isTypingTarget(element('BUTTON'))).toBe(false);
    expect(isTypingTarget(element('DIV'))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });

  it('leaves Ctrl+Z, Delete and "/" to a text input so its own editing works', () => {
    const target = element('INPUT', { type: 'text' });
    expect(actionOf(press('z', { ctrlKey: true, target }))).toBeNull();
    expect(actionOf(press('Backspace', { target }))).toBeNull();
    expect(actionOf(press('/', { target }))).toBeNull();
    expect(actionOf(press('a', { ctrlKey: true, target: element('TEXTAREA') }))).toBeNull();
  });

  it('still passes Escape out of a text input', () => {
    expect(actionOf(press('Escape', { target: element('INPUT', { type: 'search' }) }))).toBe('escape');
  });

  it('undoes while a checkbox has focus', () => {
    const target = element('INPUT', { type: 'checkbox' });
    expect(actionOf(press('z', { ctrlKey: true, target }))).toBe('undo');
  });

  it('ignores keys inside an open dialog and while an input method composes', () => {
    const inDialog = element('BUTTON', { closest: () => ({ tagName: 'DIALOG' }) });
    expect(actionOf(press('s', { ctrlKey: true, target: inDialog }))).toBeNull();
    expect(actionOf(press('z', { ctrlKey: true, isComposing: true }))).toBeNull();
  });
});

describe('the shortcut table', () => {
  it('gives no two actions the same keys on either platform', () => {
    for (const platform of ['mac', 'other'] as const) {
      const seen = new Map<string, string>();
      for (const shortcut of SHORTCUTS) {
        for (const combo of shortcut.keys) {
          const label = formatCombo(combo, platform);
          expect(seen.get(label), `${label} on ${platform}`).toBeUndefined();
          seen.set(label, shortcut.action);
        }
      }
    }
  });

  it('finds every entry of the table from each of its key combinations', () => {
    for (const shortcut of SHORTCUTS) {
      for (const combo of shortcut.keys) {
        const p = press(combo.key ?? '', {
          ctrlKey: Boolean(combo.mod),
          shiftKey: Boolean(combo.shift),
          altKey: Boolean(combo.alt),
          ...(combo.code !== undefined && { code: combo.code }),
        });
        expect(actionOf(p), shortcut.action).toBe(shortcut.action);
      }
    }
  });

  it('puts every entry in a listed group with a description', () => {
    for (const shortcut of SHORTCUTS) {
      expect(SHORTCUT_GROUPS).toContain(shortcut.group);
      expect(shortcut.description.length).toBeGreaterThan(3);
    }
  });

  it('labels keys with Mac symbols on a Mac and with words elsewhere', () => {
    const redo = { key: 'z', mod: true, shift: true };
    expect(comboLabels(redo, 'mac')).toEqual(['⌘', '⇧', 'Z']);
    expect(formatCombo(redo, 'other')).toBe('Ctrl+Shift+Z');
    expect(comboWords(redo, 'mac')).toBe('Command Shift Z');
    expect(formatCombo({ code: 'Digit1', shift: true }, 'other')).toBe('Shift+1');
    expect(shortcutLabel('save', 'other')).toBe('Ctrl+S');
    expect(shortcutLabel('newGraph', 'mac')).toBe('⌘⌥N');
  });
});
