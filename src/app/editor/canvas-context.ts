// What the canvas shares with the toolbar, palette and problems list around it: where the cursor
// last was on the canvas, the measured node sizes (for frames and auto layout), the canvas
// element, and which frames or collapsed networks are selected (they are not document nodes).

import { createContext, useContext } from 'react';
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { Size } from './frames';

export interface CanvasExtras {
  /** Selected frames and collapsed networks, by their React Flow node ids. */
  readonly selectedExtras: ReadonlySet<string>;
  setSelectedExtras(ids: ReadonlySet<string>): void;
  /** Bumped when a node's measured size changes, so frames are redrawn around it. */
  readonly sizesVersion: number;
  bumpSizes(): void;
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
    })),
  };
}

export const CanvasSharedContext = createContext<CanvasShared | null>(null);

export function useCanvasShared(): CanvasShared {
  const shared = useContext(CanvasSharedContext);
  if (!shared) throw new Error('useCanvasShared needs a CanvasSharedContext provider (EditorLayout)');
  return shared;
}
