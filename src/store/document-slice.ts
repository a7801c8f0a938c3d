// The document + history slice: every edit goes through `commit`, which records one undo step,
// merges a run of edits to the same param (typing in a field) and a whole drag into one step.

import type { StateCreator } from 'zustand/vanilla';
import type { GraphDocument } from '../core/graph/document';
import { copyNodes, PASTE_OFFSET, pasteNodes, type Clipboard } from './clipboard';
import * as ops from './document-ops';
import { nodesLabel, type Edit } from './edit';
import * as networkOps from './network-ops';
import * as settingsOps from './settings-ops';
import type { DocumentSlice, EditorState, EditResult, HistoryEntry } from './types';

/** Undo steps kept; older ones are dropped. */
export const HISTORY_LIMIT = 200;

/** An open drag: the document before it and the nodes it has moved so far. */
interface Drag {
  readonly before: GraphDocument;
  readonly moved: Set<string>;
}

type Set_ = Parameters<StateCreator<EditorState>>[0];
type Get = Parameters<StateCreator<EditorState>>[1];

export function createDocumentSlice(
  initial: GraphDocument,
): StateCreator<EditorState, [], [], DocumentSlice> {
  return (set, get) => {
    // Per-store bookkeeping that is no one's business outside the slice, so not in the state.
    let coalesceKey: string | null = null;
    let drag: Drag | null = null;
    let clipboard: Clipboard | null = null;
    let pasteCount = 0;

    const settleDrag = (): void => {
      const open = drag;
      if (!open) return;
      drag = null;
      const { doc, fileName, past } = get();
      if (!movedAny(open.before, doc, open.moved)) return;
      const entry: HistoryEntry = {
        doc: open.before,
        label: `Move ${nodesLabel([...open.moved])}`,
        fileName,
      };
      set({ past: capped([...past, entry]), future: [] });
    };

    /** Records `next` as one undo step; with a key equal to the previous edit's, merges into it. */
    const commit = (next: GraphDocument, label: string, key: string | null = null): void => {
      settleDrag();
      const state = get();
      if (next === state.doc) return;
      const merge = key !== null && key === coalesceKey && state.future.length === 0 && state.past.length > 0;
      coalesceKey = key;
      if (merge) {
        set(withDoc(state, next));
        return;
      }
      const entry: HistoryEntry = { doc: state.doc, label, fileName: state.fileName };
      set({ ...withDoc(state, next), past: capped([...state.past, entry]), future: [] });
    };

    const apply = <T>(edit: Edit<T>, key: string | null = null): EditResult<T> => {
      if (!edit.ok) return edit;
      commit(edit.doc, edit.label, key);
      return { ok: true, value: edit.value };
    };

    const pasteClip = (clip: Clipboard, placement: Parameters<typeof pasteNodes>[2]): readonly string[] => {
      const pasted = pasteNodes(get().doc, clip, placement);
      commit(pasted.doc, pasted.label);
      set({ selectedNodes: pasted.nodeIds, selectedEdges: [] });
      return pasted.nodeIds;
    };

    return {
      doc: initial,
      past: [],
      future: [],
      fileName: null,

      addNode: (type, position, params) => apply(ops.addNode(get().doc, type, position, params)),

      removeElements: (nodeIds, edgeIds) => {
        const edit = ops.removeElements(get().doc, nodeIds, edgeIds);
        if (edit?.ok) commit(edit.doc, edit.label);
      },

      connect: (from, to) => apply(ops.connect(get().doc, from, to)),

      connectionProblem: (from, to) => ops.connectionProblem(get().doc, from, to),

      setParam: (nodeId, key, value) =>
        apply(ops.setParam(get().doc, nodeId, key, value), `param\u0000${nodeId}\u0000${key}`),

      moveNodes: (positions, final) => {
        const state = get();
        const next = ops.moveNodes(state.doc, positions);
        if (!final || drag) {
          if (!drag) {
            coalesceKey = null;
            drag = { before: state.doc, moved: new Set() };
          }
          for (const id of Object.keys(positions)) drag.moved.add(id);
          if (next !== state.doc) set({ doc: next });
          if (final) settleDrag();
          return;
        }
        commit(next, `Move ${nodesLabel(Object.keys(positions))}`);
      },

      createNetwork: (nodeIds, name) => apply(networkOps.createNetwork(get().doc, nodeIds, name)),

      renameNetwork: (networkId, name) => apply(networkOps.renameNetwork(get().doc, networkId, name)),

      setNodeNetwork: (nodeId, networkId) => apply(networkOps.setNodeNetwork(get().doc, nodeId, networkId)),

      deleteNetwork: (networkId) => {
        const edit = networkOps.deleteNetwork(get().doc, networkId);
        if (edit?.ok) commit(edit.doc, edit.label);
      },

      copy: (nodeIds) => {
        const clip = copyNodes(get().doc, nodeIds);
        if (!clip) return;
        clipboard = clip;
        pasteCount = 0;
      },

      paste: (at) => {
        if (!clipboard) return [];
        if (at) return pasteClip(clipboard, { at });
        pasteCount += 1;
        const shift = PASTE_OFFSET * pasteCount;
        return pasteClip(clipboard, { offset: { x: shift, y: shift } });
      },

      duplicate: (nodeIds) => {
        const clip = copyNodes(get().doc, nodeIds);
        return clip ? pasteClip(clip, { offset: { x: PASTE_OFFSET, y: PASTE_OFFSET } }) : [];
      },

      setMeta: (patch) =>
        apply(settingsOps.setMeta(get().doc, patch), `meta\u0000${Object.keys(patch).sort().join(',')}`),

      setTraining: (patch) =>
        apply(
          settingsOps.setTraining(get().doc, patch),
          `training\u0000${Object.keys(patch).sort().join(',')}`,
        ),

      replaceDocument: (doc, label, fileName) => {
        settleDrag();
        coalesceKey = null;
        const state = get();
        const entry: HistoryEntry = { doc: state.doc, label, fileName: state.fileName };
        set({
          ...withDoc(state, doc),
          fileName,
          past: capped([...state.past, entry]),
          future: [],
          selectedNodes: [],
          selectedEdges: [],
        });
      },

      undo: () => step(get, set, 'past', settleDrag, () => (coalesceKey = null)),
      redo: () => step(get, set, 'future', settleDrag, () => (coalesceKey = null)),
    };
  };
}

