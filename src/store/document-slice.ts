// The document + history slice: every edit goes through `commit`, which records one undo step and
// merges a run of edits to the same param (typing in a field) into one. A drag reaches the store
// once, when it ends (the canvas holds its positions until then), so it is one step too.

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

type Set_ = Parameters<StateCreator<EditorState>>[0];
type Get = Parameters<StateCreator<EditorState>>[1];

export function createDocumentSlice(
  initial: GraphDocument,
): StateCreator<EditorState, [], [], DocumentSlice> {
  return (set, get) => {
    // Per-store bookkeeping that is no one's business outside the slice, so not in the state.
    let coalesceKey: string | null = null;
    let clipboard: Clipboard | null = null;
    let pasteCount = 0;

    /** Records `next` as one undo step; with a key equal to the previous edit's, merges into it. */
    const commit = (next: GraphDocument, label: string, key: string | null = null): void => {
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
      opened: 0,

      addNode: (type, position, params) => apply(ops.addNode(get().doc, type, position, params)),

      removeElements: (nodeIds, edgeIds) => {
        const edit = ops.removeElements(get().doc, nodeIds, edgeIds);
        if (edit?.ok) commit(edit.doc, edit.label);
      },

      connect: (from, to) => apply(ops.connect(get().doc, from, to)),

      connectionProblem: (from, to) => ops.connectionProblem(get().doc, from, to),

      setParam: (nodeId, key, value) =>
        apply(ops.setParam(get().doc, nodeId, key, value), `param\u0000${nodeId}\u0000${key}`),

      moveNodes: (positions) =>
        commit(ops.moveNodes(get().doc, positions), `Move ${nodesLabel(Object.keys(positions))}`),

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

      setFileName: (fileName) => {
        const state = get();
        if (fileName === state.fileName) return;
        const renamed = (entries: readonly HistoryEntry[]) =>
          entries.map((e) => (e.fileName === state.fileName ? { ...e, fileName } : e));
        set({ fileName, past: renamed(state.past), future: renamed(state.future) });
      },

      replaceDocument: (doc, label, fileName) => {
        coalesceKey = null;
        const state = get();
        const entry: HistoryEntry = { doc: state.doc, label, fileName: state.fileName };
        set({
          ...withDoc(state, doc),
          fileName,
          opened: state.opened + 1,
          past: capped([...state.past, entry]),
          future: [],
          selectedNodes: [],
          selectedEdges: [],
        });
      },

      undo: () => step(get, set, 'past', () => (coalesceKey = null)),
      redo: () => step(get, set, 'future', () => (coalesceKey = null)),
    };
  };
}

/** Moves one entry from `from` (past or future) to the other side, swapping in its document. */
function step(get: Get, set: Set_, from: 'past' | 'future', forget: () => void): void {
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
