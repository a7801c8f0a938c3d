// The latent map's frame: every point inside the plot with one scale for both axes, y upwards, and
// the point under the mouse found within a few pixels.
import { describe, expect, it } from 'vitest';
import { fitFrame, pointAt, toCanvas } from '../../src/app/views/map-geometry';

describe('map geometry', () => {
  const points = [0, 0, 10, 0, 10, 2, -5, 1];
  const frame = fitFrame(points, 4, 8, 40, 500);

  it('puts every point inside the plot, with equal scales on both axes', () => {
    for (let i = 0; i < 4; i++) {
      const [x, y] = toCanvas(frame, points[2 * i] ?? 0, points[2 * i + 1] ?? 0);
      expect(x).toBeGreaterThan(8);
      expect(x).toBeLessThan(508);
      expect(y).toBeGreaterThan(40);
      expect(y).toBeLessThan(540);
    }
    const [x0] = toCanvas(frame, 0, 0);
    const [x10] = toCanvas(frame, 10, 0);
    const [, y0] = toCanvas(frame, 0, 0);
    const [, y2] = toCanvas(frame, 0, 2);
    expect((x10 - x0) / 10).toBeCloseTo((y0 - y2) / 2, 10);
    // Larger y is higher up on the canvas.
    expect(y2).toBeLessThan(y0);
  });

  it('finds the point under the mouse, and none far from every point', () => {
    const [x, y] = toCanvas(frame, 10, 2);
    expect(pointAt(frame, points, 4, x + 3, y - 2)).toBe(2);
    expect(pointAt(frame, points, 4, x + 40, y + 40)).toBe(-1);
  });

  it('frames a map with no finite point without failing', () => {
    const empty = fitFrame([NaN, NaN], 1, 0, 0, 100);
    expect(Number.isFinite(empty.unitsPerPixel)).toBe(true);
    expect(pointAt(empty, [NaN, NaN], 1, 50, 50)).toBe(-1);
  });
});
