// Live outputs on a node card: the newest preview of one port painted into a canvas (click to
// enlarge), a small loss chart on loss nodes, and the enlarged view. Each reads only its own node.

import { useEffect, useRef } from 'react';
import type { RenderedPreview } from '../../core/train/frames';
import { trainingStore, useTraining } from './training-store';

function paint(canvas: HTMLCanvasElement | null, preview: RenderedPreview): void {
  if (!canvas) return;
  canvas.width = preview.width;
  canvas.height = preview.height;
  const image = new ImageData(preview.rgba as Uint8ClampedArray<ArrayBuffer>, preview.width, preview.height);
  canvas.getContext('2d')?.putImageData(image, 0, 0);
}

function PreviewCanvas({
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
  if (!preview) return null;
  return (
    <button
      type="button"
      className="port-preview nodrag"
      aria-label={`Enlarge the ${preview.kind} preview of ${label}`}
      title="Click to enlarge"
      onClick={() => trainingStore.setState({ enlarged: { node, port } })}
    >
      <PreviewCanvas preview={preview} className="port-preview-canvas" />
    </button>
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
  const points = series.values
    .map((v, i) => {
      const x = n === 1 ? CHART_W : (i / (n - 1)) * CHART_W;
      const y = CHART_H - 2 - ((Number.isFinite(v) ? v - lo : span) / span) * (CHART_H - 4);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
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

/** The enlarged preview, over the canvas; Escape or a click outside closes it. */
export function PreviewModal() {
  const enlarged = useTraining((s) => s.enlarged);
  const preview = useTraining((s) =>
    s.enlarged ? s.previews[s.enlarged.node]?.[s.enlarged.port] : undefined,
  );
  const close = () => trainingStore.setState({ enlarged: null });
  useEffect(() => {
    if (!enlarged) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enlarged]);
  if (!enlarged || !preview) return null;
  return (
    <div className="preview-modal-backdrop" onClick={close}>
      <div
        className="preview-modal"
        role="dialog"
        aria-modal="true"
        aria-label={`Preview of ${enlarged.node}.${enlarged.port}`}
        onClick={(event) => event.stopPropagation()}
      >
        <header>
          <span>
            {enlarged.node} · {enlarged.port}
          </span>
          <button type="button" aria-label="Close" onClick={close} autoFocus>
            ×
          </button>
        </header>
        <PreviewCanvas preview={preview} className="preview-modal-canvas" />
      </div>
    </div>
  );
}
