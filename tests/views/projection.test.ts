// The latent map's projections on small inputs: clusters stay apart under PCA, t-SNE and UMAP
// (their 5-NN accuracy says so), a seed repeats a map, 2-D codings are shown as they are, progress
// rises to 1, bad input is refused in words, and the fast 5-NN score equals knnAccuracy's.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/data/rng';
import { knnAccuracy } from '../../src/core/metrics';
import { mapNeighbourAccuracy } from '../../src/core/views/map-accuracy';
import { type ProjectionProgress, projectCodings } from '../../src/core/views/projection';

/** `perClass` points around each of three far-apart centres in `dim` dimensions, classes interleaved. */
function clusters(perClass: number, dim: number, seed = 3) {
  const rng = createRng(seed);
  const count = perClass * 3;
  const codings = new Float32Array(count * dim);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % 3;
    labels[i] = label;
    for (let j = 0; j < dim; j++) codings[i * dim + j] = (j % 3 === label ? 6 : 0) + rng.normal() * 0.5;
  }
  return { codings, labels, count, dim };
}

describe('projectCodings', () => {
  it('PCA keeps three clusters apart and scores 1 on 5-NN', async () => {
    const data = clusters(20, 8);
    const result = await projectCodings({ ...data, method: 'pca', seed: 1 });
    expect(result.method).toBe('pca');
    expect(result.points.length).toBe(2 * data.count);
    expect(result.knnAccuracy).toBe(1);
  });

  it('t-SNE separates the clusters, reports rising progress, and repeats for the same seed', async () => {
    const data = clusters(20, 8);
    const seen: ProjectionProgress[] = [];
    const request = { ...data, method: 'tsne' as const, seed: 5, iterations: 150 };
    const result = await projectCodings(request, (p) => seen.push(p));
    expect(result.method).toBe('tsne');
    expect(result.count).toBe(data.count);
    expect([...result.points].every(Number.isFinite)).toBe(true);
    expect(result.knnAccuracy).toBeGreaterThanOrEqual(0.95);
    const fractions = seen.map((p) => p.fraction);
    expect(fractions.every((f, i) => i === 0 || f >= (fractions[i - 1] ?? 0))).toBe(true);
    expect(fractions.at(-1)).toBe(1);
    expect(seen.some((p) => p.stage.startsWith('t-SNE: iteration'))).toBe(true);
    const again = await projectCodings(request);
    expect([...again.points]).toEqual([...result.points]);
    const other = await projectCodings({ ...request, seed: 6 });
    expect([...other.points]).not.toEqual([...result.points]);
  });

  it('UMAP separates the clusters', async () => {
    const data = clusters(20, 8);
    const result = await projectCodings({ ...data, method: 'umap', seed: 2, iterations: 60 });
    expect(result.method).toBe('umap');
    expect(result.points.length).toBe(2 * data.count);
    expect(result.knnAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('shows 2-D codings as they are, whatever method is asked', async () => {
    const data = clusters(4, 2);
    const result = await projectCodings({ ...data, method: 'tsne', seed: 1 });
    expect(result.method).toBe('direct');
    expect([...result.points]).toEqual([...data.codings]);
  });

  it('has no 5-NN figure without labels', async () => {
    const data = clusters(4, 5);
    const result = await projectCodings({ ...data, labels: null, method: 'pca', seed: 1 });
    expect(result.knnAccuracy).toBeNull();
  });

  it('refuses codings that are not finite or too few values, saying which', async () => {
    const data = clusters(4, 5);
    const broken = data.codings.slice();
    broken[7] = NaN;
    await expect(projectCodings({ ...data, codings: broken, method: 'pca', seed: 1 })).rejects.toThrow(
      'Coding 1 holds a value that is not finite',
    );
    await expect(
      projectCodings({ ...data, codings: data.codings.subarray(0, 10), method: 'pca', seed: 1 }),
    ).rejects.toThrow('10 values are too few for 12 codings of 5');
  });
});

describe('mapNeighbourAccuracy', () => {
  it.each([
    [2, 5],
    [2, 3],
    [5, 5],
  ])('equals knnAccuracy in %i dimensions with k = %i, ties included', (dim, k) => {
    const rng = createRng(dim * 10 + k);
    const count = 150;
    // Points on a coarse integer grid make many equal distances, so tie-breaking is exercised.
    const points = Float32Array.from({ length: count * dim }, () => Math.floor(rng.next() * 4));
    const labels = Int32Array.from({ length: count }, () => Math.floor(rng.next() * 3));
    const fast = mapNeighbourAccuracy(points, labels, dim, k);
    expect(fast).toBe(knnAccuracy(points, labels, dim, k));
    expect(fast).toBeGreaterThan(0);
  });

  it('scores separated classes 1 and shuffled ones near chance', () => {
    const { codings, labels, count } = clusters(30, 2);
    expect(mapNeighbourAccuracy(codings, labels, 2)).toBe(1);
    const shuffled = Int32Array.from({ length: count }, (_, i) => Math.floor(i / 3) % 3);
    expect(mapNeighbourAccuracy(codings, shuffled, 2)).toBeLessThan(0.6);
  });
});
