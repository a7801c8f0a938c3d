// The training settings popover beside the backend chip: which tfjs backend to train on. 'auto' tries
// webgpu, webgl, wasm, cpu in turn; a forced one restarts the worker on it and is remembered.

import { memo, useEffect, useId, useRef, useState } from 'react';
import type { BackendChoice } from '../session/client';
import { BACKEND_CHOICES, usePanelSettings } from './panel-settings';
import { chooseBackend } from './session';
import { useTraining } from './training-store';

const EXPLAIN: Readonly<Record<BackendChoice, string>> = {
  auto: 'the first that works of WebGPU, WebGL, WASM and CPU',
  webgpu: 'the graphics card through WebGPU (fastest where there is one)',
  webgl: 'the graphics card through WebGL',
  wasm: 'WebAssembly on the processor; has no Conv2D gradient in tfjs 4.22',
  cpu: 'plain JavaScript; slow but always there',
};

/** Memoised: the toolbar around it re-renders with every frame, and nothing here depends on frames. */
export const BackendSettings = memo(function BackendSettings() {
  const [open, setOpen] = useState(false);
  const choice = usePanelSettings((s) => s.backend);
  const busy = useTraining((s) => s.busy);
  const popover = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    popover.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!popover.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <span className="training-settings">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        aria-label="Training settings"
        title="Training settings: which backend to train on"
        data-testid="training-settings"
        onClick={() => setOpen((o) => !o)}
      >
        ⚙
      </button>
      {open && (
        <div
          className="training-settings-popover"
          id={id}
          ref={popover}
          role="dialog"
          aria-label="Training settings"
        >
          <fieldset disabled={busy}>
            <legend>Train on</legend>
            {BACKEND_CHOICES.map((option) => (
              <label key={option} className="backend-option">
                <input
                  type="radio"
                  name={`${id}-backend`}
                  value={option}
                  checked={choice === option}
                  onChange={() => void chooseBackend(option)}
                />
                <span className="backend-option-name">{option}</span>
                <span className="backend-option-doc">{EXPLAIN[option]}</span>
              </label>
            ))}
          </fieldset>
          <p className="training-settings-note">
            A forced backend restarts the training worker on it, keeps the weights, and is remembered next
            time.
          </p>
        </div>
      )}
    </span>
  );
});
