import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/data/rng';
import { PLANE3D, TOY_INFO, TOY_NAMES, isToyName, sampleToy, type ToyName } from '../../src/core/data/toys';

function point(points: Float32Array, dim: number, i: number): number[] {
  return Array.from(points.subarray(i * dim, (i + 1) * dim));
}

function nearestMode(
  p: readonly number[],
  modes: readonly (readonly number[])[],
): { index: number; distance: number } {
  let best = { index: -1, distance: Infinity };
  modes.forEach((mode, index) => {
    const distance = Math.hypot((p[0] ?? 0) - (mode[0] ?? 0), (p[1] ?? 0) - (mode[1] ?? 0));
    if (distance < best.distance) best = { index, distance };
  });
  return best;
}

function dot(a: readonly number[], b: readonly number[]): number {
  return a.reduce((s, v, i) => s + v * (b[i] ?? 0), 0);
}

describe('sampleToy', () => {
  it.each(TOY_NAMES)('gives %s the same points for the same seed and other points for another', (name) => {
    const a = sampleToy(name, 200, createRng(4));
    const b = sampleToy(name, 200, createRng(4));
    const c = sampleToy(name, 200, createRng(5));
    expect(a.points).toEqual(b.points);
    expect(a.labels).toEqual(b.labels);
    expect(a.points).not.toEqual(c.points);
    expect(a.dim).toBe(TOY_INFO[name].dim);
    expect(a.points.length).toBe(200 * a.dim);
    expect(a.points.every(Number.isFinite)).toBe(true);
    expect(a.labels.every((l) => l >= 0 && l < TOY_INFO[name].classes)).toBe(true);
  });

  it('places every ring8 point within 10 std of the mode its label names, and hits all 8 modes', () => {
    const info = TOY_INFO.ring8;
    const modes = info.modes ?? [];
    expect(modes).toHaveLength(8);
    for (const mode of modes) expect(Math.hypot(mode[0] ?? 0, mode[1] ?? 0)).toBeCloseTo(2, 6);
    const { points, labels } = sampleToy('ring8', 800, createRng(1));
    const hits = new Set<number>();
    for (let i = 0; i < 800; i++) {
      const nearest = nearestMode(point(points, 2, i), modes);
      expect(nearest.distance).toBeLessThan(10 * (info.std ?? 0));
      expect(nearest.index).toBe(labels[i]);
      hits.add(nearest.index);
    }
    expect(hits.size).toBe(8);
  });

  it('lays out grid25 modes on {-4,-2,0,2,4}^2 and hits all 25 with tight clusters', () => {
    const info = TOY_INFO.grid25;
    const modes = info.modes ?? [];
    expect(modes).toHaveLength(25);
    const keys = new Set(modes.map((m) => m.join(',')));
    for (const x of [-4, -2, 0, 2, 4])
      for (const y of [-4, -2, 0, 2, 4]) expect(keys.has(`${x},${y}`)).toBe(true);
    const { points, labels } = sampleToy('grid25', 2500, createRng(2));
    const hits = new Set<number>();
    let squared = 0;
    for (let i = 0; i < 2500; i++) {
      const nearest = nearestMode(point(points, 2, i), modes);
      expect(nearest.index).toBe(labels[i]);
      squared += nearest.distance ** 2;
      hits.add(nearest.index);
    }
    expect(hits.size).toBe(25);
    // Mean squared distance to the mode is 2 std^2 for an isotropic 2-D Gaussian.
    expect(Math.sqrt(squared / 2500 / 2)).toBeCloseTo(info.std ?? 0, 2);
  });

  it('keeps plane3d points close to the plane and spread along both axes', () => {
    const count = 2000;
    const { points } = sampleToy('plane3d', count, createRng(3));
    const along = [0, 0];
    let normalSquared = 0;
    for (let i = 0; i < count; i++) {
      const p = point(points, 3, i);
      const offPlane = dot(p, PLANE3D.normal);
      expect(Math.abs(offPlane)).toBeLessThan(6 * PLANE3D.noiseStd);
      normalSquared += offPlane ** 2;
      along[0]! += dot(p, PLANE3D.axes[0]) ** 2;
      along[1]! += dot(p, PLANE3D.axes[1]) ** 2;
    }
    expect(Math.sqrt(normalSquared / count)).toBeCloseTo(PLANE3D.noiseStd, 2);
    expect(Math.sqrt(along[0]! / count)).toBeCloseTo(PLANE3D.axisStd[0], 0);
    expect(Math.sqrt(along[1]! / count)).toBeCloseTo(PLANE3D.axisStd[1], 0);
  });

  it('describes the plane by an orthonormal basis', () => {
    const [u, v] = PLANE3D.axes;
    const n = PLANE3D.normal;
    for (const [a, b, expected] of [
      [u, u, 1],
      [v, v, 1],
      [n, n, 1],
      [u, v, 0],
      [u, n, 0],
      [v, n, 0],
    ] as const) {
      expect(dot(a, b)).toBeCloseTo(expected, 10);
    }
  });

  it('labels spiral points by arm, the arms being half a turn apart and separable', () => {
    const count = 1000;
    const { points, labels } = sampleToy('spiral', count, createRng(6));
    const perArm = [0, 0];
    let sameArmNeighbour = 0;
    for (let i = 0; i < count; i++) {
      const x = points[2 * i] ?? 0;
      const y = points[2 * i + 1] ?? 0;
      perArm[labels[i] ?? 0]! += 1;
      expect(Math.hypot(x, y)).toBeLessThan(3.5 + 5 * (TOY_INFO.spiral.std ?? 0));
      // Rotating a point by half a turn lands on the other arm; its nearest neighbour otherwise
      // lies on its own arm.
      let rotatedToOther = Infinity;
      let nearest = { distance: Infinity, label: -1 };
      for (let j = 0; j < count; j++) {
        if (j === i) continue;
        const ox = points[2 * j] ?? 0;
        const oy = points[2 * j + 1] ?? 0;
        if (labels[j] !== labels[i]) rotatedToOther = Math.min(rotatedToOther, Math.hypot(x + ox, y + oy));
        const distance = Math.hypot(x - ox, y - oy);
        if (distance < nearest.distance) nearest = { distance, label: labels[j] ?? -1 };
      }
      expect(rotatedToOther).toBeLessThan(0.8);
      if (nearest.label === labels[i]) sameArmNeighbour++;
    }
    expect(perArm[0]).toBeGreaterThan(400);
    expect(perArm[1]).toBeGreaterThan(400);
    expect(sameArmNeighbour / count).toBeGreaterThan(0.95);
  });

  it('labels the upper and the lower moon and centres the pair at the origin', () => {
    const { points, labels } = sampleToy('moons', 2000, createRng(9));
    let sumX = 0;
    let sumY = 0;
    const meanY = [0, 0];
    const perMoon = [0, 0];
    for (let i = 0; i < 2000; i++) {
      const [x, y] = point(points, 2, i);
      sumX += x ?? 0;
      sumY += y ?? 0;
      meanY[labels[i] ?? 0]! += y ?? 0;
      perMoon[labels[i] ?? 0]! += 1;
    }
    expect(Math.abs(sumX / 2000)).toBeLessThan(0.05);
    expect(Math.abs(sumY / 2000)).toBeLessThan(0.05);
    // The upper moon (label 0) lies above the lower one on average.
    expect(meanY[0]! / perMoon[0]!).toBeGreaterThan(0.3);
    expect(meanY[1]! / perMoon[1]!).toBeLessThan(-0.3);
  });

  it('rejects a negative or fractional sample count', () => {
    expect(() => sampleToy('ring8', -1, createRng(1))).toThrow(/sample count/);
    expect(() => sampleToy('moons', 2.5, createRng(1))).toThrow(/sample count/);
    expect(sampleToy('ring8', 0, createRng(1)).points).toHaveLength(0);
  });

  it('recognises toy names', () => {
    expect(TOY_NAMES.every((name: ToyName) => isToyName(name))).toBe(true);
    expect(isToyName('mnist')).toBe(false);
  });
});
