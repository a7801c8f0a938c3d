// The training panel: a dock along the bottom of the canvas with one chart per optimizer's loss terms
// and one of metrics, log scale and smoothing switches, and the history as CSV. Closed, it is gone
// from the canvas entirely; its top edge drags to resize it.

import { memo, useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import { useShallow } from 'zustand/react/shallow';
import { NODE_REGISTRY } from '../../../nodes';
import { editorStore } from '../../store';
import { countRender } from '../editor/render-count';
import { downloadBlob } from '../files/download';
import { historyCsv } from './chart-data';
import { chartGroups, type ChartGroup } from './chart-model';
import { LossPlot } from './LossPlot';
import { clampHeight, panelSettings, usePanelSettings } from './panel-settings';
import { trainingStore } from './training-store';
import './training-panel.css';

const subscribeBoth = (listener: () => void) => {
  const a = editorStore.subscribe(listener);
  const b = trainingStore.subscribe(listener);
  return () => {
    a();
    b();
  };
};

/** The charts for the current document and history; the same array until what they draw changes. */
function useChartGroups(): readonly ChartGroup[] {
  const memo = useRef<{ doc: unknown; keys: string; json: string; groups: ChartGroup[] } | null>(null);
  const snapshot = useCallback(() => {
    const doc = editorStore.getState().doc;
    const recorded = Object.keys(trainingStore.getState().history);
    const keys = recorded.join('\n');
    const last = memo.current;
    if (last && last.doc === doc && last.keys === keys) return last.groups;
    const groups = chartGroups(doc, NODE_REGISTRY, recorded);
    const json = JSON.stringify(groups);
    // Moving a node makes a new document but the same charts: keep the old array, keep the plots.
    memo.current = { doc, keys, json, groups: last && last.json === json ? last.groups : groups };
    return memo.current.groups;
  }, []);
  return useSyncExternalStore(subscribeBoth, snapshot);
}

function fileStem(title: string): string {
  return title.replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '') || 'graph';
}

function downloadCsv(): void {
  const csv = historyCsv(trainingStore.getState().history);
  downloadBlob(
    `${fileStem(editorStore.getState().doc.meta.title)}-losses.csv`,
    new Blob([csv], { type: 'text/csv' }),
  );
}

/** The top edge: drag it, or focus it and use the arrow keys, to change the panel's height. */
function ResizeHandle({ height }: { readonly height: number }) {
  const start = useRef<{ y: number; height: number } | null>(null);
  const setHeight = (next: number) => panelSettings.setState({ height: clampHeight(next) });
  return (
    <div
      className="training-dock-resize"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the training panel"
      aria-valuenow={height}
      tabIndex={0}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        start.current = { y: event.clientY, height };
      }}
      onPointerMove={(event) => {
        if (start.current) setHeight(start.current.height + start.current.y - event.clientY);
      }}
      onPointerUp={() => {
        start.current = null;
      }}
      onKeyDown={(event) => {
        if (event.key === 'ArrowUp') setHeight(height + 20);
        else if (event.key === 'ArrowDown') setHeight(height - 20);
        else return;
        event.preventDefault();
      }}
    />
  );
}

function OpenPanel() {
  countRender('training-panel');
  const { height, log, smooth } = usePanelSettings(
    useShallow((s) => ({ height: s.height, log: s.log, smooth: s.smooth })),
  );
  const groups = useChartGroups();
  const hasHistory = useSyncExternalStore(
    trainingStore.subscribe,
    () => Object.keys(trainingStore.getState().history).length > 0,
  );
  return (
    <section
      className="training-dock"
      style={{ height }}
      aria-label="Training charts"
      data-testid="training-panel"
    >
      <ResizeHandle height={height} />
      <header className="training-dock-header">
        <h2>Training charts</h2>
        <label title="Loss axes on a log scale (values at or below 0 are left out)">
          <input
            type="checkbox"
            checked={log}
            onChange={(event) => panelSettings.setState({ log: event.currentTarget.checked })}
          />
          Log scale
        </label>
        <label title="Exponential moving average (0.9) of every curve">
          <input
            type="checkbox"
            checked={smooth}
            onChange={(event) => panelSettings.setState({ smooth: event.currentTarget.checked })}
          />
          Smooth
        </label>
        <button
          type="button"
          onClick={downloadCsv}
          disabled={!hasHistory}
          title="Every recorded value, one column per node"
        >
          Download CSV
        </button>
        <button
          type="button"
          className="training-dock-close"
          aria-label="Close the training panel"
          onClick={() => panelSettings.setState({ open: false })}
        >
          ×
        </button>
      </header>
      <div className="training-dock-charts">
        {groups.length === 0 ? (
          <p className="training-dock-empty">
            Nothing to chart yet: connect a loss node to an optimizer, then press Train.
          </p>
        ) : (
          groups.map((group) => (
            <LossPlot key={group.id} group={group} log={log && group.kind === 'loss'} smooth={smooth} />
          ))
        )}
      </div>
    </section>
  );
}

/** The toolbar's switch for the panel. */
export const TrainingPanelToggle = memo(function TrainingPanelToggle() {
  const open = usePanelSettings((s) => s.open);
  return (
    <button
      type="button"
      aria-pressed={open}
      onClick={() => panelSettings.setState({ open: !open })}
      title={open ? 'Hide the training charts' : 'Chart every loss term and metric over training'}
      data-testid="charts-toggle"
    >
      Charts
    </button>
  );
});

/**
 * The panel, placed along the bottom of the canvas area (`main.editor-canvas`). It is rendered into
 * that element from the toolbar so the editor's layout needs no change; while it is open the canvas
 * ends where the panel starts (training-panel.css reads the height set here).
 */
export const TrainingPanelPortal = memo(function TrainingPanelPortal() {
  const { open, height } = usePanelSettings(useShallow((s) => ({ open: s.open, height: s.height })));
  const [target, setTarget] = useState<HTMLElement | null>(null);
  useEffect(() => setTarget(document.querySelector<HTMLElement>('main.editor-canvas')), []);
  useEffect(() => {
    if (!target) return;
    if (open) target.style.setProperty('--training-dock-height', `${height}px`);
    else target.style.removeProperty('--training-dock-height');
  }, [target, open, height]);
  if (!open || !target) return null;
  return createPortal(<OpenPanel />, target);
});
