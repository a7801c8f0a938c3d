// React Flow's node changes applied to the editor: measured sizes, selection, and moves. While a
// drag is under way its positions are held on the canvas (CanvasShared) and drawn from there; the
// document gets them once, when the drag ends, as one undo step. So a frame of a drag touches
// neither the document nor inference nor the panels that read them.

import type { NodeChange } from '@xyflow/react';
import type { GraphDocument } from '../../core/graph/document';
import { editorStore, type EditorStore, type Position } from '../../store';
import { type CanvasShared, NO_DRAG } from './canvas-context';
import type { EditorFlowNode } from './flow-model';
import { frameBoxes, frameNodeId, membersByNetwork, networkOfFlowNode } from './frames';

interface FrameShift {
  readonly network: string;
  readonly collapsed: boolean;
  readonly x: number;
  readonly y: number;
}

/**
 * Where the members of dragged frames or collapsed networks go: each moves by the same amount as
 * its frame. The start is taken from the document, which keeps its positions until the drag ends.
 */
function memberPositions(
  doc: GraphDocument,
  shared: CanvasShared,
  shifts: readonly FrameShift[],
): Record<string, Position> {
  const out: Record<string, Position> = {};
  const members = membersByNetwork(doc);
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const frames = new Map(frameBoxes(doc, shared.sizes).map((b) => [frameNodeId(b.network.id), b]));
  for (const shift of shifts) {
    const list = (members.get(shift.network) ?? []).flatMap((id) => byId.get(id) ?? []);
    if (list.length === 0) continue;
    const frame = frames.get(frameNodeId(shift.network));
    const start = shift.collapsed
      ? { x: Math.min(...list.map((n) => n.position.x)), y: Math.min(...list.map((n) => n.position.y)) }
      : { x: frame?.x ?? 0, y: frame?.y ?? 0 };
    const dx = shift.x - start.x;
    const dy = shift.y - start.y;
    for (const node of list) out[node.id] = { x: node.position.x + dx, y: node.position.y + dy };
  }
  return out;
}

/** Sizes, moves and selection from React Flow, applied to the canvas state and the store. */
export function applyNodeChanges(
  changes: readonly NodeChange<EditorFlowNode>[],
  shared: CanvasShared,
  store: EditorStore = editorStore,
): void {
  const state = store.getState();
  const extras = shared.extras.getState();
  let positions: Record<string, Position> = {};
  const shifts: FrameShift[] = [];
  const selected = new Set(state.selectedNodes);
  const selectedExtras = new Set(extras.selectedExtras);
  let dragging = false;
  let moved = false;
  let selectionTouched = false;
  let sizesChanged = false;

  for (const change of changes) {
    if (change.type === 'dimensions' && change.dimensions) {
      if (networkOfFlowNode(change.id)?.collapsed === false) continue;
      const old = shared.sizes.get(change.id);
      const { width, height } = change.dimensions;
      if (old?.width !== width || old.height !== height) {
        shared.sizes.set(change.id, { width, height });
        sizesChanged = true;
      }
    } else if (change.type === 'position' && change.position) {
      moved = true;
      if (change.dragging === true) dragging = true;
      const network = networkOfFlowNode(change.id);
      if (network) shifts.push({ ...network, ...change.position });
      else positions[change.id] = change.position;
    } else if (change.type === 'select') {
      selectionTouched = true;
      const target = networkOfFlowNode(change.id) ? selectedExtras : selected;
      if (change.selected) target.add(change.id);
      else target.delete(change.id);
    }
  }

  if (moved) {
    // A node dragged on its own wins over the place its frame's move would give it.
    if (shifts.length > 0) positions = { ...memberPositions(state.doc, shared, shifts), ...positions };
    const held = extras.dragPositions;
    if (dragging) {
      extras.setDragPositions(new Map([...held, ...Object.entries(positions)]));
    } else {
      // The drag is over (or this was a move by keyboard): one undo step for all it moved.
      const all = { ...Object.fromEntries(held), ...positions };
      if (Object.keys(all).length > 0) state.moveNodes(all);
      if (held.size > 0) extras.setDragPositions(NO_DRAG);
    }
  }
  if (selectionTouched) {
    shared.selectingFromCanvas = true;
    try {
      state.select([...selected], state.selectedEdges);
    } finally {
      shared.selectingFromCanvas = false;
    }
    extras.setSelectedExtras(selectedExtras);
  }
  if (sizesChanged) extras.bumpSizes();
}
