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

/** The field's value at a point of the unit square (0..1 across, 0..1 down), bilinear between cell centres. */
function sample(p: CriticMapPreview, u: number, v: number): number {
  const n = p.size;
  const x = Math.min(n - 1, Math.max(0, u * n - 0.5));
  const y = Math.min(n - 1, Math.max(0, v * n - 0.5));
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(n - 1, x0 + 1);
  const y1 = Math.min(n - 1, y0 + 1);
  const fx = x - x0;
  const fy = y - y0;
  const at = (cx: number, cy: number) => p.field[cy * n + cx] ?? 0;
  return (
    (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x1, y0)) + fy * ((1 - fx) * at(x0, y1) + fx * at(x1, y1))
  );
}

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
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const value = sample(p, (x + 0.5) / size, (y + 0.5) / size);
      const rgb = mapColor((value - lo) / span);
      const i = (y * size + x) * 4;
      data[i] = rgb[0];
      data[i + 1] = rgb[1];
      data[i + 2] = rgb[2];
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
