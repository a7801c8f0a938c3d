// Source nodes: output types from params, batches read from datasets or drawn from the seeded rng.

import { beforeAll, describe, expect, it } from 'vitest';
import { classSource, datasetSource, noiseSource, realFakeLabels, toySource } from '../../nodes/sources';
import { createRng } from '../../src/core/data/rng';
import { sampleToy } from '../../src/core/data/toys';
import { inferNode } from '../../src/core/infer/context';
import type { AnyNodeDefinition, DataBatch } from '../../src/core/types/definition';
import type { ParamValue } from '../../src/core/types/params';
import { labelsType, tensorType } from '../../src/core/types/ports';
import { runNode, useCpu, values, withoutLeaks } from './run-harness';

beforeAll(useCpu);

const infer = (def: AnyNodeDefinition, params: Record<string, ParamValue> = {}) =>
  inferNode(def, { nodeId: 's', params, inputs: {} });

/** Runs a source, reads every output and disposes them. */
async function read(
  def: AnyNodeDefinition,
  run: Parameters<typeof runNode>[1],
): Promise<Record<string, { shape: number[]; dtype: string; values: number[] }>> {
  const outputs = runNode(def, run);
  const result: Record<string, { shape: number[]; dtype: string; values: number[] }> = {};
  for (const [port, t] of Object.entries(outputs)) {
    result[port] = { shape: t.shape, dtype: t.dtype, values: await values(t) };
    t.dispose();
  }
  return result;
}

describe('dataset source', () => {
  it('outputs images [B,28,28,1] and labels of 10 classes', () => {
    expect(infer(datasetSource, { dataset: 'fashion' }).outputs).toEqual({
      images: tensorType([28, 28, 1]),
      labels: labelsType(10),
    });
  });

  it('asks for the chosen dataset to be loaded', () => {
    const build = datasetSource.build;
    expect(
      build.role === 'source' && build.datasets?.({ dataset: 'fashion', fraction: 1, classes: '' }),
    ).toEqual(['fashion']);
  });

  it('asks for a share of the train split when its fraction is below 1, and for all of it at 1', async () => {
    const batch = (label: number): DataBatch => ({
      images: new Float32Array(784),
      labels: Int32Array.from([label]),
      size: 1,
      imageShape: [28, 28, 1],
      classes: 10,
    });
    const datasets = { fashion: batch(1), 'fashion@0.01': batch(2) };
    await withoutLeaks(async () => {
      const share = await read(datasetSource, { params: { dataset: 'fashion', fraction: 0.01 }, datasets });
      expect(share.labels?.values).toEqual([2]);
      const all = await read(datasetSource, { params: { dataset: 'fashion', fraction: 1 }, datasets });
      expect(all.labels?.values).toEqual([1]);
    });
  });

  it('turns the step batch into an image tensor and int32 labels', async () => {
    const size = 3;
    const images = Float32Array.from({ length: size * 784 }, (_, i) => (i % 255) / 255);
    const batch: DataBatch = {
      images,
      labels: Int32Array.from([7, 0, 3]),
      size,
      imageShape: [28, 28, 1],
      classes: 10,
    };
    await withoutLeaks(async () => {
      const out = await read(datasetSource, { datasets: { mnist: batch }, batchSize: 64 });
      expect(out.images?.shape).toEqual([3, 28, 28, 1]);
      expect(out.images?.values).toEqual(Array.from(images));
      expect(out.labels).toEqual({ shape: [3], dtype: 'int32', values: [7, 0, 3] });
    });
  });
});

describe('toy source', () => {
  it('outputs 2-D or 3-D points and as many label classes as the distribution has', () => {
    expect(infer(toySource, { distribution: 'ring8' }).outputs).toEqual({
      points: tensorType([2]),
      labels: labelsType(8),
    });
    expect(infer(toySource, { distribution: 'plane3d' }).outputs).toEqual({
      points: tensorType([3]),
      labels: labelsType(1),
    });
  });

  it('draws the same points as the toy sampler with the same seed', async () => {
    const expected = sampleToy('moons', 6, createRng(9));
    await withoutLeaks(async () => {
      const out = await read(toySource, { params: { distribution: 'moons' }, batchSize: 6, seed: 9 });
      expect(out.points?.shape).toEqual([6, 2]);
      expect(out.points?.values).toEqual(Array.from(expected.points));
      expect(out.labels?.values).toEqual(Array.from(expected.labels));
    });
  });
});

describe('latent noise', () => {
  it('outputs vectors of the chosen length', () => {
    expect(infer(noiseSource, { dim: 32 }).outputs).toEqual({ out: tensorType([32]) });
  });

  it('draws standard normals from the seeded rng', async () => {
    const rng = createRng(4);
    const expected = Array.from({ length: 6 }, () => Math.fround(rng.normal()));
    await withoutLeaks(async () => {
      const out = await read(noiseSource, { params: { dim: 3 }, batchSize: 2, seed: 4 });
      expect(out.out?.shape).toEqual([2, 3]);
      expect(out.out?.values).toEqual(expected);
    });
  });

  it('draws uniform noise between -1 and 1', async () => {
    await withoutLeaks(async () => {
      const out = await read(noiseSource, { params: { dim: 50, distribution: 'uniform' }, batchSize: 40 });
      const drawn = out.out?.values ?? [];
      expect(drawn.every((v) => v >= -1 && v < 1)).toBe(true);
      expect(Math.min(...drawn)).toBeLessThan(-0.95);
      expect(Math.max(...drawn)).toBeGreaterThan(0.95);
    });
  });
});

describe('class picker', () => {
  it('cycles through all classes when class is -1', async () => {
    await withoutLeaks(async () => {
      const out = await read(classSource, { params: { classes: 10, class: -1 }, batchSize: 12 });
      expect(out.labels).toEqual({
        shape: [12],
        dtype: 'int32',
        values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1],
      });
    });
  });

  it('repeats a fixed class', async () => {
    await withoutLeaks(async () => {
      const out = await read(classSource, { params: { class: 3 }, batchSize: 4 });
      expect(out.labels?.values).toEqual([3, 3, 3, 3]);
    });
  });

  it('outputs labels of the chosen number of classes and rejects a class beyond them', () => {
    expect(infer(classSource, { classes: 4 }).outputs).toEqual({ labels: labelsType(4) });
    const bad = infer(classSource, { classes: 10, class: 10 });
    expect(bad.issues[0]?.code).toBe('E_BAD_PARAM');
    expect(bad.issues[0]?.param).toBe('class');
  });
});

describe('real/fake targets', () => {
  it('outputs one target per sample [B,1]', () => {
    expect(infer(realFakeLabels).outputs).toEqual({ out: tensorType([1]) });
  });

  it('gives 1 - smoothing for real and 0 for fake', async () => {
    await withoutLeaks(async () => {
      const real = await read(realFakeLabels, { params: { value: 'real', smoothing: 0.1 }, batchSize: 3 });
      expect(real.out?.shape).toEqual([3, 1]);
      real.out?.values.forEach((v) => expect(v).toBeCloseTo(0.9, 6));
      const fake = await read(realFakeLabels, { params: { value: 'fake', smoothing: 0.1 }, batchSize: 3 });
      expect(fake.out?.values).toEqual([0, 0, 0]);
    });
  });
});
