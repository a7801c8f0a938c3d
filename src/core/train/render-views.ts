// Paints the node-level views into RGBA: the discriminator's map of the plane under real and
// generated points, and the class shares of generated samples as bars.

import type { ClassSharesPreview, CriticMapPreview } from './previews';
import type { RgbaImage } from './render';

type Rgb = readonly [number, number, number];

/** The map's two ends: where the discriminator says "real" and where it says "generated". */
export const MAP_REAL_TINT: Rgb = [127, 201, 127];
export const MAP_FAKE_TINT: Rgb = [190, 174, 212];
/** The points: real ones dark green, generated ones dark purple. */
export const MAP_REAL_POINT: Rgb = [0, 104, 55];
export const MAP_FAKE_POINT: Rgb = [84, 39, 143];

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  Math.round(a[0] + (b[0] - a[0]) * t),
  Math.round(a[1] + (b[1] - a[1]) * t),
  Math.round(a[2] + (b[2] - a[2]) * t),
];

/** The colour of a value in [0, 1]: purple at 0 ("generated"), white at 0.5, green at 1 ("real"). */
export function mapColor(t: number): Rgb {
  const v = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0.5));
  const white: Rgb = [255, 255, 255];
  return v < 0.5 ? mix(MAP_FAKE_TINT, white, v * 2) : mix(white, MAP_REAL_TINT, (v - 0.5) * 2);
}

/** mapColor at 256 even steps, RGB after RGB: the map reads its colours here, a pixel at a time. */
const MAP_STEPS = 255;
const MAP_TABLE = Uint8Array.from(
  { length: (MAP_STEPS + 1) * 3 },
  (_, i) => mapColor(Math.floor(i / 3) / MAP_STEPS)[i % 3] ?? 0,
);

function dot(img: RgbaImage, cx: number, cy: number, rgb: Rgb, radius: number): void {
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      if (dx * dx + dy * dy > radius * radius + 1) continue;
      const x = Math.round(cx + dx);
      const y = Math.round(cy + dy);
      if (x < 0 || y < 0 || x >= img.width || y >= img.height) continue;
      const i = (y * img.width + x) * 4;
      img.data[i] = rgb[0];
      img.data[i + 1] = rgb[1];
      img.data[i + 2] = rgb[2];
      img.data[i + 3] = 255;
    }
  }
}

/** The map as a square picture, the origin's axes in grey, real points drawn over generated ones. */
export function renderCriticMap(p: CriticMapPreview, size = 240): RgbaImage {
  const data = new Uint8ClampedArray(size * size * 4);
  const [lo, hi] = p.range;
  const span = hi - lo || 1;
  const n = p.size;
  const field = p.field;
  // Bilinear between the cell centres of the n x n field, then the colour of the value.
  const cell = (pixel: number) => Math.min(n - 1, Math.max(0, ((pixel + 0.5) / size) * n - 0.5));
  for (let y = 0; y < size; y++) {
    const fy = cell(y);
    const y0 = Math.floor(fy);
    const y1 = Math.min(n - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < size; x++) {
      const fx = cell(x);
      const x0 = Math.floor(fx);
      const x1 = Math.min(n - 1, x0 + 1);
      const wx = fx - x0;
      const top = (1 - wx) * (field[y0 * n + x0] ?? 0) + wx * (field[y0 * n + x1] ?? 0);
      const bottom = (1 - wx) * (field[y1 * n + x0] ?? 0) + wx * (field[y1 * n + x1] ?? 0);
      const t = ((1 - wy) * top + wy * bottom - lo) / span;
      const step = Number.isFinite(t) ? Math.round(Math.min(1, Math.max(0, t)) * MAP_STEPS) : 128;
      const i = (y * size + x) * 4;
      data[i] = MAP_TABLE[step * 3] ?? 0;
      data[i + 1] = MAP_TABLE[step * 3 + 1] ?? 0;
      data[i + 2] = MAP_TABLE[step * 3 + 2] ?? 0;
      data[i + 3] = 255;
    }
  }
  const img = { width: size, height: size, data };
  const toPixel = (v: number) => ((v + p.extent) / (2 * p.extent)) * (size - 1);
  const axis: Rgb = [150, 150, 150];
  for (let i = 0; i < size; i++) {
    dot(img, i, toPixel(0), axis, 0);
    dot(img, toPixel(0), i, axis, 0);
  }
  const points = (xy: Float32Array, draw: (x: number, y: number) => void) => {
    for (let i = 0; i < xy.length / 2; i++) {
      const x = xy[2 * i] ?? NaN;
      const y = xy[2 * i + 1] ?? NaN;
      if (Number.isFinite(x) && Number.isFinite(y)) draw(toPixel(x), size - 1 - toPixel(y));
    }
  };
  // Generated points first; the real ones on top with a white rim, so tight modes stay visible
  // under a cloud of generated points.
  points(p.fake, (x, y) => dot(img, x, y, MAP_FAKE_POINT, 2));
  points(p.real, (x, y) => dot(img, x, y, [255, 255, 255], 3));
  points(p.real, (x, y) => dot(img, x, y, MAP_REAL_POINT, 2));
  return img;
}

/** One bar per class, as high as its share of the samples (the axis tops out at the largest share). */
export function renderClassShares(p: ClassSharesPreview, width = 240, height = 96): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  const img = { width, height, data };
  const classes = Math.max(1, p.shares.length);
  const top = Math.max(1e-9, ...p.shares);
  const barW = width / classes;
  p.shares.forEach((share, c) => {
    const h = Math.round((share / top) * (height - 4));
    for (let x = Math.floor(c * barW) + 1; x < Math.floor((c + 1) * barW) - 1; x++) {
      for (let y = height - h; y < height; y++) dot(img, x, y, [70, 110, 180], 0);
    }
  });
  // The even share (1 / classes): a generator that uses every class keeps its bars near this line.
  const even = height - 1 - Math.round((1 / classes / top) * (height - 4));
  for (let x = 0; x < width; x += 2) dot(img, x, even, [220, 40, 40], 0);
  return img;
}
