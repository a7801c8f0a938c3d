// `npm run classifiers`: trains the small classifiers behind FID and Inception Score, one per
// dataset, and writes them under data/classifiers/ (generated, never committed). Prints each
// one's test accuracy. `--if-missing` skips datasets whose classifier is already there.
//
// Usage: tsx scripts/train-classifiers.ts [--if-missing] [--backend cpu|wasm]

import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { DATASET_NAMES, fixedBatch } from '../src/core/data/datasets';
import { classify, trainClassifier } from '../src/core/metrics/classifier';
import { isNodeBackend, useBackend } from './lib/backends';
import { hasClassifier, saveClassifier } from './lib/classifier-files';
import { loadDataset } from './lib/node-data';

/** Epochs per dataset: measured about 94% (MNIST, 8,000 training images) and 87% (Fashion-MNIST) test accuracy. */
const EPOCHS = { mnist: 8, fashion: 4 } as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'if-missing': { type: 'boolean' }, backend: { type: 'string', default: 'wasm' } },
  });
  const backend = values.backend ?? 'wasm';
  if (!isNodeBackend(backend)) throw new Error(`unknown backend "${backend}" (cpu, wasm or webgpu)`);
  const todo = DATASET_NAMES.filter((name) => !(values['if-missing'] && hasClassifier(name)));
  if (todo.length === 0) return;
  await useBackend(backend);
  for (const name of todo) {
    const started = performance.now();
    const [train, test] = await Promise.all([loadDataset(name, 'train'), loadDataset(name, 'test')]);
    const model = await trainClassifier(tf, train, {
      epochs: EPOCHS[name],
      onEpoch: (epoch, loss) =>
        console.log(`classifiers: ${name} epoch ${epoch}/${EPOCHS[name]} loss ${loss.toFixed(4)}`),
    });
    const batch = fixedBatch(test, test.count);
    const out = await classify(tf, model, batch.images, batch.size);
    let right = 0;
    for (let s = 0; s < out.count; s++) {
      const row = out.probabilities.subarray(s * out.classes, (s + 1) * out.classes);
      if (row.indexOf(Math.max(...row)) === batch.labels[s]) right++;
    }
    const accuracy = right / out.count;
    await saveClassifier(model, name, {
      testAccuracy: accuracy,
      epochs: EPOCHS[name],
      trainedOn: train.count,
    });
    model.dispose();
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `classifiers: ${name} test accuracy ${(accuracy * 100).toFixed(1)}% (${seconds.toFixed(0)} s)`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(`classifiers: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
