// The editor's shell: toolbar on top, palette left, canvas in the middle, inspector right, the
// problems list at the bottom (collapsible), with file notices, dialogs and keyboard shortcuts.

import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { Notices } from '../files/Notices';
import { SaveAsDialog } from '../files/SaveAsDialog';
import { useAutosave } from '../files/use-autosave';
import { useFileActions } from '../files/use-file-actions';
import { GalleryDialog } from '../panels/GalleryDialog';
import { Inspector } from '../panels/Inspector';
import { Palette } from '../panels/Palette';
import { ProblemsList } from '../panels/ProblemsList';
import { PreviewModal } from '../training/NodePreviews';
import { ShortcutHelp } from '../shortcuts/ShortcutHelp';
import { useShortcuts } from '../shortcuts/use-shortcuts';
import { editorStore, useEditor } from '../../store';
import { Canvas } from './Canvas';
import { CanvasSharedContext, createCanvasShared, useCanvasShared } from './canvas-context';
import { ConnectMenu } from './ConnectMenu';
import { networkOfFlowNode } from './frames';
import { Toolbar } from './Toolbar';
import { useCanvasActions } from './use-canvas-actions';
import { useResolvedTheme } from './use-theme';
import './editor.css';

export function EditorLayout() {
  const shared = useMemo(createCanvasShared, []);
  return (
    <ReactFlowProvider>
      <CanvasSharedContext.Provider value={shared}>
        <EditorShell />
      </CanvasSharedContext.Provider>
    </ReactFlowProvider>
  );
}

function EditorShell() {
  const theme = useResolvedTheme();
  const actions = useCanvasActions();
  const files = useFileActions();
  const shared = useCanvasShared();
  const [gallery, setGallery] = useState(false);
  const [help, setHelp] = useState(false);
  const [problemsOpen, setProblemsOpen] = useState(true);
  // The inspector shows a network when its frame is the thing selected.
  const frameNetwork = shared.extras((s) => {
    for (const id of s.selectedExtras) {
      const ref = networkOfFlowNode(id);
      if (ref) return ref.network;
    }
    return undefined;
  });
  useAutosave();
  const connect = useConnectMenu();

  useShortcuts({
    undo: () => editorStore.getState().undo(),
    redo: () => editorStore.getState().redo(),
    copy: actions.copy,
    paste: actions.paste,
    duplicate: actions.duplicate,
    delete: actions.deleteSelection,
    selectAll: actions.selectAll,
    escape: actions.clearSelection,
    save: files.save,
    saveAs: files.saveAs,
    open: files.openPicker,
    newGraph: files.newGraph,
    autoLayout: () => void actions.autoLayout(),
    fitView: actions.fitView,
    makeNetwork: () => void actions.makeNetwork(),
    connect: connect.open,
    searchPalette: () => document.querySelector<HTMLInputElement>('.palette-search')?.focus(),
    help: () => setHelp(true),
  });

  return (
    <div className={`editor${problemsOpen ? '' : ' problems-closed'}`}>
      <Toolbar
        files={files}
        actions={actions}
        onGallery={() => setGallery(true)}
        onHelp={() => setHelp(true)}
        onConnect={connect.open}
      />
      <aside className="editor-left" aria-label="Node palette">
        <Palette onAddNode={(type) => void actions.addNode(type)} />
      </aside>
      <main className="editor-canvas" aria-label="Graph editor">
        <Canvas actions={actions} theme={theme} />
        <div className="editor-notices">
          <Notices />
        </div>
        <ConnectStatus text={connect.status} />
      </main>
      <aside className="editor-right" aria-label="Inspector panel">
        <Inspector {...(frameNetwork !== undefined && { network: frameNetwork })} />
      </aside>
      <section className="editor-bottom" aria-label="Problems panel">
        <button
          type="button"
          className="problems-toggle"
          aria-expanded={problemsOpen}
          onClick={() => setProblemsOpen((open) => !open)}
        >
          {problemsOpen ? 'Hide problems' : 'Show problems'}
        </button>
        <ProblemsList onJump={actions.jumpTo} />
      </section>
      <GalleryDialog open={gallery} onClose={() => setGallery(false)} />
      <ShortcutHelp open={help} onClose={() => setHelp(false)} />
      <SaveAsDialog />
      <PreviewModal />
      {connect.menu !== null && <ConnectMenu {...connect.menu} onClose={connect.close} />}
    </div>
  );
}

interface ConnectState {
  readonly menu: { readonly nodeId: string; readonly at: { x: number; y: number } } | null;
  /** What the last keyboard connection did, shown until the document changes again. */
  readonly status: string | null;
  open(): void;
  close(message?: string): void;
}

/** The Connect menu for the focused node, or else the first selected one, opened beside it. */
function useConnectMenu(): ConnectState {
  const doc = useEditor((s) => s.doc);
  const [menu, setMenu] = useState<ConnectState['menu']>(null);
  const [status, setStatus] = useState<{ text: string; doc: unknown } | null>(null);

  const open = useCallback(() => {
    const state = editorStore.getState();
    const focused = document.activeElement?.closest('.react-flow__node-graph')?.getAttribute('data-id');
    const nodeId = [focused, state.selectedNodes[0]].find(
      (id) => id != null && state.doc.nodes.some((n) => n.id === id),
    );
    if (nodeId == null) {
      setStatus({ text: 'Select or focus a node first, then connect its ports.', doc: state.doc });
      return;
    }
    const card = cardOf(nodeId)?.getBoundingClientRect();
    const canvas = document.querySelector('.react-flow')?.getBoundingClientRect();
    const at = card
      ? { x: card.right + 8, y: card.top }
      : { x: (canvas?.left ?? 0) + 40, y: (canvas?.top ?? 0) + 40 };
    setMenu({ nodeId, at });
  }, []);

  const close = useCallback(
    (message?: string) => {
      const nodeId = menu?.nodeId;
      setMenu(null);
      if (message !== undefined) setStatus({ text: message, doc: editorStore.getState().doc });
      // Back to the node the menu was opened on, so the keyboard carries on from there.
      if (nodeId !== undefined) cardOf(nodeId)?.focus();
    },
    [menu],
  );

  return { menu, status: status !== null && status.doc === doc ? status.text : null, open, close };
}

const cardOf = (nodeId: string): HTMLElement | null =>
  document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(nodeId)}"]`);

/** A polite line over the canvas saying what a keyboard connection did. */
function ConnectStatus({ text }: { readonly text: string | null }) {
  return (
    <p
      className={`connect-status${text === null ? ' empty' : ''}`}
      role="status"
      data-testid="connect-status"
    >
      {text}
    </p>
  );
}
