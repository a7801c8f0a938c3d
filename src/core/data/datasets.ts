// The image dataset catalogue, its in-memory form and batching; shared by Node (fs) and the
// browser (fetch), which both hand the raw bytes of the prepared files to parseDataset.

import type { DataBatch, DataSubset, Rng } from '../types/definition';
import { shuffleInPlace } from './rng';

export type DatasetName = 'mnist' | 'fashion';
export type DataSplit = 'train' | 'test';

export const DATASET_NAMES: readonly DatasetName[] = ['mnist', 'fashion'];
export const DATA_SPLITS: readonly DataSplit[] = ['train', 'test'];

export type ImageShape = readonly [28, 28, 1];
export const IMAGE_SHAPE: ImageShape = [28, 28, 1];
/** Bytes per image in the prepared files (one uint8 per pixel). */
export const IMAGE_BYTES = 28 * 28 * 1;

export interface DatasetInfo {
  readonly title: string;
  readonly classes: 10;
  readonly classNames: readonly string[];
  readonly imageShape: ImageShape;
  /** Images per class in the train split when the source has enough valid records. */
  readonly trainPerClass: number;
  readonly testPerClass: number;
}

export const DATASETS: Readonly<Record<DatasetName, DatasetInfo>> = {
  mnist: {
    title: 'MNIST digits',
    classes: 10,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    imageShape: IMAGE_SHAPE,
    trainPerClass: 800,
    testPerClass: 200,
  },
  fashion: {
    title: 'Fashion-MNIST',
    classes: 10,
    classNames: [
      'T-shirt/top',
      'Trouser',
      'Pullover',
      'Dress',
      'Coat',
      'Sandal',
      'Shirt',
      'Sneaker',
      'Bag',
      'Ankle boot',
    ],
    imageShape: IMAGE_SHAPE,
    trainPerClass: 6000,
    testPerClass: 1000,
  },
};

export function isDatasetName(name: string): name is DatasetName {
  return (DATASET_NAMES as readonly string[]).includes(name);
}

/** A whole split in memory: uint8 pixels as stored, converted to floats only per batch. */
export interface ImageDataset {
  readonly name: DatasetName;
  readonly split: DataSplit;
  readonly count: number;
  readonly imageShape: ImageShape;
  readonly classes: number;
  /** `count * 784` pixels 0..255, image-major, row-major inside an image. */
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

/** File names of a prepared split inside the data folder. */
export function dataFileNames(name: DatasetName, split: DataSplit): { images: string; labels: string } {
  return { images: `${name}-${split}-images.u8`, labels: `${name}-${split}-labels.u8` };
}

function asBytes(data: ArrayBuffer | Uint8Array): Uint8Array {
  // A Node Buffer is a Uint8Array subclass with different slice semantics; hand out a plain view.
  return data instanceof Uint8Array
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : new Uint8Array(data);
}

/** Checks the raw bytes of a prepared split and wraps them (no copy). Throws naming file and problem. */
export function parseDataset(
  name: DatasetName,
  split: DataSplit,
  images: ArrayBuffer | Uint8Array,
  labels: ArrayBuffer | Uint8Array,
): ImageDataset {
  const files = dataFileNames(name, split);
  const info = DATASETS[name];
  const imageBytes = asBytes(images);
  const labelBytes = asBytes(labels);
  if (imageBytes.length % IMAGE_BYTES !== 0) {
    throw new Error(
      `${files.images}: ${imageBytes.length} bytes is not a whole number of 28x28 images ` +
        `(${IMAGE_BYTES} bytes each); the file is damaged, run \`npm run data\` again`,
    );
  }
  const count = imageBytes.length / IMAGE_BYTES;
  if (labelBytes.length !== count) {
    throw new Error(
      `${files.labels}: holds ${labelBytes.length} labels but ${files.images} holds ${count} images; ` +
        'run `npm run data` again',
    );
  }
  const bad = labelBytes.findIndex((label) => label >= info.classes);
  if (bad >= 0) {
    throw new Error(
      `${files.labels}: label ${labelBytes[bad]} at index ${bad} is not a class of ${name} ` +
        `(0..${info.classes - 1}); run \`npm run data\` again`,
    );
  }
  return {
    name,
    split,
    count,
    imageShape: info.imageShape,
    classes: info.classes,
    images: imageBytes,
    labels: labelBytes,
  };
}

// ---------------------------------------------------------------- batching

const BYTE_TO_UNIT = Float32Array.from({ length: 256 }, (_, value) => value / 255);

/** The images at `indices`, in that order, as a batch of floats in [0, 1]. */
export function batchFromIndices(dataset: ImageDataset, indices: ArrayLike<number>): DataBatch {
  const size = indices.length;
  const images = new Float32Array(size * IMAGE_BYTES);
  const labels = new Int32Array(size);
  for (let row = 0; row < size; row++) {
    const index = indices[row] ?? 0;
    if (!(index >= 0 && index < dataset.count)) {
      throw new Error(
        `${dataset.name} ${dataset.split}: image index ${index} is outside 0..${dataset.count - 1}`,
      );
    }
    const source = index * IMAGE_BYTES;
    const target = row * IMAGE_BYTES;
    for (let p = 0; p < IMAGE_BYTES; p++) {
      images[target + p] = BYTE_TO_UNIT[dataset.images[source + p] ?? 0] ?? 0;
    }
    labels[row] = dataset.labels[index] ?? 0;
  }
  return { images, labels, size, imageShape: dataset.imageShape, classes: dataset.classes };
}

export interface BatchSampler {
  /** The next `batchSize` images of the seeded order. */
  next(batchSize: number): DataBatch;
  /** The indices `next` would have used, advancing the same way (for tests and metrics). */
  nextIndices(batchSize: number): Int32Array;
  /** Completed passes over the dataset. */
  readonly epoch: number;
}

/**
 * Batches drawn without replacement: each epoch is a fresh seeded shuffle of all indices (or of
 * `pool`, a fixed subset of them), and a batch that crosses the end of an epoch continues into the
 * next one.
 */
export function createBatchSampler(dataset: ImageDataset, rng: Rng, pool?: ArrayLike<number>): BatchSampler {
  const members = pool ?? Int32Array.from({ length: dataset.count }, (_, i) => i);
  if (members.length === 0)
    throw new Error(`${dataset.name} ${dataset.split}: cannot sample from an empty dataset`);
  const order = new Int32Array(members.length);
  let position = order.length; // forces a shuffle on the first draw
  let shuffles = 0;

  const nextIndices = (batchSize: number): Int32Array => {
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new Error(`batch size must be a whole number >= 1, got ${batchSize}`);
    }
    const indices = new Int32Array(batchSize);
    for (let i = 0; i < batchSize; i++) {
      if (position === order.length) {
        for (let k = 0; k < order.length; k++) order[k] = members[k] ?? 0;
        shuffleInPlace(order, rng);
        position = 0;
        shuffles++;
      }
      indices[i] = order[position] ?? 0;
      position++;
    }
    return indices;
  };

