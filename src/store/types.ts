// The editor store's shape: what the canvas, palette, inspector and menus may read and call.
// The document in the store is the core's GraphDocument, so what is saved is what is edited;
// inferred types are derived from it (see inferred.ts), never stored.

import type { GraphDocument, GraphMeta, PortRef, TrainingSettings } from '../core/graph/document';
import type { ParamValue } from '../core/types/params';

export interface Position {
  readonly x: number;
  readonly y: number;
}

/** An edit either happened or was refused with a reason a student can read. */
export type EditResult<T = void> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export interface HistoryEntry {
  readonly doc: GraphDocument;
  /** Shown in the Undo/Redo tooltips: "Undo move 3 nodes". */
  readonly label: string;
  /** The file name that went with `doc`, so undoing an Open also restores what Save writes to. */
  readonly fileName: string | null;
}

export interface DocumentSlice {
  readonly doc: GraphDocument;
  readonly past: readonly HistoryEntry[];
  readonly future: readonly HistoryEntry[];
  /** Where the document came from, for Save: a file name, a preset path, or null when new. */
  readonly fileName: string | null;
  /** Counts documents put in place by replaceDocument (New, Open, gallery, restore); edits and undo keep it. */
  readonly opened: number;

  /** Adds a node of a catalogue type with default params; returns its new id. */
  addNode(
    type: string,
    position: Position,
    params?: Readonly<Record<string, ParamValue>>,
  ): EditResult<string>;
  /** Removes nodes (and their edges) and edges. */
  removeElements(nodeIds: readonly string[], edgeIds: readonly string[]): void;
  /** Connects an output port to an input port; refuses wrong kinds, unknown ports, a second edge into a
   * single input (it replaces it instead), duplicates and self-loops, with the reason. */
  connect(from: PortRef, to: PortRef): EditResult<string>;
  /** Why a connection would be refused, or null when it is allowed (for feedback while dragging). */
  connectionProblem(from: PortRef, to: PortRef): string | null;
  /** Sets one param, validated against its spec; an invalid value is refused with the message. */
  setParam(nodeId: string, key: string, value: ParamValue): EditResult;
  /** Moves nodes as one undo step (the canvas calls it once per drag, when the drag ends). */
  moveNodes(positions: Readonly<Record<string, Position>>): void;
  /** Makes a network (frame) from layer nodes; non-layer nodes in the list are refused. Returns its id. */
  createNetwork(nodeIds: readonly string[], name: string): EditResult<string>;
  renameNetwork(networkId: string, name: string): EditResult;
  /** Puts a layer node into a network, or takes it out with null. */
  setNodeNetwork(nodeId: string, networkId: string | null): EditResult;
  /** Removes the frame; its nodes stay, outside any network. */
  deleteNetwork(networkId: string): void;
  /** Copies nodes (with the edges between them) to the clipboard slice; paste offsets them. */
  copy(nodeIds: readonly string[]): void;
  paste(at?: Position): readonly string[];
  duplicate(nodeIds: readonly string[]): readonly string[];
  /** Edits the title, description, lecture or author; typing into one field makes one undo step. */
  setMeta(patch: Partial<GraphMeta>): EditResult;
  /** Edits batch size, seed or steps, refused outside the limits the file format accepts. */
  setTraining(patch: Partial<TrainingSettings>): EditResult;
  /** Names the file the document is saved to (Save As). Not an undo step: undo and redo within the
   * same file keep the new name, while undoing past an Open still brings back the earlier file's. */
  setFileName(fileName: string | null): void;
  /** Replaces the whole document (New, Open, a preset); one undo step. */
  replaceDocument(doc: GraphDocument, label: string, fileName: string | null): void;
  undo(): void;
  redo(): void;
}

export interface SelectionSlice {
  readonly selectedNodes: readonly string[];
  readonly selectedEdges: readonly string[];
  select(nodeIds: readonly string[], edgeIds?: readonly string[]): void;
}

export type Theme = 'system' | 'light' | 'dark';

export interface SettingsSlice {
  readonly theme: Theme;
  setTheme(theme: Theme): void;
  /** Networks drawn collapsed to one node. */
  readonly collapsedNetworks: readonly string[];
  toggleNetworkCollapsed(networkId: string): void;
}

export type EditorState = DocumentSlice & SelectionSlice & SettingsSlice;
