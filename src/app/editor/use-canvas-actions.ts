// Editor commands that need the canvas (its viewport, cursor or measured sizes): add a node where
// the student is looking, fit or centre the view, auto layout, make a network, delete, select.
// Buttons, the palette, the problems list and keyboard shortcuts all call these.

import { useReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { NODE_REGISTRY } from '../../../nodes';
import { suggestNetworkName } from '../panels/inspector-model';
import { editorStore, isLayerNode, type Position } from '../../store';
import { useCanvasShared } from './canvas-context';
import { DEFAULT_NODE_SIZE, networkOfFlowNode } from './frames';
import { layoutPositions } from './layout';

/** A small graph is shown at a readable size, not blown up to fill the canvas. */
const FIT_OPTIONS = { padding: 0.12, maxZoom: 1.2, duration: 200 };

export interface CanvasActions {
  /** Adds a node of `type` at `at` (flow coordinates), else at the last cursor position, else mid-view. */
  addNode(type: string, at?: Position): string | null;
  fitView(): void;
  /** Selects a node and brings it to the middle of the view. */
  jumpTo(nodeId: string): void;
  /** Lays out the selection when two or more nodes are selected, else the whole graph; one undo step. */
  autoLayout(): Promise<void>;
  /** Makes a network of the selected layer nodes; the reason when refused. */
  makeNetwork(): string | null;
  deleteSelection(): void;
  selectAll(): void;
  clearSelection(): void;
  copy(): void;
  paste(): void;
  duplicate(): void;
}

export function useCanvasActions(): CanvasActions {
  const flow = useReactFlow();
  const shared = useCanvasShared();

  return useMemo((): CanvasActions => {
    const viewCentre = (): Position => {
      const rect = shared.element.current?.getBoundingClientRect();
      if (!rect) return { x: 0, y: 0 };
      return flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
    };

    return {
      addNode(type, at) {
        const where = at ?? shared.cursor.current ?? viewCentre();
        // The node's middle lands on the point, as it does when dropped from the palette.
        const position = {
          x: Math.round(where.x - DEFAULT_NODE_SIZE.width / 2),
          y: Math.round(where.y - DEFAULT_NODE_SIZE.height / 2),
        };
        const state = editorStore.getState();
        const result = state.addNode(type, position);
        if (!result.ok) return null;
        state.select([result.value]);
        return result.value;
      },

      fitView() {
        void flow.fitView(FIT_OPTIONS);
      },

      jumpTo(nodeId) {
        const state = editorStore.getState();
        const node = state.doc.nodes.find((n) => n.id === nodeId);
        if (!node) return;
        state.select([nodeId]);
        const size = shared.sizes.get(nodeId) ?? DEFAULT_NODE_SIZE;
        void flow.setCenter(node.position.x + size.width / 2, node.position.y + size.height / 2, {
          zoom: Math.max(flow.getZoom(), 1),
          duration: 250,
        });
      },

      async autoLayout() {
        const { doc, selectedNodes } = editorStore.getState();
        const ids = selectedNodes.length >= 2 ? new Set(selectedNodes) : undefined;
        const positions = await layoutPositions(doc, NODE_REGISTRY, shared.sizes, ids);
        // The document may have changed while ELK ran; apply only to nodes that still exist.
        const state = editorStore.getState();
        const exists = new Set(state.doc.nodes.map((n) => n.id));
        const kept = Object.fromEntries(Object.entries(positions).filter(([id]) => exists.has(id)));
        if (Object.keys(kept).length > 0) state.moveNodes(kept);
        if (ids === undefined) window.requestAnimationFrame(() => void flow.fitView(FIT_OPTIONS));
      },

      makeNetwork() {
        const state = editorStore.getState();
        const chosen = new Set(state.selectedNodes);
        const layers = state.doc.nodes.filter((n) => chosen.has(n.id) && isLayerNode(n)).map((n) => n.id);
        if (layers.length === 0) return 'Select one or more layer nodes first.';
        const result = state.createNetwork(layers, suggestNetworkName(state.doc));
        return result.ok ? null : result.reason;
      },

      deleteSelection() {
        const state = editorStore.getState();
        const frames = [...shared.extras.getState().selectedExtras].flatMap((id) => {
          const ref = networkOfFlowNode(id);
          return ref && !ref.collapsed ? [ref.network] : [];
        });
        if (state.selectedNodes.length > 0 || state.selectedEdges.length > 0)
          state.removeElements(state.selectedNodes, state.selectedEdges);
        for (const network of frames) state.deleteNetwork(network);
        shared.extras.getState().setSelectedExtras(new Set());
      },

      selectAll() {
        const { doc, select } = editorStore.getState();
        select(
          doc.nodes.map((n) => n.id),
          doc.edges.map((e) => e.id),
        );
      },

      clearSelection() {
        editorStore.getState().select([], []);
        shared.extras.getState().setSelectedExtras(new Set());
      },

      copy() {
        const state = editorStore.getState();
        state.copy(state.selectedNodes);
      },

      paste() {
        editorStore.getState().paste();
      },

      duplicate() {
        const state = editorStore.getState();
        state.duplicate(state.selectedNodes);
      },
    };
  }, [flow, shared]);
}
