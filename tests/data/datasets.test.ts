import { describe, expect, it } from 'vitest';
import {
  DATASETS,
  IMAGE_BYTES,
  batchFromIndices,
  createBatchSampler,
  dataFileNames,
  fixedBatch,
  isDatasetName,
  parseDataset,
  type ImageDataset,
} from '../../src/core/data/datasets';
import { createRng } from '../../src/core/data/rng';

/** A dataset whose image i has pixel 0 = i % 256 and pixel 1 = i >> 8, so batches reveal their indices. */
function syntheticDataset(labels: readonly number[]): ImageDataset {
  const images = new Uint8Array(labels.length * IMAGE_BYTES);
  labels.forEach((_, i) => {
    images[i * IMAGE_BYTES] = i % 256;
    images[i * IMAGE_BYTES + 1] = i >> 8;
    images[i * IMAGE_BYTES + 2] = 255;
  });
  return parseDataset('mnist', 'train', images, Uint8Array.from(labels));
}

function indexOfRow(images: Float32Array, row: number): number {
  const low = Math.round((images[row * IMAGE_BYTES] ?? 0) * 255);
  const high = Math.round((images[row * IMAGE_BYTES + 1] ?? 0) * 255);
  return low + 256 * high;
}

describe('dataset catalogue', () => {
  it('lists MNIST at 800/200 and Fashion-MNIST at 6000/1000 images per class', () => {
    expect(DATASETS.mnist).toMatchObject({ classes: 10, trainPerClass: 800, testPerClass: 200 });
    expect(DATASETS.fashion).toMatchObject({ classes: 10, trainPerClass: 6000, testPerClass: 1000 });
    expect(DATASETS.fashion.classNames).toHaveLength(10);
    expect(DATASETS.fashion.classNames[9]).toBe('Ankle boot');
    expect(DATASETS.mnist.imageShape).toEqual([28, 28, 1]);
  });

  it('names the prepared files after dataset and split', () => {
    expect(dataFileNames('mnist', 'train')).toEqual({
      images: 'mnist-train-images.u8',
      labels: 'mnist-train-labels.u8',
    });
    expect(dataFileNames('fashion', 'test').labels).toBe('fashion-test-labels.u8');
  });

  it('recognises dataset names', () => {
    expect(isDatasetName('fashion')).toBe(true);
    expect(isDatasetName('cifar')).toBe(false);
  });
});

describe('parseDataset', () => {
  it('wraps valid bytes without copying them and counts the images', () => {
    const buffer = new ArrayBuffer(3 * IMAGE_BYTES);
    const dataset = parseDataset('fashion', 'test', buffer, Uint8Array.from([0, 9, 4]));
    expect(dataset).toMatchObject({ name: 'fashion', split: 'test', count: 3, classes: 10 });
    expect(dataset.images.buffer).toBe(buffer);
  });

  it('hands out a plain Uint8Array when given a Node Buffer', () => {
    const dataset = parseDataset('mnist', 'test', Buffer.alloc(IMAGE_BYTES), Buffer.from([1]));
    expect(Object.getPrototypeOf(dataset.images)).toBe(Uint8Array.prototype);
    expect(Object.getPrototypeOf(dataset.labels)).toBe(Uint8Array.prototype);
  });

  it('rejects an image file that is not a whole number of images, naming the file', () => {
    expect(() => parseDataset('mnist', 'train', new Uint8Array(IMAGE_BYTES + 5), new Uint8Array(1))).toThrow(
      /mnist-train-images\.u8: 789 bytes is not a whole number of 28x28 images \(784 bytes each\)/,
    );
  });

  it('rejects a label file whose count differs from the image count, naming the labels file', () => {
    expect(() =>
      parseDataset('fashion', 'train', new Uint8Array(2 * IMAGE_BYTES), new Uint8Array(3)),
    ).toThrow(/fashion-train-labels\.u8: holds 3 labels but fashion-train-images\.u8 holds 2 images/);
  });

  it('rejects a label that is not a class, naming the index', () => {
    expect(() =>
      parseDataset('mnist', 'test', new Uint8Array(3 * IMAGE_BYTES), Uint8Array.from([0, 1, 10])),
    ).toThrow(/mnist-test-labels\.u8: label 10 at index 2 is not a class of mnist \(0\.\.9\)/);
  });
});

