// Loading prepared datasets from disk in Node (CLI training, benchmarks, tests).

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  dataFileNames,
  parseDataset,
  type DataSplit,
  type DatasetName,
  type ImageDataset,
} from '../../src/core/data/datasets';
import { MANIFEST_FILE, type DataManifest } from '../../src/core/data/manifest';

/** The repository's data folder, independent of the directory a command is started from. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../data', import.meta.url));

async function readOrExplain(file: string, what: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${what} is missing (${file}); run \`npm run data\` to prepare the datasets`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** A prepared split as typed arrays; throws with a hint to run `npm run data` when files are missing. */
export async function loadDataset(
  name: DatasetName,
  split: DataSplit,
  dataDir: string = DEFAULT_DATA_DIR,
): Promise<ImageDataset> {
  const files = dataFileNames(name, split);
  const what = `${name} ${split} data`;
  const [images, labels] = await Promise.all([
    readOrExplain(path.join(dataDir, files.images), what),
    readOrExplain(path.join(dataDir, files.labels), what),
  ]);
  return parseDataset(name, split, images, labels);
}

/** The manifest of the prepared data; throws with the same hint when it is missing. */
export async function loadManifest(dataDir: string = DEFAULT_DATA_DIR): Promise<DataManifest> {
  const bytes = await readOrExplain(path.join(dataDir, MANIFEST_FILE), 'the data manifest');
  return JSON.parse(new TextDecoder().decode(bytes)) as DataManifest;
}
