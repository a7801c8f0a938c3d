// Painting the latent views on canvases, titles and labels included, so the PNG a student saves
// says what it shows: the map with its class legend, and labelled grids of images.

import { CLASS_COLORS } from '../../core/train/render';
import { type MapFrame, toCanvas } from './map-geometry';

const FONT = '12px system-ui, sans-serif';
const BOLD = '600 13px system-ui, sans-serif';
const INK = '#222';
const MUTED = '#666';

export const classColor = (label: number | undefined): string =>
  label === undefined
    ? 'rgb(30,30,30)'
    : `rgb(${(CLASS_COLORS[label % CLASS_COLORS.length] ?? [0, 0, 0]).join(',')})`;

/** Pixels of some images, bytes 0..255 or floats 0..1, NHWC. */
export interface Pictures {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly pixels: ArrayLike<number>;
}

/** Sizes the canvas for the screen's pixel ratio and returns its context in CSS pixels on white. */
export function prepare(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
): CanvasRenderingContext2D | null {
  const ratio = globalThis.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const g = canvas.getContext('2d');
  if (!g) return null;
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.fillStyle = '#fff';
  g.fillRect(0, 0, width, height);
  g.textBaseline = 'middle';
  return g;
}

/** One image, drawn `scale` times larger with hard pixel edges. */
export function drawPicture(
  g: CanvasRenderingContext2D,
  pictures: Pictures,
  index: number,
  x: number,
  y: number,
  scale: number,
): void {
  const { height, width, channels, pixels } = pictures;
  const bytes = pixels instanceof Uint8Array || pixels instanceof Uint8ClampedArray;
  const image = new ImageData(width, height);
  const base = index * height * width * channels;
  for (let p = 0; p < height * width; p++) {
    for (let c = 0; c < 3; c++) {
      const v = pixels[base + p * channels + (channels >= 3 ? c : 0)] ?? 0;
      image.data[p * 4 + c] = bytes ? v : Math.round(Math.min(1, Math.max(0, v)) * 255);
    }
    image.data[p * 4 + 3] = 255;
  }
  const tile = new OffscreenCanvas(width, height);
  tile.getContext('2d')?.putImageData(image, 0, 0);
  g.imageSmoothingEnabled = false;
  g.drawImage(tile, x, y, width * scale, height * scale);
}

export interface MapDrawing {
  readonly title: string;
  readonly subtitle: string;
  readonly points: ArrayLike<number>;
  readonly count: number;
  readonly labels: ArrayLike<number> | null;
  readonly classNames: readonly string[] | null;
  readonly frame: MapFrame;
  /** Points ringed and named (the interpolation's A and B). */
  readonly marks: readonly { readonly index: number; readonly name: string }[];
  readonly width: number;
  readonly height: number;
}

export function drawMap(canvas: HTMLCanvasElement, d: MapDrawing): void {
  const g = prepare(canvas, d.width, d.height);
  if (!g) return;
  g.fillStyle = INK;
  g.font = BOLD;
  g.fillText(d.title, 8, 12);
  g.font = FONT;
  g.fillStyle = MUTED;
  g.fillText(d.subtitle, 8, 30);
  const { frame } = d;
  g.strokeStyle = '#ddd';
  g.strokeRect(frame.left, frame.top, frame.size, frame.size);
  const radius = d.count > 3000 ? 1.5 : 2.5;
  for (let i = 0; i < d.count; i++) {
    const [x, y] = toCanvas(frame, d.points[2 * i] ?? NaN, d.points[2 * i + 1] ?? NaN);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    g.fillStyle = classColor(d.labels?.[i]);
    g.beginPath();
    g.arc(x, y, radius, 0, 2 * Math.PI);
    g.fill();
  }
  g.lineWidth = 2;
  for (const mark of d.marks) {
    if (mark.index < 0 || mark.index >= d.count) continue;
    const [x, y] = toCanvas(frame, d.points[2 * mark.index] ?? 0, d.points[2 * mark.index + 1] ?? 0);
    g.strokeStyle = INK;
    g.beginPath();
    g.arc(x, y, 7, 0, 2 * Math.PI);
    g.stroke();
    g.fillStyle = INK;
    g.font = BOLD;
    g.fillText(mark.name, x + 9, y - 8);
  }
  g.lineWidth = 1;
  if (d.labels) {
    const classes = [...new Set(Array.from(d.labels).slice(0, d.count))].sort((a, b) => a - b);
    const left = frame.left + frame.size + 14;
    g.font = FONT;
    classes.forEach((label, i) => {
      const y = frame.top + 10 + i * 20;
      g.fillStyle = classColor(label);
      g.fillRect(left, y - 5, 10, 10);
      g.fillStyle = INK;
      g.fillText(d.classNames?.[label] ?? `class ${label}`, left + 16, y);
    });
  }
}

export interface GridRow {
  readonly label: string;
  /** A second, smaller line under the label. */
  readonly note?: string;
  readonly pictures: Pictures;
  /** Index of the row's first picture in `pictures`. */
  readonly first: number;
  /** Drawn greyed, with the note in red: an inactive latent dimension. */
  readonly dimmed?: boolean;
}

export interface GridDrawing {
  readonly title: string;
  readonly subtitle: string;
  /** Captions over the columns. */
  readonly columns: readonly string[];
  readonly rows: readonly GridRow[];
  readonly scale: number;
  readonly labelWidth: number;
}

export const GRID_TOP = 64;
const GAP = 4;

export function gridSize(
  d: GridDrawing,
  cell: { height: number; width: number },
): { width: number; height: number } {
  return {
    width: d.labelWidth + d.columns.length * (cell.width * d.scale + GAP) + 8,
    height: GRID_TOP + d.rows.length * (cell.height * d.scale + GAP) + 8,
  };
}

export function drawGrid(canvas: HTMLCanvasElement, d: GridDrawing): void {
  const first = d.rows[0]?.pictures;
  if (!first) return;
  const cellW = first.width * d.scale;
  const cellH = first.height * d.scale;
  const size = gridSize(d, first);
  const g = prepare(canvas, size.width, size.height);
  if (!g) return;
  g.fillStyle = INK;
  g.font = BOLD;
  g.fillText(d.title, 8, 12);
  g.font = FONT;
  g.fillStyle = MUTED;
  g.fillText(d.subtitle, 8, 30);
  g.textAlign = 'center';
  d.columns.forEach((caption, c) =>
    g.fillText(caption, d.labelWidth + c * (cellW + GAP) + cellW / 2, GRID_TOP - 12),
  );
  g.textAlign = 'left';
  d.rows.forEach((r, i) => {
    const y = GRID_TOP + i * (cellH + GAP);
    g.fillStyle = r.dimmed ? '#b00020' : INK;
    g.font = BOLD;
    g.fillText(r.label, 8, y + cellH / 2 - (r.note ? 8 : 0));
    if (r.note) {
      g.font = FONT;
      g.fillStyle = r.dimmed ? '#b00020' : MUTED;
      g.fillText(r.note, 8, y + cellH / 2 + 9);
    }
    d.columns.forEach((_, c) => {
      const x = d.labelWidth + c * (cellW + GAP);
      drawPicture(g, r.pictures, r.first + c, x, y, d.scale);
      if (r.dimmed) {
        g.fillStyle = 'rgba(255,255,255,0.55)';
        g.fillRect(x, y, cellW, cellH);
      }
    });
  });
}