describe('batchFromIndices', () => {
  it('scales pixels to [0, 1], keeps NHWC layout and returns Int32 labels', () => {
    const dataset = syntheticDataset([3, 1, 4]);
    const batch = batchFromIndices(dataset, [2, 0]);
    expect(batch.size).toBe(2);
    expect(batch.images).toHaveLength(2 * IMAGE_BYTES);
    expect(batch.labels).toBeInstanceOf(Int32Array);
    expect(Array.from(batch.labels)).toEqual([4, 3]);
    expect(batch.images[0]).toBeCloseTo(2 / 255, 7);
    expect(batch.images[2]).toBe(1);
    expect(batch.imageShape).toEqual([28, 28, 1]);
    expect(batch.classes).toBe(10);
  });

  it('throws on an index outside the dataset', () => {
    expect(() => batchFromIndices(syntheticDataset([0, 1]), [2])).toThrow(/index 2 is outside 0\.\.1/);
  });
});

describe('createBatchSampler', () => {
  const labels = Array.from({ length: 103 }, (_, i) => i % 10);

  it('hands out every index exactly once per epoch, also across batch boundaries', () => {
    const sampler = createBatchSampler(syntheticDataset(labels), createRng(1));
    const drawn: number[] = [];
    // 103 is not a multiple of 10, so batches straddle the end of each epoch.
    for (let i = 0; i < 31; i++) drawn.push(...sampler.nextIndices(10));
    const epochs = [drawn.slice(0, 103), drawn.slice(103, 206), drawn.slice(206, 309)];
    for (const epoch of epochs) expect([...epoch].sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
    expect(epochs[0]).not.toEqual(epochs[1]);
    expect(sampler.epoch).toBe(3);
  });

  it('counts an epoch as done only once its last index is out', () => {
    const sampler = createBatchSampler(syntheticDataset([0, 1, 2, 3]), createRng(2));
    expect(sampler.epoch).toBe(0);
    sampler.nextIndices(3);
    expect(sampler.epoch).toBe(0);
    sampler.nextIndices(1);
    expect(sampler.epoch).toBe(1);
    sampler.nextIndices(9);
    expect(sampler.epoch).toBe(3);
  });

  it('repeats the same order for the same seed and differs for another seed', () => {
    const dataset = syntheticDataset(labels);
    const a = createBatchSampler(dataset, createRng(5)).nextIndices(50);
    const b = createBatchSampler(dataset, createRng(5)).nextIndices(50);
    const c = createBatchSampler(dataset, createRng(6)).nextIndices(50);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('returns batches whose pixels and labels belong to the drawn images', () => {
    const dataset = syntheticDataset(labels);
    const indices = createBatchSampler(dataset, createRng(7)).nextIndices(16);
    const batch = createBatchSampler(dataset, createRng(7)).next(16);
    for (let row = 0; row < 16; row++) {
      expect(indexOfRow(batch.images, row)).toBe(indices[row]);
      expect(batch.labels[row]).toBe(labels[indices[row] ?? 0]);
    }
  });

  it('serves a batch larger than the dataset by running through several epochs', () => {
    const batch = createBatchSampler(syntheticDataset([0, 1, 2]), createRng(3)).nextIndices(7);
    const counts = [0, 0, 0];
    for (const index of batch) counts[index]! += 1;
    expect(counts.every((c) => c >= 2 && c <= 3)).toBe(true);
  });

  it('rejects an empty dataset and a batch size below 1', () => {
    const empty = parseDataset('mnist', 'train', new Uint8Array(0), new Uint8Array(0));
    expect(() => createBatchSampler(empty, createRng(1))).toThrow(/empty dataset/);
    const sampler = createBatchSampler(syntheticDataset([0]), createRng(1));
    expect(() => sampler.next(0)).toThrow(/batch size/);
    expect(() => sampler.next(2.5)).toThrow(/batch size/);
  });
});

describe('fixedBatch', () => {
  it('takes the first image of each class in class order, then the second of each', () => {
    // Labels deliberately unsorted and uneven: class 2 has one image only.
    const labels = [1, 0, 0, 2, 1, 0, 1, 3, 3];
    const dataset = syntheticDataset(labels);
    const batch = fixedBatch({ ...dataset, classes: 4 }, 7);
    const indices = Array.from({ length: batch.size }, (_, row) => indexOfRow(batch.images, row));
    expect(indices).toEqual([1, 0, 3, 7, 2, 4, 8]);
    expect(Array.from(batch.labels)).toEqual([0, 1, 2, 3, 0, 1, 3]);
  });

  it('is class-balanced on a balanced dataset and the same every call', () => {
    const labels = Array.from({ length: 200 }, (_, i) => (i * 7) % 10);
    const dataset = syntheticDataset(labels);
    const batch = fixedBatch(dataset, 30);
    const perClass = new Array<number>(10).fill(0);
    for (const label of batch.labels) perClass[label]! += 1;
    expect(perClass).toEqual(new Array<number>(10).fill(3));
    expect(fixedBatch(dataset, 30).images).toEqual(batch.images);
  });

  it('returns the whole dataset when asked for more images than it holds', () => {
    expect(fixedBatch(syntheticDataset([0, 1, 1]), 10).size).toBe(3);
  });
});