  return {
    nextIndices,
    next: (batchSize) => batchFromIndices(dataset, nextIndices(batchSize)),
    get epoch() {
      // The current epoch counts once its last index has been handed out.
      return position === order.length ? shuffles : shuffles - 1;
    },
  };
}

/**
 * A seeded class-balanced share of a dataset: `fraction` of each class's images, rounded, at least
 * one per class that has any; with `classes`, only images of those classes. The same seed gives
 * the same images.
 */
export function balancedSubset(
  dataset: ImageDataset,
  fraction: number,
  rng: Rng,
  classes?: readonly number[],
): Int32Array {
  if (!(fraction > 0 && fraction <= 1))
    throw new Error(`a share of a dataset must lie in (0, 1], got ${fraction}`);
  const chosen: number[] = [];
  for (const members of indicesByClass(dataset, classes)) {
    if (members.length === 0) continue;
    const order = Int32Array.from(members);
    shuffleInPlace(order, rng);
    const keep = Math.max(1, Math.round(members.length * fraction));
    chosen.push(...order.subarray(0, keep));
  }
  return Int32Array.from(chosen.sort((a, b) => a - b));
}

/** The image indices of each class in order; classes left out of `keep` get an empty list. */
function indicesByClass(dataset: ImageDataset, keep?: readonly number[]): number[][] {
  const byClass: number[][] = Array.from({ length: dataset.classes }, () => []);
  for (let index = 0; index < dataset.count; index++) {
    const label = dataset.labels[index] ?? 0;
    if (keep === undefined || keep.includes(label)) byClass[label]?.push(index);
  }
  return byClass;
}

/** Names a share of a dataset, so every reader of the same share in a pass gets the same batch. */
export function subsetKey(name: string, subset?: DataSubset): string {
  if (!subset) return name;
  const classes = subset.classes ? `#${subset.classes.join(',')}` : '';
  return `${name}@${subset.fraction}${classes}`;
}

/**
 * The classes a dataset source keeps, from text such as "5, 7, 9" (blank keeps every class):
 * sorted, or a sentence saying what is wrong with the text.
 */
export function parseClassList(
  text: string,
  classes: number,
): { readonly classes: readonly number[] | undefined } | { readonly problem: string } {
  if (text.trim() === '') return { classes: undefined };
  const parts = text.split(',').map((part) => part.trim());
  const found: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part)) {
      return {
        problem: `"${part}" is not a class number; write class numbers separated by commas, such as 5, 7, 9`,
      };
    }
    const value = Number(part);
    if (value >= classes)
      return { problem: `class ${value} does not exist; classes run from 0 to ${classes - 1}` };
    if (found.includes(value)) return { problem: `class ${value} is listed twice` };
    found.push(value);
  }
  return { classes: found.sort((a, b) => a - b) };
}

/**
 * A stable class-balanced selection for previews: the first image of class 0, of class 1, ...,
 * then the second of each, skipping classes that run out (and classes left out of `classes`).
 * Never random, so previews of a run always show the same inputs.
 */
export function fixedBatch(dataset: ImageDataset, count: number, classes?: readonly number[]): DataBatch {
  const byClass = indicesByClass(dataset, classes);
  const available = byClass.reduce((n, members) => n + members.length, 0);
  if (available === 0) throw new Error(`${dataset.name} ${dataset.split}: no image of the chosen classes`);
  const indices: number[] = [];
  const wanted = Math.min(count, available);
  for (let row = 0; indices.length < wanted; row++) {
    for (const members of byClass) {
      const index = members[row];
      if (index !== undefined && indices.length < wanted) indices.push(index);
    }
  }
  return batchFromIndices(dataset, indices);
}
