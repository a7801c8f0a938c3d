// The latent views of one vector port in a panel beside the canvas (not modal, so training can be
// paused or resumed from the toolbar meanwhile): which codings it shows (how many test images,
// from which iteration, reload), then the map, interpolation, traversal and arithmetic as tabs.
// The worker answers between its training steps. On a generator's z the "codings" are random
// codes and their pictures are the samples they make.

import { useEffect } from 'react';
import { NODE_REGISTRY } from '../../../nodes';
import { useEditor } from '../../store';
import { useTraining } from '../training/training-store';
import { ArithmeticView } from './ArithmeticView';
import { InterpolationView } from './InterpolationView';
import { LatentMapView } from './LatentMapView';
import { TraversalView } from './TraversalView';
import { chooseTab, closeViews, loadCodings } from './views-actions';
import { useViews, type ViewTab } from './views-store';
import './views.css';

const TABS: readonly { readonly id: ViewTab; readonly title: string }[] = [
  { id: 'map', title: 'Latent map' },
  { id: 'interpolation', title: 'Interpolation' },
  { id: 'traversal', title: 'Traversal' },
  { id: 'arithmetic', title: 'Arithmetic' },
];
const COUNTS = [500, 1000, 2000, 5000, 10000];

function CodingsBar() {
  const count = useViews((s) => s.count);
  const codings = useViews((s) => s.codings);
  const iteration = useTraining((s) => s.iteration);
  const state = useTraining((s) => s.state);
  const answer = codings.status === 'done' ? codings.value : null;
  const samples = answer?.imagesFrom === 'decoded';
  return (
    <div className="views-codings">
      <label>
        {samples ? 'Samples' : 'Test images'}{' '}
        <select
          value={count}
          onChange={(event) => void loadCodings(Number(event.target.value))}
          disabled={codings.status === 'running'}
        >
          {COUNTS.map((n) => (
            <option key={n} value={n}>
              {n.toLocaleString('en')}
            </option>
          ))}
        </select>
      </label>
      <span data-testid="codings-status" data-status={codings.status}>
        {codings.status === 'running' && 'Reading codings from the training worker…'}
        {answer &&
          (samples
            ? `${answer.count.toLocaleString('en')} random codes of ${answer.dim} values, with the samples they make at iteration ${answer.iteration}`
            : `${answer.count.toLocaleString('en')} codings of ${answer.dim} values from iteration ${answer.iteration}`) +
            (answer.count < count && !samples ? ' (all the test images there are)' : '') +
            (iteration !== answer.iteration ? `; the weights are now at iteration ${iteration}` : '') +
            (answer.iteration === 0 ? '. The weights are fresh: train first to see structure.' : '.')}
      </span>
      <button
        type="button"
        onClick={() => void loadCodings()}
        disabled={codings.status === 'running' || state === 'empty'}
      >
        Reload codings
      </button>
      {codings.status === 'error' && (
        <p className="views-error" role="alert" data-testid="views-error">
          {codings.message}
        </p>
      )}
    </div>
  );
}

export function ViewsDialog() {
  const open = useViews((s) => s.open);
  const tab = useViews((s) => s.tab);
  const type = useEditor((s) => s.doc.nodes.find((n) => n.id === open?.node)?.type);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeViews();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  if (!open) return null;
  const def = type === undefined ? undefined : NODE_REGISTRY.get(type);
  const portLabel = def?.outputs.find((p) => p.name === open.port)?.label ?? open.port;
  return (
    <div
      className="views-dialog"
      role="dialog"
      aria-modal="false"
      aria-label={`Latent views of ${open.node}, ${portLabel}`}
    >
      <header>
        <span className="views-title">
          <strong>Latent views</strong> · {open.node}
          {def ? ` (${def.title})` : ''} · {portLabel}
        </span>
        <button type="button" aria-label="Close" onClick={closeViews} autoFocus>
          ×
        </button>
      </header>
      <CodingsBar />
      <div role="tablist" className="views-tabs">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={tab === t.id ? 'active' : undefined}
            onClick={() => chooseTab(t.id)}
          >
            {t.title}
          </button>
        ))}
      </div>
      <div className="views-body">
        {tab === 'map' && <LatentMapView />}
        {tab === 'interpolation' && <InterpolationView />}
        {tab === 'traversal' && <TraversalView />}
        {tab === 'arithmetic' && <ArithmeticView />}
      </div>
    </div>
  );
}
