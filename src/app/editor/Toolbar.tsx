// The toolbar: the graph's title, file actions, undo and redo named after what they undo, network
// making a network of the selection, auto layout, fit view, theme and the shortcut help.

import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { FileActionsApi } from '../files/use-file-actions';
import { shortcutLabel } from '../shortcuts/match';
import type { ShortcutAction } from '../shortcuts/table';
import { PLATFORM } from '../shortcuts/use-shortcuts';
import { isLayerNode, useEditor, type Theme } from '../../store';
import { TrainingControls, TrainingMessage } from '../training/TrainingControls';
import type { CanvasActions } from './use-canvas-actions';

export interface ToolbarProps {
  readonly files: FileActionsApi;
  readonly actions: CanvasActions;
  readonly onGallery: () => void;
  readonly onHelp: () => void;
  /** Opens the keyboard Connect menu for the focused or selected node. */
  readonly onConnect: () => void;
}

/** " (Ctrl+Z)" for a button's tooltip, from the shortcut table. */
function keys(action: ShortcutAction): string {
  const label = shortcutLabel(action, PLATFORM);
  return label === null ? '' : ` (${label})`;
}

export function Toolbar({ files, actions, onGallery, onHelp, onConnect }: ToolbarProps) {
  const title = useEditor((s) => s.doc.meta.title);
  const fileName = useEditor((s) => s.fileName);
  const undoLabel = useEditor((s) => s.past[s.past.length - 1]?.label);
  const redoLabel = useEditor((s) => s.future[s.future.length - 1]?.label);
  const undo = useEditor((s) => s.undo);
  const redo = useEditor((s) => s.redo);
  const theme = useEditor((s) => s.theme);
  const setTheme = useEditor((s) => s.setTheme);
  const selection = useEditor(
    useShallow((s) => {
      const chosen = new Set(s.selectedNodes);
      const nodes = s.doc.nodes.filter((n) => chosen.has(n.id));
      return {
        layers: nodes.filter(isLayerNode).length,
        count: nodes.length,
      };
    }),
  );
  const [message, setMessage] = useState<string | null>(null);
  const [laying, setLaying] = useState(false);

  const makeNetwork = () => setMessage(actions.makeNetwork());
  const layout = () => {
    setLaying(true);
    actions
      .autoLayout()
      .catch((error: unknown) =>
        setMessage(`Auto layout failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => setLaying(false));
  };

  return (
    <header className="toolbar">
      <div className="toolbar-title">
        <span className="brand">Latent Lab</span>
        <h1 className="doc-title" title={fileName ?? 'not saved yet'}>
          {title}
        </h1>
      </div>
      <div className="toolbar-groups" role="toolbar" aria-label="Editor toolbar">
        <div className="toolbar-group" aria-label="File">
          <button type="button" onClick={files.newGraph} title={`New empty graph${keys('newGraph')}`}>
            New
          </button>
          <button type="button" onClick={files.openPicker} title={`Open a graph file${keys('open')}`}>
            Open…
          </button>
          <button type="button" onClick={onGallery} title="Open a preset from the lecture">
            Gallery
          </button>
          <button type="button" onClick={files.save} title={`Download the graph${keys('save')}`}>
            Save
          </button>
          <button type="button" onClick={files.saveAs} title={`Save under a new name${keys('saveAs')}`}>
            Save as…
          </button>
        </div>
        <div className="toolbar-group" aria-label="History">
          <button
            type="button"
            onClick={undo}
            disabled={undoLabel === undefined}
            aria-label={undoLabel === undefined ? 'Undo' : `Undo ${undoLabel}`}
            title={undoLabel === undefined ? 'Nothing to undo' : `Undo ${undoLabel}${keys('undo')}`}
            data-testid="undo"
          >
            ↶ Undo
          </button>
          <button
            type="button"
            onClick={redo}
            disabled={redoLabel === undefined}
            aria-label={redoLabel === undefined ? 'Redo' : `Redo ${redoLabel}`}
            title={redoLabel === undefined ? 'Nothing to redo' : `Redo ${redoLabel}${keys('redo')}`}
            data-testid="redo"
          >
            ↷ Redo
          </button>
        </div>
        <div className="toolbar-group" aria-label="Connections">
          <button
            type="button"
            // Pressed with the mouse, focus leaves the node for the button; the selection says which.
            onClick={onConnect}
            disabled={selection.count === 0}
            title={`Connect a port of the selected node from a menu${keys('connect')}`}
          >
            Connect…
          </button>
        </div>
        <div className="toolbar-group" aria-label="Networks">
          <button
            type="button"
            onClick={makeNetwork}
            disabled={selection.layers === 0}
            title={`Make a network of the selected layers${keys('makeNetwork')}`}
          >
            Make network
          </button>
        </div>
        <TrainingControls />
        <div className="toolbar-group" aria-label="View">
          <button
            type="button"
            onClick={layout}
            disabled={laying}
            title={`${selection.count >= 2 ? 'Lay out the selection' : 'Lay out the whole graph'}${keys('autoLayout')}`}
          >
            Auto layout
          </button>
          <button type="button" onClick={actions.fitView} title={`Fit the graph in view${keys('fitView')}`}>
            Fit view
          </button>
          <label className="theme-choice">
            <span className="visually-hidden">Theme</span>
            <select
              value={theme}
              onChange={(event) => setTheme(event.currentTarget.value as Theme)}
              aria-label="Theme"
            >
              <option value="system">System</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
          <button
            type="button"
            onClick={onHelp}
            title={`Keyboard shortcuts${keys('help')}`}
            aria-label="Keyboard shortcuts"
          >
            ?
          </button>
        </div>
      </div>
      <TrainingMessage />
      {message !== null && (
        <p className="toolbar-message" role="alert">
          {message}
          <button type="button" aria-label="Dismiss" onClick={() => setMessage(null)}>
            ×
          </button>
        </p>
      )}
    </header>
  );
}
