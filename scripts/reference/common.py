"""Shared pieces of the PyTorch reference models: the prepared uint8 data files (same split as
Latent Lab) and the class-balanced test selection the quality script evaluates on."""
import json
import os

import numpy as np

DATA = os.path.join(os.path.dirname(__file__), '..', '..', 'data')


def load(name, split):
    images = np.fromfile(os.path.join(DATA, f'{name}-{split}-images.u8'), dtype=np.uint8)
    labels = np.fromfile(os.path.join(DATA, f'{name}-{split}-labels.u8'), dtype=np.uint8)
    return images.reshape(-1, 784).astype(np.float32) / 255.0, labels.astype(np.int64)


def balanced_selection(labels, count, classes=10):
    """The first image of each class, then the second of each, ...: like fixedBatch in datasets.ts."""
    by_class = [np.flatnonzero(labels == c).tolist() for c in range(classes)]
    picked, row = [], 0
    while len(picked) < min(count, len(labels)):
        for members in by_class:
            if row < len(members) and len(picked) < count:
                picked.append(members[row])
        row += 1
    return np.array(picked)


def report(result):
    print(json.dumps(result))
