// Compiling a document into a Trainer on the first backend that can train it: a gradient probe
// finds a backend lacking a kernel (wasm has no Conv2D gradient) before any weight changes.

import type * as tfjs from '@tensorflow/tfjs';
import type { GraphDocument } from '../graph/document';
import type { NodeRegistry } from '../types/definition';
import type { BackendName } from './backend-names';
import { restoreOptimizers, snapshotOptimizers } from './optimizer-state';
import { probeGradients } from './passes';
import { missingKernel } from './session-errors';
import { checkMemory } from './session-memory';
import { type BackendHost, currentBackend, type DatasetCache } from './session-support';
import type { LoadOptions } from './session-types';
import { Trainer } from './trainer';
import { type RestoreReport, restoreWeights, snapshotWeights } from './weights';

export interface BuildRequest {
  readonly doc: GraphDocument;
  readonly options: LoadOptions;
  readonly registry: NodeRegistry;
  readonly tf: typeof tfjs;
  readonly backends: BackendHost;
  readonly data: DatasetCache;
  readonly previewSize: number | undefined;
  readonly memoryLimits: Partial<Record<BackendName, number>> | undefined;
  /** A kernel the active backend was found to lack: move on from it first. */
  readonly lacking?: string | undefined;
}

/** A trainer on the first backend that can train the graph; throws the compile or data error. */
export async function buildTrainer(request: BuildRequest): Promise<Trainer> {
  const { doc, options, registry, tf, backends, data, previewSize } = request;
  const batchSize = options.batchSize ?? doc.training.batchSize;
  const backendName = () => currentBackend(backends)?.name;
  let missing = request.lacking;
  for (;;) {
    if (missing !== undefined) {
      const name = backendName();
      if (!(await backends.fallback(`no "${missing}" kernel, which training this graph needs`))) {
        throw new Error(`Kernel '${missing}' not registered for backend '${name}'`);
      }
    }
    const backend = backendName();
    if (backend)
      checkMemory(doc, { registry, batchSize, previewSize, backend, limits: request.memoryLimits });
    const trainer = await Trainer.create(doc, registry, {
      tf,
      loadDataset: data.load,
      batchSize,
      ...(options.seed !== undefined && { seed: options.seed }),
      ...(previewSize !== undefined && { previewSize }),
    });
    try {
      // cpu has every kernel. Elsewhere one gradient pass at the training batch size finds a
      // missing kernel up front, and compiles the GPU programs the first step would.
      if (backendName() !== 'cpu') await probeGradients(trainer, tf, data.ready(), trainer.batchSize);
      return trainer;
    } catch (error) {
      trainer.dispose();
      missing = missingKernel(error);
      if (missing === undefined) throw error;
    }
  }
}

/**
 * Builds a trainer for the request and carries over the weights of `old` wherever a layer kept its
 * node id and weight shapes; the iteration count goes on when any weights were kept.
 */
export async function rebuildKeepingWeights(
  old: Trainer | null,
  request: BuildRequest,
): Promise<{ trainer: Trainer; weights?: KeptState }> {
  const saved = old && {
    weights: await snapshotWeights(old.program),
    optimizers: await snapshotOptimizers(old.program),
  };
  const trainer = await buildTrainer(request);
  if (!old || !saved) return { trainer };
  try {
    const weights = restoreWeights(trainer.program, request.tf, saved.weights);
    if (weights.kept.length > 0) trainer.iteration = old.iteration;
    const optimizers = await restoreOptimizers(
      trainer.program,
      request.tf,
      saved.optimizers,
      new Set(weights.kept),
    );
    return { trainer, weights: { ...weights, optimizerKept: optimizers.kept } };
  } catch (error) {
    trainer.dispose();
    throw error;
  }
}

/** Layers that kept their weights, those that start fresh, and those whose optimizer state came over. */
export interface KeptState extends RestoreReport {
  readonly optimizerKept: readonly string[];
}

export function keptNotice({ kept, fresh, optimizerKept }: KeptState): string {
  const list = (ids: readonly string[]) => (ids.length === 0 ? 'none' : ids.join(', '));
  const state = optimizerKept.length > 0 ? `, with the optimizer's state for ${list(optimizerKept)}` : '';
  return `Recompiled: kept the weights of ${list(kept)}${state}; new weights for ${list(fresh)}.`;
}
