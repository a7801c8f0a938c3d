// Sample metrics (FID, Inception Score, class shares) as a training session measures them: now and
// then, on a fixed set of generated samples, through the project's small classifier for a dataset.
// A missing classifier turns into a note on the node in plain words; training never stops for it.

import type * as tfjs from '@tensorflow/tfjs';
import type { Program } from '../compile/program';
import { DATASETS, type DatasetName, fixedBatch, isDatasetName } from '../data/datasets';
import type { PortRef } from '../graph/document';
import { classify, type ClassifierOutputs } from '../metrics/classifier';
import type { AnyNodeDefinition } from '../types/definition';
import { type ClassSharesPreview, NODE_VIEW_PORT } from './previews';
import type { DatasetLoader, Trainer } from './trainer';

/** Loads the classifier of a dataset; rejects with ClassifierMissingError when it was never made. */
export type ClassifierLoader = (dataset: DatasetName) => Promise<tfjs.LayersModel>;

export class ClassifierMissingError extends Error {
  constructor(readonly dataset: DatasetName) {
    super(
      `The ${DATASETS[dataset].title} classifier that this metric needs has not been made yet: ` +
        'run `npm run classifiers` in the project folder. Training goes on without this figure.',
    );
  }
}

/** Real test images classified once per dataset, the reference FID compares samples with. */
export const REFERENCE_IMAGES = 1000;
const PIXELS = 784;

export interface SampleMetricPlan {
  readonly node: string;
  readonly def: AnyNodeDefinition;
  readonly params: Readonly<Record<string, unknown>>;
  /** Where its samples come from. */
  readonly input: PortRef;
  readonly dataset: string;
  readonly samples: number;
  readonly every: number;
}

export interface SampleMetricResults {
  /** Figures by node id. */
  readonly values: Readonly<Record<string, number>>;
  readonly previews: readonly ClassSharesPreview[];
  /** Something to tell the student, by node id ('' clears an earlier note). */
  readonly notes: Readonly<Record<string, string>>;
}

/** The sample metrics of a program, each with the output it measures. */
export function sampleMetricPlans(program: Program): SampleMetricPlan[] {
  const { types, registry } = program;
  const plans: SampleMetricPlan[] = [];
  for (const id of types.order) {
    const node = types.index.nodes.get(id);
    const def = node && registry.get(node.type);
    if (def?.build.role !== 'sample-metric') continue;
    const port = def.inputs[0]?.name;
    const input = (types.index.incoming.get(id) ?? []).find((e) => e.to.port === port)?.from;
    if (!input) continue;
    const params = program.params.get(id) ?? {};
    plans.push({
      node: id,
      def,
      params,
      input,
      dataset: def.build.classifier(params),
      samples: def.build.samples(params),
      every: def.build.every(params),
    });
  }
  return plans;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Pixels clipped to [0, 1], the range the classifier was trained on. */
function clipped(values: Float32Array): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.min(1, Math.max(0, values[i] ?? 0));
  return out;
}

export class SampleMetrics {
  private readonly models = new Map<string, Promise<tfjs.LayersModel>>();
  private readonly references = new Map<string, Promise<ClassifierOutputs>>();
  /** The iteration each node was last measured at. */
  private readonly measuredAt = new Map<string, number>();

  constructor(
    private readonly tf: typeof tfjs,
    private readonly loadClassifier: ClassifierLoader | undefined,
    private readonly loadDataset: DatasetLoader,
  ) {}

  /**
   * Plans due at this iteration: never measured, or `every` iterations since the last time; at the
   * end of a run (`final`), every plan not yet measured at this iteration.
   */
  due(program: Program, iteration: number, final = false): SampleMetricPlan[] {
    return sampleMetricPlans(program).filter((plan) => {
      const last = this.measuredAt.get(plan.node);
      if (last === undefined || last > iteration) return true;
      return final ? last !== iteration : iteration - last >= plan.every;
    });
  }

  /** A new run (reset): measure from the start again. */
  forgetRun(): void {
    this.measuredAt.clear();
  }

  private model(dataset: DatasetName): Promise<tfjs.LayersModel> {
    let model = this.models.get(dataset);
    if (!model) {
      const load = this.loadClassifier;
      model = load
        ? load(dataset)
        : Promise.reject(new Error('The classifiers are not available where this session runs.'));
      // Asked again at the next measurement, so a classifier made meanwhile is picked up.
      model.catch(() => this.models.delete(dataset));
      this.models.set(dataset, model);
    }
    return model;
  }

  private reference(dataset: DatasetName, model: tfjs.LayersModel): Promise<ClassifierOutputs> {
    let reference = this.references.get(dataset);
    if (!reference) {
      reference = this.loadDataset(dataset, 'test').then((test) => {
        const batch = fixedBatch(test, REFERENCE_IMAGES);
        return classify(this.tf, model, batch.images, batch.size);
      });
      reference.catch(() => this.references.delete(dataset));
      this.references.set(dataset, reference);
    }
    return reference;
  }

  /** Measures the given plans at the trainer's iteration; each failure becomes that node's note. */
  async measure(trainer: Trainer, plans: readonly SampleMetricPlan[]): Promise<SampleMetricResults> {
    const values: Record<string, number> = {};
    const notes: Record<string, string> = {};
    const previews: ClassSharesPreview[] = [];
    for (const plan of plans) {
      this.measuredAt.set(plan.node, trainer.iteration);
      try {
        if (!isDatasetName(plan.dataset)) throw new Error(`there is no dataset "${plan.dataset}"`);
        const model = await this.model(plan.dataset);
        const reference = await this.reference(plan.dataset, model);
        const [out] = await trainer.evaluate([plan.input], plan.samples);
        const size = (out?.shape ?? []).slice(1).reduce((a, b) => a * b, 1);
        if (!out || size !== PIXELS) {
          throw new Error(`the classifier reads 28x28 images (784 values each), but it was given ${size}`);
        }
        const count = out.shape[0] ?? 0;
        const samples = await classify(this.tf, model, clipped(out.values), count);
        const build = plan.def.build;
        if (build.role !== 'sample-metric') continue;
        const result = build.measure({ samples, reference }, plan.params as never);
        values[plan.node] = result.value;
        notes[plan.node] = '';
        if (result.classShares) {
          previews.push({
            kind: 'class-shares',
            node: plan.node,
            port: NODE_VIEW_PORT,
            shares: result.classShares,
            classNames: DATASETS[plan.dataset].classNames,
          });
        }
      } catch (error) {
        notes[plan.node] = messageOf(error);
      }
    }
    return { values, previews, notes };
  }

  dispose(): void {
    for (const model of this.models.values()) model.then((m) => m.dispose()).catch(() => undefined);
    this.models.clear();
    this.references.clear();
  }
}
