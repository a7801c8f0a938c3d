// The keyboard help overlay: every shortcut of the table, grouped, in a modal dialog.

import { useEffect, useId, useRef } from 'react';
import { comboLabels, comboWords } from './match';
import { SHORTCUTS, SHORTCUT_GROUPS, type KeyCombo } from './table';
import { PLATFORM } from './use-shortcuts';
import './shortcuts.css';

interface ShortcutHelpProps {
  readonly open: boolean;
  readonly onClose: () => void;
}

export function ShortcutHelp({ open, onClose }: ShortcutHelpProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  // A native modal dialog traps focus, closes on Escape and returns focus to where it came from.
  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="shortcut-help"
      aria-labelledby={titleId}
      onClose={onClose}
      // A click on the backdrop lands on the dialog element itself.
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="shortcut-help-body">
        <header className="shortcut-help-header">
          <h2 id={titleId}>Keyboard shortcuts</h2>
          <button
            type="button"
            className="shortcut-help-close"
            onClick={onClose}
            aria-label="Close shortcuts"
          >
            ×
          </button>
        </header>
        <div className="shortcut-help-groups">
          {SHORTCUT_GROUPS.map((group) => {
            const rows = SHORTCUTS.filter((shortcut) => shortcut.group === group);
            if (rows.length === 0) return null;
            return (
              <section key={group} aria-label={group}>
                <h3>{group}</h3>
                <dl>
                  {rows.map((shortcut) => (
                    <div key={shortcut.action} className="shortcut-row">
                      <dt>{shortcut.description}</dt>
                      <dd>
                        {shortcut.keys.map((combo, index) => (
                          <span key={index}>
                            {index > 0 && <span className="shortcut-or"> or </span>}
                            <Combo combo={combo} />
                          </span>
                        ))}
                      </dd>
                    </div>
                  ))}
                </dl>
              </section>
            );
          })}
        </div>
        <p className="shortcut-help-note">Shortcuts do not apply while typing in a field, except Esc.</p>
      </div>
    </dialog>
  );
}

function Combo({ combo }: { readonly combo: KeyCombo }) {
  // Screen readers get words ("Command Shift Z"); the symbols are for the eye only.
  return (
    <span className="shortcut-combo">
      <span className="visually-hidden">{comboWords(combo, PLATFORM)}</span>
      <span aria-hidden="true">
        {comboLabels(combo, PLATFORM).map((label, index) => (
          <kbd key={index}>{label}</kbd>
        ))}
      </span>
    </span>
  );
}
