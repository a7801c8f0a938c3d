// Paints previews into RGBA pixels: the page draws them on canvases, the CLI writes them as PNG.

import type { HistogramPreview, ImageGridPreview, Preview, ScatterPreview } from './previews';
import { renderClassShares, renderCriticMap } from './render-views';

export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

/** Ten distinguishable class colours (a categorical palette, one per digit or garment class). */
export const CLASS_COLORS: readonly (readonly [number, number, number])[] = [
  [31, 119, 180],
  [255, 127, 14],
  [44, 160, 44],
  [214, 39, 40],
  [148, 103, 189],
  [140, 86, 75],
  [227, 119, 194],
  [127, 127, 127],
  [188, 189, 34],
  [23, 190, 207],
];

function blank(width: number, height: number, shade = 255): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  // Every byte the same, so the word order does not matter; ten times faster than filling bytes.
  new Uint32Array(data.buffer).fill((shade & 255) * 0x01010101);
  return { width, height, data };
}

function setPixel(img: RgbaImage, x: number, y: number, rgb: readonly [number, number, number]): void {
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return;
  const i = (Math.floor(y) * img.width + Math.floor(x)) * 4;
  img.data[i] = rgb[0];
  img.data[i + 1] = rgb[1];
  img.data[i + 2] = rgb[2];
  img.data[i + 3] = 255;
}

/**
 * Images side by side in rows of `columns` (or the preview's own, for a grid by class), each pixel
 * drawn `scale` times, 1px gaps.
 */
export function renderImageGrid(p: ImageGridPreview, columns = 8, scale = 2): RgbaImage {
  const cols = Math.min(p.columns ?? columns, Math.max(1, p.count));
  const rows = Math.ceil(p.count / cols);
  const cellW = p.width * scale + 1;
  const cellH = p.height * scale + 1;
  const img = blank(cols * cellW + 1, rows * cellH + 1, 40);
  const { data } = img;
  const stride = img.width * 4;
  const byte = (v: number | undefined) => Math.round((v ?? 0) * 255);
  // Runs once a frame in the worker: each image row is written once, then copied down `scale` times.
  for (let n = 0; n < p.count; n++) {
    const ox = (n % cols) * cellW + 1;
    const oy = Math.floor(n / cols) * cellH + 1;
    for (let y = 0; y < p.height; y++) {
      const rowStart = (oy + y * scale) * stride + ox * 4;
      let i = rowStart;
      for (let x = 0; x < p.width; x++) {
        const base = ((n * p.height + y) * p.width + x) * p.channels;
        const r = byte(p.pixels[base]);
        const g = p.channels >= 3 ? byte(p.pixels[base + 1]) : r;
        const b = p.channels >= 3 ? byte(p.pixels[base + 2]) : r;
        for (let dx = 0; dx < scale; dx++, i += 4) {
          data[i] = r;
          data[i + 1] = g;
          data[i + 2] = b;
          data[i + 3] = 255;
        }
      }
      for (let dy = 1; dy < scale; dy++) data.copyWithin(rowStart + dy * stride, rowStart, i);
    }
  }
  return img;
}

/** Points in a square with the origin's axes drawn; the range is symmetric and fits every point. */
export function renderScatter(p: ScatterPreview, size = 256): RgbaImage {
  const img = blank(size, size);
  let extent = 1e-6;
  for (const v of p.points) if (Number.isFinite(v)) extent = Math.max(extent, Math.abs(v));
  extent *= 1.1;
  const toPixel = (v: number): number => ((v + extent) / (2 * extent)) * (size - 1);
  for (let i = 0; i < size; i++) {
    setPixel(img, i, toPixel(0), [220, 220, 220]);
    setPixel(img, toPixel(0), i, [220, 220, 220]);
  }
  const count = p.points.length / 2;
  for (let i = 0; i < count; i++) {
    const x = toPixel(p.points[2 * i] ?? 0);
    const y = size - 1 - toPixel(p.points[2 * i + 1] ?? 0);
    const label = p.labels?.[i];
    const rgb =
      label === undefined
        ? ([20, 20, 20] as const)
        : (CLASS_COLORS[label % CLASS_COLORS.length] ?? [0, 0, 0]);
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) setPixel(img, x + dx, y + dy, rgb);
  }
  return img;
}

/** Bars of value counts between the smallest and largest value, with the mean marked in red. */
export function renderHistogram(p: HistogramPreview, width = 256, height = 128, bins = 32): RgbaImage {
  const img = blank(width, height);
  const finite = [...p.values].filter(Number.isFinite);
  if (finite.length === 0) return img;
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const span = hi - lo || 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of finite) counts[Math.min(bins - 1, Math.floor(((v - lo) / span) * bins))]! += 1;
  const top = Math.max(...counts);
  const barW = width / bins;
  counts.forEach((c, b) => {
    const h = Math.round((c / top) * (height - 4));
    for (let x = Math.floor(b * barW); x < Math.floor((b + 1) * barW) - 1; x++) {
      for (let y = height - h; y < height; y++) setPixel(img, x, y, [70, 110, 180]);
    }
  });
  const meanX = Math.round(((p.mean - lo) / span) * (width - 1));
  for (let y = 0; y < height; y++) setPixel(img, meanX, y, [220, 40, 40]);
  return img;
}

/** Loss curves over iterations, one colour per term, each scaled to the shared range. */
export function renderLossChart(
  series: readonly (readonly number[])[],
  width = 320,
  height = 160,
): RgbaImage {
  const img = blank(width, height);
  const all = series.flat().filter(Number.isFinite);
  if (all.length === 0) return img;
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const span = hi - lo || 1;
  series.forEach((values, s) => {
    const rgb = CLASS_COLORS[s % CLASS_COLORS.length] ?? [0, 0, 0];
    const n = values.length;
    for (let i = 0; i < n; i++) {
      const v = values[i] ?? NaN;
      if (!Number.isFinite(v)) continue;
      const x = n === 1 ? 0 : (i / (n - 1)) * (width - 1);
      const y = height - 1 - ((v - lo) / span) * (height - 1);
      setPixel(img, x, y, rgb);
      setPixel(img, x, y + 1, rgb);
    }
  });
  return img;
}

export function renderPreview(p: Preview): RgbaImage {
  switch (p.kind) {
    case 'image-grid':
      return renderImageGrid(p);
    case 'scatter':
      return renderScatter(p);
    case 'histogram':
      return renderHistogram(p);
    case 'critic-map':
      return renderCriticMap(p);
    case 'class-shares':
      return renderClassShares(p);
  }
}