/** Moves one entry from `from` (past or future) to the other side, swapping in its document. */
function step(
  get: Get,
  set: Set_,
  from: 'past' | 'future',
  settleDrag: () => void,
  forget: () => void,
): void {
  settleDrag();
  forget();
  const state = get();
  const source = state[from];
  const entry = source[source.length - 1];
  if (!entry) return;
  const back: HistoryEntry = { doc: state.doc, label: entry.label, fileName: state.fileName };
  const other = from === 'past' ? 'future' : 'past';
  set({
    ...withDoc(state, entry.doc),
    fileName: entry.fileName,
    [from]: source.slice(0, -1),
    [other]: capped([...state[other], back]),
  });
}

const capped = (entries: HistoryEntry[]): HistoryEntry[] =>
  entries.length > HISTORY_LIMIT ? entries.slice(entries.length - HISTORY_LIMIT) : entries;

/** The new document, with the selection and collapsed frames trimmed to what still exists. */
function withDoc(state: EditorState, doc: GraphDocument): Partial<EditorState> {
  const out: {
    doc: GraphDocument;
    selectedNodes?: readonly string[];
    selectedEdges?: readonly string[];
    collapsedNetworks?: readonly string[];
  } = { doc };
  if (state.collapsedNetworks.length > 0) {
    // A later network may reuse a deleted one's id; it should not start out collapsed.
    const ids = new Set(doc.networks.map((n) => n.id));
    const kept = state.collapsedNetworks.filter((id) => ids.has(id));
    if (kept.length !== state.collapsedNetworks.length) out.collapsedNetworks = kept;
  }
  if (state.selectedNodes.length > 0) {
    const ids = new Set(doc.nodes.map((n) => n.id));
    const kept = state.selectedNodes.filter((id) => ids.has(id));
    if (kept.length !== state.selectedNodes.length) out.selectedNodes = kept;
  }
  if (state.selectedEdges.length > 0) {
    const ids = new Set(doc.edges.map((e) => e.id));
    const kept = state.selectedEdges.filter((id) => ids.has(id));
    if (kept.length !== state.selectedEdges.length) out.selectedEdges = kept;
  }
  return out;
}

function movedAny(before: GraphDocument, after: GraphDocument, ids: ReadonlySet<string>): boolean {
  if (before === after) return false;
  const old = new Map(before.nodes.map((n) => [n.id, n.position]));
  return after.nodes.some((n) => {
    if (!ids.has(n.id)) return false;
    const was = old.get(n.id);
    return !was || was.x !== n.position.x || was.y !== n.position.y;
  });
}
