// Training a preset for the quality report: load, pick the fastest Node backend that can train
// it (wasm, else cpu), train a number of steps, and hand back the live Trainer.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { NODE_REGISTRY } from '../../nodes';
import type { GraphDocument } from '../../src/core/graph/document';
import { loadGraph } from '../../src/core/graph/load';
import type { ParamValue } from '../../src/core/types/params';
import { Trainer } from '../../src/core/train/trainer';
import { type NodeBackend, useBackend } from './backends';
import { loadDataset } from './node-data';

export function loadPreset(name: string): GraphDocument {
  const { doc, warnings } = loadGraph(
    readFileSync(new URL(`../../graphs/${name}.json`, import.meta.url), 'utf8'),
    NODE_REGISTRY,
  );
  if (warnings.length > 0) throw new Error(`${name}: ${warnings.map((w) => w.message).join('; ')}`);
  return doc;
}

export interface TrainedPreset {
  readonly trainer: Trainer;
  readonly backend: NodeBackend;
  readonly seconds: number;
  readonly finalLosses: Readonly<Record<string, number>>;
}

/**
 * Trains a preset (with param overrides per node) for `steps` iterations on wasm, or cpu when wasm
 * lacks a kernel. `name` is a preset in graphs/, or a label for `doc`, a graph the check made itself.
 */
export async function trainPreset(
  name: string,
  steps: number,
  overrides: Readonly<Record<string, Readonly<Record<string, ParamValue>>>> = {},
  log: (line: string) => void = () => {},
  doc: GraphDocument = loadPreset(name),
): Promise<TrainedPreset> {
  for (const backend of ['wasm', 'cpu'] as const) {
    await useBackend(backend);
    const trainer = await Trainer.create(doc, NODE_REGISTRY, { tf, loadDataset });
    for (const [node, params] of Object.entries(overrides)) trainer.setParams(node, params);
    const started = performance.now();
    try {
      let last: Record<string, number> = {};
      for (let i = 0; i < steps; i++) {
        const result = await trainer.step();
        if (result.nonFinite)
          throw new Error(
            `${name}: loss ${result.nonFinite.loss} became NaN at node ${result.nonFinite.node}`,
          );
        last = { ...result.losses };
        if ((i + 1) % Math.max(1, Math.floor(steps / 5)) === 0)
          log(`${name} step ${i + 1}/${steps} ${JSON.stringify(last)}`);
      }
      return { trainer, backend, seconds: (performance.now() - started) / 1000, finalLosses: last };
    } catch (error) {
      trainer.dispose();
      const message = error instanceof Error ? error.message : String(error);
      if (backend === 'wasm' && /not registered for backend 'wasm'/.test(message)) {
        log(`${name}: wasm lacks a training kernel, using cpu`);
        continue;
      }
      throw error;
    }
  }
  throw new Error(`${name}: no backend could train it`);
}

export const meanSquaredError = (a: Float32Array, b: Float32Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] ?? 0) - (b[i] ?? 0)) ** 2;
  return s / Math.max(1, a.length);
};
