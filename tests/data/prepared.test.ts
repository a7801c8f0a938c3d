// Checks the real files written by `npm run data` (npm test runs data:ensure first).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DATASETS,
  DATASET_NAMES,
  DATA_SPLITS,
  IMAGE_BYTES,
  dataFileNames,
} from '../../src/core/data/datasets';
import { MANIFEST_FILE, MANIFEST_VERSION, type DataManifest } from '../../src/core/data/manifest';
import { DEFAULT_DATA_DIR, loadDataset, loadManifest } from '../../scripts/lib/node-data';

function classCounts(labels: Uint8Array, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const label of labels) counts[label]! += 1;
  return counts;
}

let manifest: DataManifest;
beforeAll(async () => {
  manifest = await loadManifest();
});

describe('prepared datasets', () => {
  it('has a manifest of the current version naming both datasets', () => {
    expect(manifest.version).toBe(MANIFEST_VERSION);
    expect(Object.keys(manifest.datasets).sort()).toEqual([...DATASET_NAMES].sort());
  });

  it.each(DATASET_NAMES)('fills the %s train split with exactly its quota of every class', async (name) => {
    const info = DATASETS[name];
    const dataset = await loadDataset(name, 'train');
    expect(dataset.count).toBe(info.classes * info.trainPerClass);
    expect(dataset.count).toBe(manifest.datasets[name].train);
    expect(classCounts(dataset.labels, info.classes)).toEqual(
      new Array<number>(info.classes).fill(info.trainPerClass),
    );
  });

  it.each(DATASET_NAMES)(
    'holds in the %s test split the per-class counts the manifest records',
    async (name) => {
      const info = DATASETS[name];
      const dataset = await loadDataset(name, 'test');
      const counts = classCounts(dataset.labels, info.classes);
      expect(dataset.count).toBe(manifest.datasets[name].test);
      expect(counts).toEqual(manifest.datasets[name].perClass.test);
      for (const count of counts) {
        expect(count).toBeGreaterThan(0);
        expect(count).toBeLessThanOrEqual(info.testPerClass);
      }
    },
  );

  it('fills the Fashion-MNIST test split with 1000 of every class', async () => {
    const dataset = await loadDataset('fashion', 'test');
    expect(classCounts(dataset.labels, 10)).toEqual(new Array<number>(10).fill(1000));
  });

  it.each(DATASET_NAMES)(
    'interleaves %s train classes so each run of ten is one of every class',
    async (name) => {
      const { labels } = await loadDataset(name, 'train');
      const outOfTurn = labels.filter((label, i) => label !== i % 10).length;
      expect(outOfTurn).toBe(0);
    },
  );

  it.each(DATASET_NAMES)(
    'stores %s pixels spanning 0..255 with a plausible mean brightness',
    async (name) => {
      const { images } = await loadDataset(name, 'test');
      let sum = 0;
      let max = 0;
      let min = 255;
      for (const value of images) {
        sum += value;
        if (value > max) max = value;
        if (value < min) min = value;
      }
      expect(min).toBe(0);
      expect(max).toBe(255);
      // Published means: MNIST about 0.13, Fashion-MNIST about 0.29 of full scale.
      const expected = name === 'mnist' ? 0.13 : 0.29;
      expect(Math.abs(sum / images.length / 255 - expected)).toBeLessThan(0.03);
    },
  );

  it('writes every file at the size its manifest count implies', () => {
    for (const name of DATASET_NAMES) {
      for (const split of DATA_SPLITS) {
        const files = dataFileNames(name, split);
        const count = manifest.datasets[name][split];
        expect(statSync(path.join(DEFAULT_DATA_DIR, files.images)).size).toBe(count * IMAGE_BYTES);
        expect(statSync(path.join(DEFAULT_DATA_DIR, files.labels)).size).toBe(count);
      }
    }
  });

  it('loads Fashion-MNIST train into typed arrays well under a second', async () => {
    const started = performance.now();
    const dataset = await loadDataset('fashion', 'train');
    const elapsed = performance.now() - started;
    expect(dataset.images).toHaveLength(60_000 * IMAGE_BYTES);
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('loadDataset', () => {
  let emptyDir: string;
  beforeAll(() => {
    emptyDir = mkdtempSync(path.join(tmpdir(), 'latent-lab-data-'));
  });
  afterAll(() => rmSync(emptyDir, { recursive: true, force: true }));

  it('tells the user to run `npm run data` when the files are missing', async () => {
    await expect(loadDataset('mnist', 'train', emptyDir)).rejects.toThrow(
      /mnist train data is missing .*run `npm run data`/,
    );
    await expect(loadManifest(emptyDir)).rejects.toThrow(/run `npm run data`/);
  });
});

describe('prepare-data --if-missing', () => {
  it('leaves complete data untouched and says nothing', () => {
    const manifestFile = path.join(DEFAULT_DATA_DIR, MANIFEST_FILE);
    const before = statSync(manifestFile).mtimeMs;
    const tsx = path.join(DEFAULT_DATA_DIR, '..', 'node_modules', '.bin', 'tsx');
    const script = path.join(DEFAULT_DATA_DIR, '..', 'scripts', 'prepare-data.ts');
    const output = execFileSync(tsx, [script, '--if-missing'], { encoding: 'utf8' });
    expect(output).toBe('');
    expect(statSync(manifestFile).mtimeMs).toBe(before);
  });
});
