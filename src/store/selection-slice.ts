// The selection slice: which nodes and edges are selected (the inspector shows the first node).

import type { StateCreator } from 'zustand/vanilla';
import type { EditorState, SelectionSlice } from './types';

export const createSelectionSlice: StateCreator<EditorState, [], [], SelectionSlice> = (set, get) => ({
  selectedNodes: [],
  selectedEdges: [],
  select: (nodeIds, edgeIds = []) => {
    const state = get();
    // Keep the old arrays when nothing changed, so subscribers see no change.
    const nodes = sameList(state.selectedNodes, nodeIds) ? state.selectedNodes : [...nodeIds];
    const edges = sameList(state.selectedEdges, edgeIds) ? state.selectedEdges : [...edgeIds];
    if (nodes !== state.selectedNodes || edges !== state.selectedEdges)
      set({ selectedNodes: nodes, selectedEdges: edges });
  },
});

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((id, i) => id === b[i]);
