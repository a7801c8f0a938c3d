// The toolbar's training group: Train/Pause/Resume, Step, Reset, iteration and samples/s, the
// backend chip with why others were skipped, the backend settings, the switch of the training panel
// (which it also places over the canvas), and the session's errors and notices in plain words.

import { useShallow } from 'zustand/react/shallow';
import { BackendSettings } from './BackendSettings';
import { pause, reset, resume, step, train } from './session';
import { TrainingPanelPortal, TrainingPanelToggle } from './TrainingPanel';
import { trainingStore, useTraining } from './training-store';
import './training.css';

function formatRate(samplesPerSec: number): string {
  if (samplesPerSec >= 1000) return `${(samplesPerSec / 1000).toFixed(1)}k`;
  return samplesPerSec.toFixed(0);
}

function BackendChip() {
  const backend = useTraining((s) => s.backend);
  if (!backend) return null;
  const skipped = backend.skipped.map((skip) => `${skip.name} skipped: ${skip.reason}`);
  const how = backend.forced ? ' (forced in the training settings)' : '';
  const tip = [`${backend.name}${how}: ${backend.detail}`, ...skipped].join('\n');
  return (
    <span
      className="backend-chip"
      title={tip}
      tabIndex={0}
      aria-label={`Backend: ${tip}`}
      data-testid="backend"
    >
      {backend.name}
    </span>
  );
}

export function TrainingControls() {
  const { state, iteration, samplesPerSec, busy } = useTraining(
    useShallow((s) => ({
      state: s.state,
      iteration: s.iteration,
      samplesPerSec: s.samplesPerSec,
      busy: s.busy,
    })),
  );
  const running = state === 'training';
  const paused = state === 'paused';
  const loading = state === 'loading';
  const primary = running
    ? { label: 'Pause', run: pause, title: 'Pause training after the step in progress' }
    : paused
      ? { label: 'Resume', run: resume, title: 'Go on training' }
      : { label: 'Train', run: train, title: 'Train the graph in the background' };
  return (
    <div className="toolbar-group training-controls" aria-label="Training">
      <button
        type="button"
        className="train-primary"
        onClick={() => void primary.run()}
        disabled={loading || (busy && state === 'empty')}
        title={primary.title}
        data-testid="train-toggle"
      >
        {busy && state === 'empty' ? 'Starting…' : primary.label}
      </button>
      <button
        type="button"
        onClick={() => void step()}
        disabled={running || loading}
        title="Train one iteration"
      >
        Step
      </button>
      <button
        type="button"
        onClick={() => void reset()}
        disabled={state === 'empty' || loading}
        title="Fresh weights, iteration 0"
      >
        Reset
      </button>
      <span className="train-stats" aria-live="off">
        <span data-testid="train-iteration" title="Iteration">
          it {iteration}
        </span>
        <span data-testid="train-rate" title="Samples per second">
          {formatRate(samplesPerSec)}/s
        </span>
        <span className={`train-state state-${state}`} data-testid="train-state">
          {state === 'empty' ? 'idle' : state}
        </span>
      </span>
      <BackendChip />
      <BackendSettings />
      <TrainingPanelToggle />
      <TrainingPanelPortal />
    </div>
  );
}

/** The session's latest error or notice under the toolbar, dismissible. */
export function TrainingMessage() {
  const message = useTraining((s) => s.message);
  if (!message) return null;
  return (
    <p
      className={`toolbar-message training-message ${message.kind}`}
      role={message.kind === 'error' ? 'alert' : 'status'}
      data-testid="training-message"
    >
      {message.text}
      <button type="button" aria-label="Dismiss" onClick={() => trainingStore.setState({ message: null })}>
        ×
      </button>
    </p>
  );
}
