// Shared test setup: the cpu backend, preset loading and a Trainer on a preset.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { NODE_REGISTRY } from '../../nodes';
import { loadDataset } from '../../scripts/lib/node-data';
import type { GraphDocument } from '../../src/core/graph/document';
import { loadGraph } from '../../src/core/graph/load';
import { Trainer, type TrainerOptions } from '../../src/core/train/trainer';

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  // The cpu backend's first use prints an advert for tfjs-node, which cannot be installed here.
  (tf.backend() as { firstUse?: boolean }).firstUse = false;
}

export function preset(name: string): GraphDocument {
  const { doc, warnings } = loadGraph(
    readFileSync(new URL(`../../graphs/${name}.json`, import.meta.url), 'utf8'),
    NODE_REGISTRY,
  );
  if (warnings.length > 0)
    throw new Error(`preset ${name} loads with warnings: ${warnings.map((w) => w.message).join('; ')}`);
  return doc;
}

export function presetTrainer(name: string, options: Partial<TrainerOptions> = {}): Promise<Trainer> {
  return Trainer.create(preset(name), NODE_REGISTRY, { tf, loadDataset, ...options });
}

export { tf };
