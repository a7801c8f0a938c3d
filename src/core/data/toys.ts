// Seeded 2-D and 3-D toy distributions: small enough to plot every sample, with known structure
// (mixture modes, arms, a plane) that metrics and lectures can check a model against.

import type { Rng } from '../types/definition';

export type ToyName = 'ring8' | 'grid25' | 'spiral' | 'moons' | 'plane3d';

export const TOY_NAMES: readonly ToyName[] = ['ring8', 'grid25', 'spiral', 'moons', 'plane3d'];

export interface ToyInfo {
  readonly title: string;
  readonly dim: 2 | 3;
  /** Distinct labels: mixture components, spiral arms, moons; 1 where there is no grouping. */
  readonly classes: number;
  /** Centres of the mixture components, indexed by label (Gaussian mixtures only). */
  readonly modes?: readonly (readonly number[])[];
  /** Standard deviation of the noise around the underlying shape, per coordinate. */
  readonly std?: number;
}

export interface ToySample {
  /** `count * dim` coordinates, sample-major. */
  readonly points: Float32Array;
  readonly dim: 2 | 3;
  readonly labels: Int32Array;
}

const RING_RADIUS = 2;
const MIXTURE_STD = 0.02;
const SPIRAL_STD = 0.08;
const MOONS_STD = 0.05;

function ringModes(): number[][] {
  const modes: number[][] = [];
  for (let k = 0; k < 8; k++) {
    const angle = (2 * Math.PI * k) / 8;
    modes.push([RING_RADIUS * Math.cos(angle), RING_RADIUS * Math.sin(angle)]);
  }
  return modes;
}

function gridModes(): number[][] {
  const coords = [-4, -2, 0, 2, 4];
  // Row-major with x varying fastest: label = 5 * row + column.
  return coords.flatMap((y) => coords.map((x) => [x, y]));
}

type Vector3 = readonly [number, number, number];

/**
 * The plane behind `plane3d`: orthonormal axes inside it, their standard deviations (different, so
 * principal components have a definite order), and the unit normal along which the small noise lies.
 * A linear autoencoder with a 2-D code should recover the span of `axes`, as PCA does.
 */
export const PLANE3D: {
  readonly axes: readonly [Vector3, Vector3];
  readonly axisStd: readonly [number, number];
  readonly normal: Vector3;
  readonly noiseStd: number;
} = {
  axes: [
    [2 / 3, 1 / 3, -2 / 3],
    [-2 / 3, 2 / 3, -1 / 3],
  ],
  axisStd: [2, 1],
  normal: [1 / 3, 2 / 3, 2 / 3],
  noiseStd: 0.05,
};

export const TOY_INFO: Readonly<Record<ToyName, ToyInfo>> = {
  ring8: { title: 'Ring of 8 Gaussians', dim: 2, classes: 8, modes: ringModes(), std: MIXTURE_STD },
  grid25: { title: 'Grid of 25 Gaussians', dim: 2, classes: 25, modes: gridModes(), std: MIXTURE_STD },
  spiral: { title: 'Two-arm spiral', dim: 2, classes: 2, std: SPIRAL_STD },
  moons: { title: 'Two moons', dim: 2, classes: 2, std: MOONS_STD },
  plane3d: { title: 'Noisy plane in 3-D', dim: 3, classes: 1, std: PLANE3D.noiseStd },
};

export function isToyName(name: string): name is ToyName {
  return (TOY_NAMES as readonly string[]).includes(name);
}

function pickComponent(rng: Rng, count: number): number {
  // Guard against next() returning a value that rounds to 1 in float arithmetic.
  return Math.min(count - 1, Math.floor(rng.next() * count));
}

function sampleMixture(
  info: ToyInfo,
  count: number,
  rng: Rng,
  points: Float32Array,
  labels: Int32Array,
): void {
  const modes = info.modes ?? [];
  const std = info.std ?? 0;
  for (let i = 0; i < count; i++) {
    const k = pickComponent(rng, modes.length);
    const mode = modes[k] ?? [0, 0];
    points[2 * i] = (mode[0] ?? 0) + std * rng.normal();
    points[2 * i + 1] = (mode[1] ?? 0) + std * rng.normal();
    labels[i] = k;
  }
}

function sampleSpiral(count: number, rng: Rng, points: Float32Array, labels: Int32Array): void {
  // Archimedean arms of one and a half turns, the second rotated by half a turn. The square root
  // spreads samples evenly along the growing arm instead of crowding the centre.
  for (let i = 0; i < count; i++) {
    const arm = pickComponent(rng, 2);
    const t = 0.1 + 0.9 * Math.sqrt(rng.next());
    const angle = 3 * Math.PI * t + Math.PI * arm;
    const radius = 3.5 * t;
    points[2 * i] = radius * Math.cos(angle) + SPIRAL_STD * rng.normal();
    points[2 * i + 1] = radius * Math.sin(angle) + SPIRAL_STD * rng.normal();
    labels[i] = arm;
  }
}

function sampleMoons(count: number, rng: Rng, points: Float32Array, labels: Int32Array): void {
  // The usual interleaved half circles of radius 1, shifted so their joint centre is the origin.
  for (let i = 0; i < count; i++) {
    const moon = pickComponent(rng, 2);
    const angle = Math.PI * rng.next();
    const x = moon === 0 ? Math.cos(angle) : 1 - Math.cos(angle);
    const y = moon === 0 ? Math.sin(angle) : 0.5 - Math.sin(angle);
    points[2 * i] = x - 0.5 + MOONS_STD * rng.normal();
    points[2 * i + 1] = y - 0.25 + MOONS_STD * rng.normal();
    labels[i] = moon;
  }
}

function samplePlane(count: number, rng: Rng, points: Float32Array, labels: Int32Array): void {
  const [u, v] = PLANE3D.axes;
  const n = PLANE3D.normal;
  const [stdU, stdV] = PLANE3D.axisStd;
  for (let i = 0; i < count; i++) {
    const a = stdU * rng.normal();
    const b = stdV * rng.normal();
    const e = PLANE3D.noiseStd * rng.normal();
    points[3 * i] = a * u[0] + b * v[0] + e * n[0];
    points[3 * i + 1] = a * u[1] + b * v[1] + e * n[1];
    points[3 * i + 2] = a * u[2] + b * v[2] + e * n[2];
    labels[i] = 0;
  }
}

/** `count` samples of a toy distribution; the same rng state gives the same points. */
export function sampleToy(name: ToyName, count: number, rng: Rng): ToySample {
  if (!Number.isInteger(count) || count < 0) {
    throw new Error(`toy "${name}": sample count must be a whole number >= 0, got ${count}`);
  }
  const info = TOY_INFO[name];
  const points = new Float32Array(count * info.dim);
  const labels = new Int32Array(count);
  switch (name) {
    case 'ring8':
    case 'grid25':
      sampleMixture(info, count, rng, points, labels);
      break;
    case 'spiral':
      sampleSpiral(count, rng, points, labels);
      break;
    case 'moons':
      sampleMoons(count, rng, points, labels);
      break;
    case 'plane3d':
      samplePlane(count, rng, points, labels);
      break;
  }
  return { points, dim: info.dim, labels };
}
