// The preset gallery: every graph in graphs/ in lecture order, opened with one click as an undo step.

import './panels.css';
import './gallery.css';
import { useEffect, useId, useRef } from 'react';
import { useEditor } from '../../store';
import { PRESETS, type Preset } from '../presets';
import { trapTab } from './focus-trap';
import { presetOpening } from './gallery';

export interface GalleryDialogProps {
  readonly open: boolean;
  readonly onClose: () => void;
}

export function GalleryDialog({ open, onClose }: GalleryDialogProps) {
  if (!open) return null;
  return <GalleryModal onClose={onClose} />;
}

function GalleryModal({ onClose }: { readonly onClose: () => void }) {
  const headingId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const replaceDocument = useEditor((s) => s.replaceDocument);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const before = dialog.ownerDocument.activeElement;
    // showModal makes the rest of the page inert and puts the dialog in the top layer.
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-preset]')?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);

  const openPreset = (preset: Preset) => {
    const { doc, label, fileName } = presetOpening(preset);
    replaceDocument(doc, label, fileName);
    onClose();
  };

  return (
    <dialog
      ref={dialogRef}
      className="gallery-dialog"
      aria-labelledby={headingId}
      onCancel={(event) => {
        // Escape: let React's state close the dialog, not the browser, so the two never disagree.
        event.preventDefault();
        onClose();
      }}
      onKeyDown={(event) => {
        if (dialogRef.current) trapTab(event, dialogRef.current);
      }}
      onClick={(event) => {
        if (event.target === dialogRef.current) onClose();
      }}
    >
      <div className="gallery-body">
        <header className="gallery-header">
          <h2 id={headingId}>Preset graphs</h2>
          <p className="gallery-sub">
            In the order the lecture teaches them. Opening one replaces the canvas; Undo brings it back.
          </p>
          <button type="button" className="gallery-close" aria-label="Close gallery" onClick={onClose}>
            ×
          </button>
        </header>
        {PRESETS.length === 0 ? (
          <p className="gallery-empty">There are no preset graphs in this build.</p>
        ) : (
          <ol className="gallery-list">
            {PRESETS.map((preset) => (
              <li key={preset.id}>
                <button
                  type="button"
                  className="gallery-item"
                  data-preset={preset.id}
                  onClick={() => openPreset(preset)}
                >
                  {preset.lecture !== undefined && <span className="gallery-lecture">{preset.lecture}</span>}
                  <span className="gallery-title">{preset.title}</span>
                  <span className="gallery-description">{preset.description}</span>
                  <span className="gallery-facts">
                    {preset.loaded.doc.nodes.length} nodes · {preset.file}
                    {preset.loaded.warnings.length > 0 &&
                      ` · ${preset.loaded.warnings.length} load warning${preset.loaded.warnings.length === 1 ? '' : 's'}`}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        )}
      </div>
    </dialog>
  );
}
