// A dataset of blank 28x28 images with the given labels, for tests of how images are selected.
import type { DatasetName, ImageDataset } from '../../src/core/data/datasets';

export function syntheticDataset(name: DatasetName, labels: readonly number[]): ImageDataset {
  return {
    name,
    split: 'train',
    count: labels.length,
    imageShape: [28, 28, 1],
    classes: 10,
    images: new Uint8Array(labels.length * 784),
    labels: Uint8Array.from(labels),
  };
}
