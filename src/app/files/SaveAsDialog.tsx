// The Save As dialog: a file name field (starting from the current name) and Save / Cancel.

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { filesUi, useFilesUi } from './files-ui';
import { pageFileActions } from './page-files';
import './files.css';

/** Mount once, anywhere; it shows itself when saveAs() is called. */
export function SaveAsDialog() {
  const open = useFilesUi((state) => state.saveAsOpen);
  const dialog = useRef<HTMLDialogElement>(null);
  // Uncontrolled, so the starting name is in the field before it is focused and selected.
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const titleId = useId();
  const fieldId = useId();
  const problemId = useId();

  useEffect(() => {
    const element = dialog.current;
    const field = input.current;
    if (element === null || field === null) return;
    if (open && !element.open) {
      field.value = pageFileActions.currentSaveName();
      setProblem(null);
      element.showModal();
      field.focus();
      // The name without ".json" is selected, so typing replaces it.
      field.setSelectionRange(0, field.value.replace(/\.json$/i, '').length);
    }
    if (!open && element.open) element.close();
  }, [open]);

  const close = () => filesUi.getState().setSaveAsOpen(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = input.current?.value ?? '';
    if (!pageFileActions.saveAsNamed(name)) setProblem('Type a file name, for example "my-vae.json".');
  };

  return (
    <dialog ref={dialog} className="save-as-dialog" aria-labelledby={titleId} onClose={close}>
      <form onSubmit={submit}>
        <h2 id={titleId}>Save as</h2>
        <label htmlFor={fieldId}>File name</label>
        <input
          id={fieldId}
          ref={input}
          type="text"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={problem !== null}
          aria-describedby={problem !== null ? problemId : undefined}
          onInput={() => setProblem(null)}
        />
        {problem !== null && (
          <p id={problemId} className="save-as-problem" role="alert">
            {problem}
          </p>
        )}
        <div className="save-as-buttons">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Save
          </button>
        </div>
      </form>
    </dialog>
  );
}
