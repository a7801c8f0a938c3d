// Training throughput for `npm run bench`: a compiled preset against the same model written by
// hand in tfjs, on one Node backend, timed in alternating rounds so drift hits both alike.

import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { NODE_REGISTRY } from '../../nodes';
import type { DataSplit, DatasetName, ImageDataset } from '../../src/core/data/datasets';
import { loadGraph } from '../../src/core/graph/load';
import { Trainer } from '../../src/core/train/trainer';
import { type NodeBackend, useBackend } from './backends';
import { median, messageOf, round } from './bench-stats';
import { loadDataset } from './node-data';
import { handWrittenAutoencoder, handWrittenVae, type HandWritten } from './reference-models';

export const BENCH_BATCH = 128;

export type BenchModel = 'autoencoder' | 'vae';

export interface ModelResult {
  compiledSamplesPerSec: number;
  handWrittenSamplesPerSec: number;
  /** Hand-written samples/s over compiled samples/s; above 1 means the compiled graph is slower. */
  overhead: number;
  /** Median of each round's hand/compiled ratio: the two ran back to back, so slow drift cancels. */
  pairedOverhead: number;
  /** tf.memory().numTensors after the warm-up and after the timed steps of both versions. */
  tensorsBefore: number;
  tensorsAfter: number;
  rounds: number;
  stepsPerRound: number;
  /** Samples/s of each round, to judge the noise behind the medians. */
  compiledRounds: number[];
  handWrittenRounds: number[];
}

export type ModelOutcome = ModelResult | { error: string };

export type BackendResult = {
  init: { detail: string; initMs: number } | { error: string };
} & Partial<Record<BenchModel, ModelOutcome>>;

/** How long to measure on a backend: slow backends get fewer steps to keep the bench short. */
export interface BackendPlan {
  warmupSteps: number;
  /** An even count lets each version go first equally often. */
  rounds: number;
  stepsPerRound: number;
}

const MODELS: Record<
  BenchModel,
  { preset: string; dataset: DatasetName; handWritten: typeof handWrittenAutoencoder }
> = {
  autoencoder: { preset: 'stacked-autoencoder', dataset: 'fashion', handWritten: handWrittenAutoencoder },
  vae: { preset: 'vae', dataset: 'mnist', handWritten: handWrittenVae },
};

// Both versions and every backend read the same arrays; the files are read once.
const datasetCache = new Map<string, Promise<ImageDataset>>();
function cachedDataset(name: DatasetName, split: DataSplit): Promise<ImageDataset> {
  const key = `${name}:${split}`;
  let loaded = datasetCache.get(key);
  if (!loaded) datasetCache.set(key, (loaded = loadDataset(name, split)));
  return loaded;
}

function presetText(preset: string): string {
  return readFileSync(new URL(`../../graphs/${preset}.json`, import.meta.url), 'utf8');
}

interface Contender {
  step(): Promise<unknown>;
}

/** Samples per second of `steps` steps of one contender. */
async function timeSteps(contender: Contender, steps: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < steps; i++) await contender.step();
  const seconds = (performance.now() - start) / 1000;
  return (steps * BENCH_BATCH) / seconds;
}

async function benchModel(model: BenchModel, plan: BackendPlan): Promise<ModelResult> {
  const spec = MODELS[model];
  const { doc, warnings } = loadGraph(presetText(spec.preset), NODE_REGISTRY);
  if (warnings.length > 0) throw new Error(`preset ${spec.preset} loads with warnings`);
  let trainer: Trainer | undefined;
  let reference: HandWritten | undefined;
  try {
    trainer = await Trainer.create(doc, NODE_REGISTRY, {
      tf,
      loadDataset: cachedDataset,
      batchSize: BENCH_BATCH,
    });
    reference = spec.handWritten(tf, await cachedDataset(spec.dataset, 'train'), {
      seed: trainer.seed,
      batchSize: BENCH_BATCH,
      learningRate: 0.001,
    });
    const compiled: Contender = trainer;
    const handWritten: Contender = reference;
    for (let i = 0; i < plan.warmupSteps; i++) {
      await compiled.step();
      await handWritten.step();
    }
    const tensorsBefore = tf.memory().numTensors;
    const compiledRates: number[] = [];
    const handRates: number[] = [];
    for (let r = 0; r < plan.rounds; r++) {
      // Alternate which goes first so neither always follows the other's garbage.
      const order = r % 2 === 0 ? ([compiled, handWritten] as const) : ([handWritten, compiled] as const);
      for (const contender of order) {
        const rate = await timeSteps(contender, plan.stepsPerRound);
        (contender === compiled ? compiledRates : handRates).push(rate);
      }
    }
    const tensorsAfter = tf.memory().numTensors;
    const compiledSamplesPerSec = median(compiledRates);
    const handWrittenSamplesPerSec = median(handRates);
    return {
      compiledSamplesPerSec: round(compiledSamplesPerSec),
      handWrittenSamplesPerSec: round(handWrittenSamplesPerSec),
      overhead: round(handWrittenSamplesPerSec / compiledSamplesPerSec, 3),
      pairedOverhead: round(median(handRates.map((h, i) => h / (compiledRates[i] ?? Number.NaN))), 3),
      tensorsBefore,
      tensorsAfter,
      rounds: plan.rounds,
      stepsPerRound: plan.stepsPerRound,
      compiledRounds: compiledRates.map((r) => round(r, 3)),
      handWrittenRounds: handRates.map((r) => round(r, 3)),
    };
  } finally {
    trainer?.dispose();
    reference?.dispose();
  }
}

/**
 * Starts `backend` and measures every model on it. A backend that fails to start, or a model
 * that fails on it, is recorded as an error and the rest goes on.
 */
export async function benchBackend(
  backend: NodeBackend,
  plan: BackendPlan,
  models: readonly BenchModel[] = ['autoencoder', 'vae'],
  log: (line: string) => void = () => {},
): Promise<BackendResult> {
  let result: BackendResult;
  try {
    const info = await useBackend(backend);
    result = { init: { detail: info.detail, initMs: round(info.initMs) } };
    log(`${backend}: ${info.detail} (started in ${info.initMs.toFixed(0)} ms)`);
  } catch (error) {
    log(`${backend}: failed to start: ${messageOf(error)}`);
    return { init: { error: messageOf(error) } };
  }
  for (const model of models) {
    const started = performance.now();
    try {
      result[model] = await benchModel(model, plan);
    } catch (error) {
      result[model] = { error: messageOf(error) };
    }
    log(`${backend}: ${model} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return result;
}
