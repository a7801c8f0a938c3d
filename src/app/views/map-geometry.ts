// Where the latent map's points land on its square plot (one scale for both axes, so distances
// look as they are) and which point lies under the mouse.

export interface MapFrame {
  /** Plot area in canvas pixels (CSS units). */
  readonly left: number;
  readonly top: number;
  readonly size: number;
  readonly centerX: number;
  readonly centerY: number;
  /** Map units per plot pixel. */
  readonly unitsPerPixel: number;
}

/** A frame that fits every finite point with a margin of 5%. */
export function fitFrame(
  points: ArrayLike<number>,
  count: number,
  left: number,
  top: number,
  size: number,
): MapFrame {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = points[2 * i] ?? NaN;
    const y = points[2 * i + 1] ?? NaN;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  if (minX > maxX) [minX, maxX, minY, maxY] = [-1, 1, -1, 1];
  const span = Math.max(maxX - minX, maxY - minY, 1e-9) * 1.1;
  return {
    left,
    top,
    size,
    centerX: (minX + maxX) / 2,
    centerY: (minY + maxY) / 2,
    unitsPerPixel: span / size,
  };
}

/** Canvas position of a map point; y grows upwards on the map. */
export function toCanvas(frame: MapFrame, x: number, y: number): [number, number] {
  return [
    frame.left + frame.size / 2 + (x - frame.centerX) / frame.unitsPerPixel,
    frame.top + frame.size / 2 - (y - frame.centerY) / frame.unitsPerPixel,
  ];
}

/** The point nearest to a canvas position within `radius` pixels, or -1. */
export function pointAt(
  frame: MapFrame,
  points: ArrayLike<number>,
  count: number,
  px: number,
  py: number,
  radius = 8,
): number {
  let best = -1;
  let bestD2 = radius * radius;
  for (let i = 0; i < count; i++) {
    const [cx, cy] = toCanvas(frame, points[2 * i] ?? NaN, points[2 * i + 1] ?? NaN);
    const d2 = (cx - px) ** 2 + (cy - py) ** 2;
    if (d2 <= bestD2) {
      best = i;
      bestD2 = d2;
    }
  }
  return best;
}
