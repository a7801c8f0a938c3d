// Live outputs on a node card: the newest preview of one port painted into a canvas (click to
// enlarge) and a small loss chart on loss nodes. Each reads only its own node.

import { useEffect, useRef } from 'react';
import type { RenderedPreview } from '../../core/train/frames';
import { isVectorPort } from '../../core/views/latent-plan';
import { inferredFor, useEditor } from '../../store';
import { openViews } from '../views/views-actions';
import { ViewsDialog } from '../views/ViewsDialog';
import { paint } from './paint';
import { PreviewModal as EnlargedPreview } from './PreviewModal';
import { trainingStore, useTraining } from './training-store';

/** The overlays opened from node cards (the layout mounts them from here): the enlarged preview and the latent views. */
export function PreviewModal() {
  return (
    <>
      <EnlargedPreview />
      <ViewsDialog />
    </>
  );
}

export function PreviewCanvas({
  preview,
  className,
}: {
  readonly preview: RenderedPreview;
  readonly className: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => paint(ref.current, preview), [preview]);
  return (
    <canvas
      ref={ref}
      className={className}
      data-node={preview.node}
      data-port={preview.port}
      data-kind={preview.kind}
      width={preview.width}
      height={preview.height}
    />
  );
}

export function PortPreview({
  node,
  port,
  label,
}: {
  readonly node: string;
  readonly port: string;
  readonly label: string;
}) {
  const preview = useTraining((s) => s.previews[node]?.[port]);
  const vector = useEditor((s) => isVectorPort(inferredFor(s.doc), { node, port }));
  if (!preview) return null;
  return (
    <>
      <button
        type="button"
        className="port-preview nodrag"
        aria-label={`Enlarge the ${preview.kind} preview of ${label}`}
        title="Click to enlarge"
        onClick={() => trainingStore.setState({ enlarged: { node, port } })}
      >
        <PreviewCanvas preview={preview} className="port-preview-canvas" />
      </button>
      {vector && (
        <button
          type="button"
          className="port-views nodrag"
          aria-label={`Latent views of ${label} of ${node}`}
          title="Latent map, interpolation, traversal and arithmetic of this vector"
          onClick={() => openViews(node, port)}
        >
          Views…
        </button>
      )}
    </>
  );
}

const CHART_W = 160;
const CHART_H = 44;

/** The loss node's history as a polyline, with the latest value as text. */
export function LossChart({ node }: { readonly node: string }) {
  const series = useTraining((s) => s.history[node]);
  const latest = useTraining((s) => s.losses[node]);
  if (!series || series.values.length === 0) return null;
  const finite = series.values.filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const span = hi - lo || 1;
  const n = series.values.length;
  // About one point per pixel of width is all the small chart can show.
  const stride = Math.max(1, Math.ceil(n / CHART_W));
  const points = series.values
    .map((v, i) => {
      if (i % stride !== (n - 1) % stride) return '';
      const x = n === 1 ? CHART_W : (i / (n - 1)) * CHART_W;
      const y = CHART_H - 2 - ((Number.isFinite(v) ? v - lo : span) / span) * (CHART_H - 4);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .filter(Boolean)
    .join(' ');
  // The caption averages the last few batches: single-batch losses jump about too much to read.
  const recent = series.values.slice(-10).filter(Number.isFinite);
  const smoothed = recent.length > 0 ? recent.reduce((a, b) => a + b, 0) / recent.length : undefined;
  const value = latest ?? series.values[n - 1];
  return (
    <figure className="loss-chart" aria-label={`Loss of ${node} over training`}>
      <svg
        viewBox={`0 0 ${CHART_W} ${CHART_H}`}
        width={CHART_W}
        height={CHART_H}
        role="img"
        aria-hidden="true"
      >
        <polyline points={points} fill="none" stroke="var(--port-loss)" strokeWidth="1.5" />
      </svg>
      <figcaption>
        <span
          data-testid="loss-value"
          data-loss={node}
          title={value === undefined ? undefined : `last batch ${value.toPrecision(4)}`}
        >
          {smoothed === undefined ? '' : smoothed.toPrecision(4)}
        </span>
        <span className="muted"> at it {series.iterations[n - 1]}</span>
      </figcaption>
    </figure>
  );
}
