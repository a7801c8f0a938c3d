// The enlarged preview over the canvas: the node's name and the iteration it shows, the picture kept
// live as frames arrive (scatters redrawn sharp from their points, with the class colours), and a
// button to save it as PNG. Escape or a click outside closes it.

import { useEffect, useRef } from 'react';
import { NODE_REGISTRY } from '../../../nodes';
import { CLASS_COLORS } from '../../core/train/render';
import { isVectorPort } from '../../core/views/latent-plan';
import { inferredFor, useEditor } from '../../store';
import { openViews } from '../views/views-actions';
import { downloadBlob } from '../files/download';
import { paint } from './paint';
import { type ShownPreview, trainingStore, useTraining } from './training-store';

const SCATTER_SIZE = 560;

/** Points in a square around the origin (the same framing as the card's picture), at full resolution. */
function drawScatter(canvas: HTMLCanvasElement, points: Float32Array, labels: Int32Array | undefined): void {
  const size = SCATTER_SIZE;
  const ratio = globalThis.devicePixelRatio || 1;
  canvas.width = Math.round(size * ratio);
  canvas.height = Math.round(size * ratio);
  const g = canvas.getContext('2d');
  if (!g) return;
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.fillStyle = '#fff';
  g.fillRect(0, 0, size, size);
  let extent = 1e-6;
  for (const v of points) if (Number.isFinite(v)) extent = Math.max(extent, Math.abs(v));
  extent *= 1.1;
  const toPixel = (v: number) => ((v + extent) / (2 * extent)) * size;
  g.strokeStyle = '#d8d8d8';
  g.beginPath();
  g.moveTo(0, toPixel(0));
  g.lineTo(size, toPixel(0));
  g.moveTo(toPixel(0), 0);
  g.lineTo(toPixel(0), size);
  g.stroke();
  g.fillStyle = '#666';
  g.font = '12px system-ui, sans-serif';
  const edge = Number(extent.toPrecision(2));
  g.fillText(String(edge), size - g.measureText(String(edge)).width - 4, toPixel(0) - 4);
  g.fillText(String(edge), toPixel(0) + 4, 14);
  for (let i = 0; i < points.length / 2; i++) {
    const label = labels?.[i];
    const rgb = label === undefined ? [20, 20, 20] : (CLASS_COLORS[label % CLASS_COLORS.length] ?? [0, 0, 0]);
    g.fillStyle = `rgb(${rgb.join(',')})`;
    g.beginPath();
    g.arc(toPixel(points[2 * i] ?? 0), size - toPixel(points[2 * i + 1] ?? 0), 2.5, 0, 2 * Math.PI);
    g.fill();
  }
}

function classesOf(labels: Int32Array | undefined): number[] {
  return labels ? [...new Set(labels)].sort((a, b) => a - b) : [];
}

function EnlargedCanvas({ preview }: { readonly preview: ShownPreview }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const sharp = preview.kind === 'scatter' && preview.points !== undefined;
  useEffect(() => {
    if (!ref.current) return;
    if (sharp && preview.points) drawScatter(ref.current, preview.points, preview.labels);
    else paint(ref.current, preview);
  }, [preview, sharp]);
  return (
    <canvas
      ref={ref}
      className={`preview-modal-canvas${sharp ? ' sharp' : ''}`}
      data-node={preview.node}
      data-port={preview.port}
      data-kind={preview.kind}
    />
  );
}

export function PreviewModal() {
  const enlarged = useTraining((s) => s.enlarged);
  const preview = useTraining((s) =>
    s.enlarged ? s.previews[s.enlarged.node]?.[s.enlarged.port] : undefined,
  );
  const type = useEditor((s) => s.doc.nodes.find((n) => n.id === enlarged?.node)?.type);
  const vector = useEditor((s) => enlarged !== null && isVectorPort(inferredFor(s.doc), enlarged));
  const body = useRef<HTMLDivElement>(null);
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
  const def = type === undefined ? undefined : NODE_REGISTRY.get(type);
  const portLabel = def?.outputs.find((p) => p.name === enlarged.port)?.label ?? enlarged.port;
  const name = def ? `${enlarged.node} (${def.title})` : enlarged.node;
  const save = () => {
    body.current?.querySelector('canvas')?.toBlob((blob) => {
      if (blob) downloadBlob(`${enlarged.node}-${enlarged.port}-it${preview.iteration}.png`, blob);
    }, 'image/png');
  };
  const classes = classesOf(preview.labels);
  return (
    <div className="preview-modal-backdrop" onClick={close}>
      <div
        className="preview-modal"
        role="dialog"
        aria-modal="true"
        aria-label={`Preview of ${name}, ${portLabel}`}
        onClick={(event) => event.stopPropagation()}
      >
        <header>
          <span className="preview-modal-title">
            <strong>{name}</strong> · {portLabel}
          </span>
          <span className="preview-modal-iteration" data-testid="preview-iteration">
            iteration {preview.iteration}
          </span>
          <button type="button" onClick={save} data-testid="preview-download">
            Download PNG
          </button>
          {vector && (
            <button type="button" onClick={() => (close(), openViews(enlarged.node, enlarged.port))}>
              Views…
            </button>
          )}
          <button type="button" aria-label="Close" onClick={close} autoFocus>
            ×
          </button>
        </header>
        <div ref={body}>
          <EnlargedCanvas preview={preview} />
        </div>
        {classes.length > 0 && (
          <ul className="preview-modal-classes" aria-label="Class colours">
            {classes.map((c) => (
              <li key={c}>
                <span
                  className="class-swatch"
                  style={{
                    background: `rgb(${(CLASS_COLORS[c % CLASS_COLORS.length] ?? [0, 0, 0]).join(',')})`,
                  }}
                />
                class {c}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
