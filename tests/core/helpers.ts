// Shared test setup: the cpu backend, preset loading, a Trainer on a preset and its weights.
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

/** The current weights of a compiled network, copied out. */
export async function weightsOf(trainer: Trainer, network: string): Promise<Float32Array[]> {
  const model = trainer.program.networks.get(network)?.model;
  if (!model) throw new Error(`no network ${network}`);
  return Promise.all(model.getWeights().map(async (w) => new Float32Array(await w.data())));
}

/** Whether two lists of weight arrays hold exactly the same numbers (NaN equal to NaN, -0 not 0). */
export const bitIdentical = (a: Float32Array[], b: Float32Array[]): boolean =>
  a.length === b.length &&
  a.every((x, i) => x.length === b[i]?.length && x.every((v, j) => Object.is(v, b[i]?.[j])));

export { tf };
