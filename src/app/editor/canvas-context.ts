// What the canvas shares with the toolbar, palette and problems list around it: where the cursor
// last was on the canvas, the measured node sizes (for frames and auto layout), the canvas
// element, which frames or collapsed networks are selected (they are not document nodes), and the
// positions of a drag under way (the document gets them when it ends; see node-changes.ts).

import { createContext, useContext } from 'react';
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { Position } from '../../store';
import type { Size } from './frames';

/** Positions of the nodes a drag has moved so far, by document node id. */
export type DragPositions = ReadonlyMap<string, Position>;

export const NO_DRAG: DragPositions = new Map();

export interface CanvasExtras {
  /** Selected frames and collapsed networks, by their React Flow node ids. */
  readonly selectedExtras: ReadonlySet<string>;
  setSelectedExtras(ids: ReadonlySet<string>): void;
  /** Bumped when a node's measured size changes, so frames are redrawn around it. */
  readonly sizesVersion: number;
  bumpSizes(): void;
  /** Where the nodes of the drag under way are; empty between drags. */
  readonly dragPositions: DragPositions;
  setDragPositions(positions: DragPositions): void;
}

export interface CanvasShared {
  /** Last pointer position over the canvas, in flow coordinates; null before the pointer came by. */
  readonly cursor: { current: { x: number; y: number } | null };
  /** Measured sizes of nodes by React Flow id (frames excluded). */
  readonly sizes: Map<string, Size>;
  /** The canvas element, for the centre of the view when the cursor is unknown. */
  readonly element: { current: HTMLDivElement | null };
  readonly extras: UseBoundStore<StoreApi<CanvasExtras>>;
  /** True while the canvas itself writes a selection to the store (see useExtrasFollowSelection). */
  selectingFromCanvas: boolean;
}

export function createCanvasShared(): CanvasShared {
  return {
    cursor: { current: null },
    sizes: new Map(),
    element: { current: null },
    selectingFromCanvas: false,
    extras: create<CanvasExtras>()((set) => ({
      selectedExtras: new Set<string>(),
      setSelectedExtras: (ids) => set({ selectedExtras: ids }),
      sizesVersion: 0,
      bumpSizes: () => set((s) => ({ sizesVersion: s.sizesVersion + 1 })),
      dragPositions: NO_DRAG,
      setDragPositions: (positions) => set({ dragPositions: positions }),
    })),
  };
}

export const CanvasSharedContext = createContext<CanvasShared | null>(null);

export function useCanvasShared(): CanvasShared {
  const shared = useContext(CanvasSharedContext);
  if (!shared) throw new Error('useCanvasShared needs a CanvasSharedContext provider (EditorLayout)');
  return shared;
}
