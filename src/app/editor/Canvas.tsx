// The canvas: React Flow controlled from the editor store. The document is mapped to nodes and
// edges (same objects while unchanged); drags (once each, when they end), selection and connections
// go back to the store.
// Connections are checked while dragged; dropping one on empty canvas, or double-clicking it,
// opens the quick-add menu; node types dropped from the palette land where they are dropped.

// React Flow's own styles first, so ours (here and in the node views) come after and win.
import '@xyflow/react/dist/style.css';
import './canvas.css';
import {
  Background,
  BackgroundVariant,
  type Connection,
  Controls,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import { type DragEvent, type MouseEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { NODE_REGISTRY } from '../../../nodes';
import type { GraphDocument, PortRef } from '../../core/graph/document';
import { dragHasFiles, openDroppedFiles } from '../files/page-files';
import { NODE_DRAG_TYPE } from '../panels/catalogue-search';
import { QuickAddMenu } from '../panels/QuickAddMenu';
import { fittingPort, type PortSide } from '../panels/quick-add';
import { editorStore, useEditor, useInferred } from '../../store';
import { type CanvasShared, useCanvasShared } from './canvas-context';
import { CollapsedNetworkView } from './CollapsedNetworkView';
import { ConnectionHint } from './ConnectionHint';
import { createFlowMapper, type EditorFlowEdge, type EditorFlowNode } from './flow-model';
import { GraphNodeView } from './GraphNodeView';
import { NetworkFrameView } from './NetworkFrameView';
import { applyNodeChanges } from './node-changes';
import { connectionRefs, portRefOf } from './ports';
import { TypedEdge } from './TypedEdge';
import type { CanvasActions } from './use-canvas-actions';
import type { ResolvedTheme } from './use-theme';

const NODE_TYPES = { graph: GraphNodeView, frame: NetworkFrameView, collapsed: CollapsedNetworkView };
const EDGE_TYPES = { typed: TypedEdge };
/** Above this many nodes only what is in view is kept in the page; the browser's paint cost grows
 * with every node drawn, and a zoomed-in student sees a few dozen at a time. */
const LARGE_GRAPH = 200;

interface QuickAdd {
  readonly at: { x: number; y: number };
  readonly flowAt: { x: number; y: number };
  readonly fits?: { readonly port: PortRef; readonly side: PortSide };
}

export interface CanvasProps {
  readonly actions: CanvasActions;
  readonly theme: ResolvedTheme;
}

export function Canvas({ actions, theme }: CanvasProps) {
  const shared = useCanvasShared();
  const flow = useReactFlow<EditorFlowNode, EditorFlowEdge>();
  const doc = useEditor((s) => s.doc);
  const types = useInferred();
  const selectedNodes = useEditor((s) => s.selectedNodes);
  const selectedEdges = useEditor((s) => s.selectedEdges);
  const collapsedNetworks = useEditor((s) => s.collapsedNetworks);
  const selectedExtras = shared.extras((s) => s.selectedExtras);
  const sizesVersion = shared.extras((s) => s.sizesVersion);
  const dragPositions = shared.extras((s) => s.dragPositions);
  const [quickAdd, setQuickAdd] = useState<QuickAdd | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const mapper = useRef(createFlowMapper());

  const elements = useMemo(
    () =>
      mapper.current.map({
        doc,
        drag: dragPositions,
        types,
        registry: NODE_REGISTRY,
        selectedNodes: new Set(selectedNodes),
        selectedEdges: new Set(selectedEdges),
        selectedExtras,
        collapsed: new Set(collapsedNetworks),
        sizes: shared.sizes,
      }),
    // sizesVersion stands for the mutable size map: a new version means new sizes in it.
    [
      doc,
      dragPositions,
      types,
      selectedNodes,
      selectedEdges,
      selectedExtras,
      collapsedNetworks,
      sizesVersion,
      shared,
    ],
  );

  useFitOnNewDocument(doc, actions);
  useExtrasFollowSelection(shared, elements.nodes);

  const onNodesChange = useCallback(
    (changes: NodeChange<EditorFlowNode>[]) => applyNodeChanges(changes, shared),
    [shared],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<EditorFlowEdge>[]) => {
    const state = editorStore.getState();
    const selected = new Set(state.selectedEdges);
    let touched = false;
    for (const change of changes) {
      if (change.type !== 'select') continue;
      touched = true;
      if (change.selected) selected.add(change.id);
      else selected.delete(change.id);
    }
    if (touched) state.select(state.selectedNodes, [...selected]);
  }, []);

  const isValidConnection = useCallback((connection: Connection | Edge) => {
    const refs = connectionRefs(connection as Connection);
    return refs !== null && editorStore.getState().connectionProblem(refs.from, refs.to) === null;
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    const refs = connectionRefs(connection);
    if (!refs) return;
    const result = editorStore.getState().connect(refs.from, refs.to);
    setRefusal(result.ok ? null : result.reason);
  }, []);

  // Every handler handed to React Flow keeps its identity: React Flow copies a changed one into
  // its store, and each store update runs every node's and edge's selector (costly on big graphs).
  const onConnectStart = useCallback(() => setRefusal(null), []);
  const onInit = useCallback(() => {
    if (editorStore.getState().doc.nodes.length > 0) actions.fitView();
  }, [actions]);

  const onConnectEnd = useCallback(
    (event: globalThis.MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid === true || state.toNode !== null || state.fromHandle === null) return;
      const target = event.target instanceof Element ? event.target : null;
      if (!target?.classList.contains('react-flow__pane')) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      const port = portRefOf(state.fromHandle.nodeId, state.fromHandle.id);
      if (!port) return;
      const at = { x: point.clientX, y: point.clientY };
      setQuickAdd({
        at,
        flowAt: flow.screenToFlowPosition(at),
        fits: { port, side: state.fromHandle.type === 'source' ? 'output' : 'input' },
      });
    },
    [flow],
  );

  const pickQuickAdd = (type: string) => {
    const menu = quickAdd;
    setQuickAdd(null);
    if (!menu) return;
    const id = actions.addNode(type, menu.flowAt);
    const def = NODE_REGISTRY.get(type);
    if (id === null || !menu.fits || !def) return;
    const fromPort = menu.fits.port;
    const state = editorStore.getState();
    const node = state.doc.nodes.find((n) => n.id === fromPort.node);
    const fromDef = node && NODE_REGISTRY.get(node.type);
    const side = menu.fits.side;
    const kind = (side === 'output' ? fromDef?.outputs : fromDef?.inputs)?.find(
      (p) => p.name === fromPort.port,
    )?.kind;
    const port = kind === undefined ? undefined : fittingPort(def, kind, side);
    if (!port) return;
    const result =
      side === 'output'
        ? state.connect(fromPort, { node: id, port: port.name })
        : state.connect({ node: id, port: port.name }, fromPort);
    setRefusal(result.ok ? null : result.reason);
  };

  const onDoubleClick = (event: MouseEvent) => {
    if (!(event.target instanceof Element) || !event.target.classList.contains('react-flow__pane')) return;
    const at = { x: event.clientX, y: event.clientY };
    setQuickAdd({ at, flowAt: flow.screenToFlowPosition(at) });
  };

  const onMouseMove = (event: MouseEvent) => {
    shared.cursor.current = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
  };

  const onDragOver = (event: DragEvent) => {
    const types = Array.from(event.dataTransfer.types);
    if (!types.includes(NODE_DRAG_TYPE) && !dragHasFiles(event.dataTransfer)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };

  const onDrop = (event: DragEvent) => {
    const type = event.dataTransfer.getData(NODE_DRAG_TYPE);
    if (type !== '') {
      event.preventDefault();
      actions.addNode(type, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
      return;
    }
    if (dragHasFiles(event.dataTransfer)) {
      event.preventDefault();
      void openDroppedFiles(event.dataTransfer);
    }
  };

  return (
    <div
      className="canvas"
      ref={(element) => {
        shared.element.current = element;
      }}
      onDoubleClick={onDoubleClick}
      onMouseMove={onMouseMove}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <ReactFlow<EditorFlowNode, EditorFlowEdge>
        nodes={elements.nodes as EditorFlowNode[]}
        edges={elements.edges as EditorFlowEdge[]}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectStart={onConnectStart}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        colorMode={theme}
        deleteKeyCode={null}
        zoomOnDoubleClick={false}
        onlyRenderVisibleElements={doc.nodes.length > LARGE_GRAPH}
        multiSelectionKeyCode="Shift"
        selectionKeyCode="Shift"
        minZoom={0.1}
        maxZoom={2.5}
        onInit={onInit}
        aria-label="Graph canvas"
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
        <MiniMap pannable zoomable ariaLabel="Minimap of the graph" nodeClassName={miniMapClass} />
        <Controls showInteractive={false} aria-label="Zoom controls" />
        <ConnectionHint />
        {refusal !== null && (
          <div className="canvas-refusal" role="alert">
            {refusal}
            <button type="button" aria-label="Dismiss" onClick={() => setRefusal(null)}>
              ×
            </button>
          </div>
        )}
      </ReactFlow>
      {quickAdd !== null && (
        <QuickAddMenu
          at={quickAdd.at}
          fits={quickAdd.fits}
          onPick={pickQuickAdd}
          onClose={() => setQuickAdd(null)}
        />
      )}
    </div>
  );
}

/**
 * Fits the view when a different document arrives (New, Open, a preset, or undoing one): its meta
 * object changes and none of its nodes were on the canvas before. Ordinary edits keep the view.
 */
function useFitOnNewDocument(doc: GraphDocument, actions: CanvasActions): void {
  const previous = useRef(doc);
  useEffect(() => {
    const before = previous.current;
    previous.current = doc;
    if (before === doc || before.meta === doc.meta) return;
    const old = new Set(before.nodes.map((n) => n.id));
    const sameNodes = doc.nodes.length === before.nodes.length && doc.nodes.every((n) => old.has(n.id));
    if (sameNodes && doc.nodes.length > 0) return;
    // Two frames: the first lays the new nodes out, the second has their measured sizes.
    const frame = requestAnimationFrame(() => requestAnimationFrame(() => actions.fitView()));
    return () => cancelAnimationFrame(frame);
  }, [doc, actions]);
}

/**
 * Frames and collapsed networks are selected on the canvas only, so their selection is kept in line
 * by hand: a node selection made elsewhere (a new node, paste, the problems list) replaces it, and
 * one whose node left the canvas (a frame collapsed) is dropped.
 */
function useExtrasFollowSelection(shared: CanvasShared, nodes: readonly EditorFlowNode[]): void {
  useEffect(
    () =>
      editorStore.subscribe((state, previous) => {
        if (state.selectedNodes === previous.selectedNodes || shared.selectingFromCanvas) return;
        if (state.selectedNodes.length > 0 && shared.extras.getState().selectedExtras.size > 0)
          shared.extras.getState().setSelectedExtras(new Set());
      }),
    [shared],
  );
  useEffect(() => {
    const selected = shared.extras.getState().selectedExtras;
    if (selected.size === 0) return;
    const present = new Set(nodes.map((n) => n.id));
    const kept = [...selected].filter((id) => present.has(id));
    if (kept.length !== selected.size) shared.extras.getState().setSelectedExtras(new Set(kept));
  }, [shared, nodes]);
}

function miniMapClass(node: EditorFlowNode): string {
  if (node.type === 'frame') return 'minimap-frame';
  if (node.type === 'collapsed') return 'minimap-collapsed';
  return `minimap-node cat-${node.data.category}`;
}
