// Loads the prepared datasets and the quality classifiers in the browser worker: fetched from the
// server's /data/ folder (served by the Vite plugin in vite.config.ts), parsed by the same code Node uses.

import type * as tfjs from '@tensorflow/tfjs';
import { dataFileNames, parseDataset } from '../src/core/data/datasets';
import { ClassifierMissingError, type ClassifierLoader } from '../src/core/train/sample-metrics';
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

/**
 * A loader reading `<base>/classifiers/<name>/model.json` and its weights. A 404 means
 * `npm run classifiers` never ran: that becomes the error that tells the student so.
 */
export function fetchClassifiers(tf: typeof tfjs, base: URL): ClassifierLoader {
  return async (name) => {
    const url = new URL(`classifiers/${name}/model.json`, base);
    const head = await fetch(url, { method: 'HEAD' }).catch(() => null);
    if (head?.status === 404) throw new ClassifierMissingError(name);
    return tf.loadLayersModel(url.href);
  };
}
