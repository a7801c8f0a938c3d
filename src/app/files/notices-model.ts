// What the notices area shows: load warnings after opening a file, the autosave restore notice,
// and short messages about files. Pure, so the rules (one load report at a time) are testable.

import type { LoadWarning } from '../../core/graph/load';

export type Notice =
  /** Problems the loader repaired or dropped while opening `source`. */
  | {
      readonly id: number;
      readonly kind: 'load';
      readonly source: string;
      readonly warnings: readonly LoadWarning[];
    }
  /** The graph was brought back from the autosave written at `savedAt` (ms since 1970). */
  | {
      readonly id: number;
      readonly kind: 'restored';
      readonly savedAt: number;
      /** The file name the restored document carries in the store. */
      readonly fileName: string | null;
      readonly warnings: readonly LoadWarning[];
    }
  /** A plain message: an autosave that could not be restored, a dropped file that is not a graph. */
  | {
      readonly id: number;
      readonly kind: 'message';
      readonly tone: 'info' | 'warning';
      readonly text: string;
    };

export type NoticeInput = Notice extends infer N ? (N extends Notice ? Omit<N, 'id'> : never) : never;

export interface NoticesState {
  readonly notices: readonly Notice[];
  readonly nextId: number;
}

export const NO_NOTICES: NoticesState = { notices: [], nextId: 1 };

/** Adds a notice. A new load report replaces the previous one, and so does a new restore notice,
 * because they describe the document that was replaced. Identical messages are not stacked. */
export function addNotice(state: NoticesState, input: NoticeInput): NoticesState {
  const notice = { ...input, id: state.nextId } as Notice;
  const kept = state.notices.filter((old) => {
    if (input.kind === 'message') return !(old.kind === 'message' && old.text === input.text);
    // Opening a file or starting empty makes the restore notice stale, and vice versa.
    return old.kind === 'message';
  });
  return { notices: [...kept, notice], nextId: state.nextId + 1 };
}

export function dismissNotice(state: NoticesState, id: number): NoticesState {
  const notices = state.notices.filter((notice) => notice.id !== id);
  return notices.length === state.notices.length ? state : { ...state, notices };
}

/** Drops the notices about the document (load reports, restore notice), e.g. after New. */
export function clearDocumentNotices(state: NoticesState): NoticesState {
  const notices = state.notices.filter((notice) => notice.kind === 'message');
  return notices.length === state.notices.length ? state : { ...state, notices };
}

/** After Save As: the reports about the document named `from` now belong to it under the name `to`. */
export function renameNotices(state: NoticesState, from: string | null, to: string): NoticesState {
  let changed = false;
  const notices = state.notices.map((notice): Notice => {
    if (notice.kind === 'load' && notice.source === from) {
      changed = true;
      return { ...notice, source: to };
    }
    if (notice.kind === 'restored' && notice.fileName === from) {
      changed = true;
      return { ...notice, fileName: to };
    }
    return notice;
  });
  return changed ? { ...state, notices } : state;
}

/**
 * The notices to show while the store's document carries `fileName`. Reports about a document hide
 * once another one replaced it (a preset from the gallery, an undo past the open) and come back with it.
 */
export function visibleNotices(notices: readonly Notice[], fileName: string | null): readonly Notice[] {
  return notices.filter((notice) => {
    if (notice.kind === 'load') return notice.source === fileName;
    if (notice.kind === 'restored') return notice.fileName === fileName;
    return true;
  });
}

/** "14:05" for today, else a short date with the time; the locale is the browser's unless given. */
export function describeSavedAt(savedAt: number, now: number, locale?: string): string {
  const saved = new Date(savedAt);
  const today = new Date(now);
  const sameDay = saved.toDateString() === today.toDateString();
  return sameDay
    ? saved.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
    : saved.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
