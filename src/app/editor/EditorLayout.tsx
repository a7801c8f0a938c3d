// The editor's shell: toolbar on top, palette left, canvas in the middle, inspector right, the
// problems list at the bottom (collapsible), with file notices, dialogs and keyboard shortcuts.

import { ReactFlowProvider } from '@xyflow/react';
import { useMemo, useState } from 'react';
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
import { editorStore } from '../../store';
import { Canvas } from './Canvas';
import { CanvasSharedContext, createCanvasShared, useCanvasShared } from './canvas-context';
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
      />
      <aside className="editor-left" aria-label="Node palette">
        <Palette onAddNode={(type) => void actions.addNode(type)} />
      </aside>
      <main className="editor-canvas" aria-label="Graph editor">
        <Canvas actions={actions} theme={theme} />
        <div className="editor-notices">
          <Notices />
        </div>
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
    </div>
  );
}
