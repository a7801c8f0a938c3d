// Extra passes a training session runs beside the Trainer's own: quick image previews on a few
// fixed test images, and a gradient probe that finds a backend lacking a kernel before training.

import type * as tfjs from '@tensorflow/tfjs';
import { nodesNeeded, type PassSettings, runPass } from '../compile/evaluate';
import type { Program } from '../compile/program';
import { fixedBatch, type ImageDataset, subsetKey } from '../data/datasets';
import { createRng, deriveSeed } from '../data/rng';
import type { DataBatch, Rng } from '../types/definition';
import {
  type Preview,
  type PreviewSelection,
  readPreviews,
  resolvePreviewKind,
  samplesForClassRows,
  selectPreviews,
} from './previews';
import type { Trainer } from './trainer';

/** Image datasets by name, as loaded for the trainer (test split for previews, train for probes). */
export type LoadedDatasets = ReadonlyMap<
  string,
  { readonly train: ImageDataset; readonly test: ImageDataset }
>;

/**
 * A pass on fixed inputs: the first class-balanced images of a split and random streams seeded
 * from `salt`. The Trainer's previews and metrics use it with salt "preview" on the test split.
 */
export function fixedPass(
  seed: number,
  datasets: LoadedDatasets,
  options: { mode: PassSettings['mode']; size: number; split: 'train' | 'test'; salt: string },
  /** Batches kept from earlier passes with the same datasets, split and size (they never change). */
  batches = new Map<string, DataBatch>(),
): PassSettings {
  const rngs = new Map<string, Rng>();
  return {
    mode: options.mode,
    batchSize: options.size,
    rngFor: (id) => {
      let rng = rngs.get(id);
      if (!rng) rngs.set(id, (rng = createRng(deriveSeed(seed, `${options.salt}:${id}`))));
      return rng;
    },
    // A share's fraction applies to training only; its classes apply here too.
    dataset: (name, subset) => {
      const classes = subset?.classes;
      const key = subsetKey(name, classes && { fraction: 1, classes });
      let batch = batches.get(key);
      if (!batch) {
        const loaded = datasets.get(name);
        if (!loaded) throw new Error(`dataset "${name}" was not loaded`);
        batch = fixedBatch(options.split === 'test' ? loaded.test : loaded.train, options.size, classes);
        batches.set(key, batch);
      }
      return batch;
    },
  };
}

/**
 * Nodes with an output previewed as `kind` that training changes: those computed through a
 * network. Inputs and their corruptions come out the same on every fixed pass, so the full pass
 * alone draws them.
 */
export function trainedPreviewNodes(program: Program, kind: 'image-grid' | 'scatter'): string[] {
  const { types, registry } = program;
  const defOf = (id: string) => registry.get(types.index.nodes.get(id)?.type ?? '');
  const trained = (id: string) => types.networkOf.has(id) || defOf(id)?.build.role === 'instance';
  const out: string[] = [];
  for (const id of types.order) {
    const def = defOf(id);
    const outputs = types.outputs.get(id);
    if (!def || !outputs) continue;
    if (!def.outputs.some((p) => resolvePreviewKind(p.preview, outputs[p.name]) === kind)) continue;
    if ([...nodesNeeded(program, [id])].some(trained)) out.push(id);
  }
  return out;
}

/** The image grids the quick pass draws. */
export function imagePreviewNodes(program: Program): string[] {
  return trainedPreviewNodes(program, 'image-grid');
}

/** What the quick pass of a trainer needs from its program, worked out on its first pass. */
interface QuickPlan {
  readonly roots: readonly string[];
  readonly needed: Set<string>;
  readonly size: number;
  readonly batches: Map<string, DataBatch>;
}

const quickPlans = new WeakMap<Trainer, QuickPlan>();

function quickPlan(trainer: Trainer, size: number): QuickPlan {
  const known = quickPlans.get(trainer);
  if (known?.size === size) return known;
  const { program } = trainer;
  const roots = imagePreviewNodes(program);
  // Grids laid out one row per class need enough samples to fill every row.
  const plan = {
    roots,
    needed: nodesNeeded(program, roots),
    size: Math.max(size, samplesForClassRows(program, roots)),
    batches: new Map<string, DataBatch>(),
  };
  quickPlans.set(trainer, plan);
  return plan;
}

/**
 * Image-grid previews only, from a pass over `size` fixed test images: a fraction of the cost of
 * the Trainer's full preview pass, which also feeds the scatters and histograms. It runs with
 * nearly every frame, so what does not change between passes (the nodes, the test images) is
 * worked out once per trainer; the random streams start afresh each time, so noise stays fixed.
 */
export async function quickImagePreviews(
  trainer: Trainer,
  tf: typeof tfjs,
  datasets: LoadedDatasets,
  size: number,
): Promise<Preview[]> {
  const { program } = trainer;
  const plan = quickPlan(trainer, size);
  if (plan.roots.length === 0) return [];
  const settings = fixedPass(
    trainer.seed,
    datasets,
    { mode: 'preview', size: plan.size, split: 'test', salt: 'preview' },
    plan.batches,
  );
  let selection: PreviewSelection = { pending: [], labels: [] };
  tf.tidy(() => {
    const { values } = runPass(program, tf, plan.needed, settings);
    const grids = (node: string, kind: string) => kind === 'image-grid' && plan.roots.includes(node);
    selection = selectPreviews(program, tf, values, grids);
    // Keep what is read below; the rest of the pass is freed when tidy ends.
    for (const item of selection.pending) tf.keep(item.tensor);
    for (const t of selection.labels) tf.keep(t);
  });
  return readPreviews(selection);
}

/**
 * Computes (and throws away) the gradients of every phase on a fixed batch, so a backend missing
 * a kernel the graph needs for training fails here, before any weight changes.
 */
export async function probeGradients(
  trainer: Trainer,
  tf: typeof tfjs,
  datasets: LoadedDatasets,
  size = 2,
): Promise<void> {
  const { program } = trainer;
  for (const phase of program.phases) {
    if (phase.variables.length === 0 || phase.losses.length === 0) continue;
    const needed = nodesNeeded(program, phase.losses);
    const settings = fixedPass(trainer.seed, datasets, {
      mode: 'train',
      size,
      split: 'train',
      salt: 'probe',
    });
    const { value, grads } = phase.optimizer.computeGradients(() => {
      const { losses } = runPass(program, tf, needed, settings);
      let total: tfjs.Scalar = tf.scalar(0);
      for (const node of phase.losses) {
        const term = losses.get(node);
        if (term) total = tf.add(total, term);
      }
      return total;
    }, phase.variables as tfjs.Variable[]);
    // Reading the result makes lazy backends (webgl, webgpu) actually run the kernels.
    const sum = tf.tidy(() => tf.addN([value, ...Object.values(grads).map((g) => tf.sum(g))]));
    await sum.data();
    tf.dispose([sum, value, ...Object.values(grads)]);
  }
}

/**
 * The full preview pass (everything, from the Trainer) or the quick one: image grids on a few test
 * images, and the points a student watches move (2-D scatters that training changes, the critic
 * maps of 2-D GANs) at the full pass's size, so they stay live between full passes.
 */
export async function previewPass(
  trainer: Trainer,
  tf: typeof tfjs,
  datasets: LoadedDatasets,
  pass: 'full' | 'quick',
  quickSize: number,
): Promise<Preview[]> {
  if (pass === 'full') return trainer.previews();
  const grids = await quickImagePreviews(trainer, tf, datasets, quickSize);
  return [...grids, ...(await trainer.pointPreviews())];
}
