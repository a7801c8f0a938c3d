// Loads the prepared datasets in the browser worker: fetched from the server's /data/ folder
// (served by the Vite plugin in vite.config.ts), parsed by the same code Node uses.

import { dataFileNames, parseDataset } from '../src/core/data/datasets';
import type { DatasetLoader } from '../src/core/train/trainer';

async function fetchBytes(url: URL, file: string): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`${file} could not be fetched from ${url.pathname} (${String(error)})`, { cause: error });
  }
  if (!response.ok) {
    // The data plugin answers a missing file with the command that prepares it.
    const detail = (await response.text().catch(() => '')).trim();
    throw new Error(`${file} could not be fetched (${response.status}): ${detail || response.statusText}`);
  }
  return response.arrayBuffer();
}

/** A loader reading `<base>/<name>-<split>-images.u8` and its labels. */
export function fetchDatasets(base: URL): DatasetLoader {
  return async (name, split) => {
    const files = dataFileNames(name, split);
    const [images, labels] = await Promise.all([
      fetchBytes(new URL(files.images, base), files.images),
      fetchBytes(new URL(files.labels, base), files.labels),
    ]);
    return parseDataset(name, split, images, labels);
  };
}
