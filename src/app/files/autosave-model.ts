// The autosave record and the decisions around it: what is written, and whether what was found on
// start is restored, ignored or discarded. Pure; the IndexedDB calls live in autosave-storage.ts.

import { toCanonicalJson } from '../../core/graph/canonical';
import { emptyDocument, type GraphDocument } from '../../core/graph/document';
import { loadGraph, type LoadWarning, type LoadWarningCode } from '../../core/graph/load';
import type { NodeRegistry } from '../../core/types/definition';

/** Bump the suffix if the record's shape ever changes; an old record then reads as corrupted. */
export const AUTOSAVE_KEY = 'latent-lab.autosave.v1';
/** Quiet time after the last edit before writing. */
export const AUTOSAVE_DELAY_MS = 500;
/** Longest wait while edits keep coming (a long drag), so an edit is on disk within a second. */
export const AUTOSAVE_MAX_WAIT_MS = 900;

export interface AutosaveRecord {
  readonly doc: GraphDocument;
  /** Milliseconds since 1970. */
  readonly savedAt: number;
  readonly fileName: string | null;
}

export function makeAutosaveRecord(doc: GraphDocument, fileName: string | null, now: number): AutosaveRecord {
  return { doc, savedAt: now, fileName };
}

const EMPTY_TEXT = toCanonicalJson(emptyDocument());

/** True for a document with nothing a student would miss (the one New makes). */
export function isEmptyDocument(doc: GraphDocument): boolean {
  return toCanonicalJson(doc) === EMPTY_TEXT;
}

export type RestoreDecision =
  /** Nothing stored, or only an empty graph: start as usual. */
  | { readonly kind: 'none' }
  /** The record cannot be used; it should be deleted and the reason shown. */
  | { readonly kind: 'discard'; readonly reason: string }
  | {
      readonly kind: 'restore';
      readonly doc: GraphDocument;
      readonly savedAt: number;
      readonly fileName: string | null;
      /** What loading repaired (e.g. a node type this build no longer has). */
      readonly warnings: readonly LoadWarning[];
    };

/** Load results that mean nothing of the stored graph survived, with the reason shown for each. */
const UNREADABLE: Partial<Record<LoadWarningCode, string>> = {
  NOT_JSON: 'its text is not valid JSON',
  NOT_AN_OBJECT: 'it does not hold a graph object',
  LOAD_FAILED: 'it could not be read',
  WRONG_FORMAT: 'it is not a Latent Lab graph',
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Decides what to do with whatever was stored under the autosave key. Never throws: the record
 * came from disk and may be anything (an older build's shape, a half-written value, a hostile one).
 */
export function decideRestore(stored: unknown, registry: NodeRegistry): RestoreDecision {
  try {
    if (stored === undefined || stored === null) return { kind: 'none' };
    if (!isObject(stored)) return discard(`it holds ${typeof stored} instead of a saved graph`);
    const { doc, savedAt, fileName } = stored;
    if (typeof savedAt !== 'number' || !Number.isFinite(savedAt)) return discard('it has no save time');
    if (doc === undefined) return discard('it holds no graph');
    const loaded = loadGraph(doc, registry);
    const fatal = loaded.warnings.find((warning) => UNREADABLE[warning.code] !== undefined);
    if (fatal) return discard(UNREADABLE[fatal.code] ?? fatal.message);
    if (isEmptyDocument(loaded.doc)) return { kind: 'none' };
    return {
      kind: 'restore',
      doc: loaded.doc,
      savedAt,
      fileName: typeof fileName === 'string' ? fileName : null,
      warnings: loaded.warnings,
    };
  } catch (error) {
    return discard(error instanceof Error ? error.message : 'it could not be read');
  }
}

function discard(reason: string): RestoreDecision {
  return { kind: 'discard', reason };
}

/** The words shown when a stored autosave was thrown away. */
export function discardedText(reason: string): string {
  return `The autosaved graph could not be restored (${reason}), so it was discarded.`;
}
