// Trainer: runs a compiled Program one iteration at a time — each phase (optimizer) k steps —
// and reports every loss term. The CLI, the worker and the tests all train through this class.

import type * as tfjs from '@tensorflow/tfjs';
import { nodesNeeded, type PassSettings, refKey, runPass } from '../compile/evaluate';
import { compileProgram, type Phase, type Program } from '../compile/program';
import {
  balancedSubset,
  type BatchSampler,
  createBatchSampler,
  type DatasetName,
  type DataSplit,
  type ImageDataset,
  isDatasetName,
  subsetKey,
} from '../data/datasets';
import { createRng, deriveSeed } from '../data/rng';
import type { GraphDocument, PortRef } from '../graph/document';
import type { DataSubset, NodeRegistry, Rng, RunMode } from '../types/definition';
import type { ParamValue } from '../types/params';
import { NodeStates } from './node-state';
import { fixedPass, trainedPreviewNodes } from './passes';
import { phaseSchedule, scheduledAt } from './phase-schedule';
import { sampleMetricPlans } from './sample-metrics';
import { type RecordedPass, recordPass } from './recorded-pass';
import type { Preview } from './previews';
import { fullPreviews, livePointPreviews, type PreviewSource, previewSource } from './trainer-previews';

export type DatasetLoader = (name: DatasetName, split: DataSplit) => Promise<ImageDataset>;

export interface TrainerOptions {
  readonly tf: typeof tfjs;
  readonly loadDataset: DatasetLoader;
  /** Overrides the document's batch size and seed. */
  readonly batchSize?: number;
  readonly seed?: number;
  /**
   * Most samples in a preview pass (256): scatters and critic maps show this many points; a graph
   * whose views show fewer (an image grid 16 images, a histogram 4096 values) runs on fewer.
   */
  readonly previewSize?: number;
}

export interface StepResult {
  readonly iteration: number;
  /** Unweighted value of every loss term trained this iteration and of every metric, by node id. */
  readonly losses: Readonly<Record<string, number>>;
  /** Samples drawn per phase step times phase steps. */
  readonly samples: number;
  /** Set when a loss became NaN or Inf: the loss node and the first node whose output was not finite. */
  readonly nonFinite?: NonFinite;
}

interface NonFinite {
  readonly loss: string;
  readonly node: string;
}

interface PhaseOutcome {
  readonly losses: Record<string, number>;
  readonly nonFinite?: NonFinite;
}

interface KeptLoss {
  readonly node: string;
  readonly value: tfjs.Scalar;
}

interface LoadedData {
  readonly train: ImageDataset;
  readonly test: ImageDataset;
  readonly sampler: BatchSampler;
  /** Samplers over fixed shares of the train split, by subsetKey, made when first asked for. */
  readonly shares: Map<string, BatchSampler>;
}

export class Trainer {
  iteration = 0;
  private readonly rngs = new Map<string, Rng>();
  private readonly needed = new Map<Phase, Set<string>>();
  /** Metric nodes measured in each phase's pass. */
  private readonly metrics = new Map<Phase, string[]>();
  /** What the preview passes read: the program, the critic maps and their size, the fixed inputs. */
  private readonly previewSource: PreviewSource;
  /** 2-D scatters that training moves, drawn live with the critic maps (worked out once). */
  private liveScatters: string[] | undefined;
  /** Tensors nodes keep across training steps (ctx.state). */
  private readonly states: NodeStates;

  private constructor(
    readonly program: Program,
    private readonly tf: typeof tfjs,
    private readonly data: ReadonlyMap<string, LoadedData>,
    readonly batchSize: number,
    readonly seed: number,
    previewSize: number,
  ) {
    this.states = new NodeStates(tf);
    for (const phase of program.phases) {
      this.needed.set(phase, nodesNeeded(program, phase.losses));
      this.metrics.set(phase, []);
    }
    for (const id of program.types.order) {
      const node = program.types.index.nodes.get(id);
      if (node && program.registry.get(node.type)?.build.role === 'metric') this.attachMetric(id);
    }
    this.previewSource = previewSource(program, tf, previewSize, (mode, size) => this.fixedPass(mode, size));
  }

  /**
   * A metric is measured in the first phase whose pass already evaluates all of its inputs, so it
   * costs one reduction; failing that, the first phase's pass evaluates its inputs as well.
   */
  private attachMetric(id: string): void {
    const upstream = [...nodesNeeded(this.program, [id])].filter((n) => n !== id);
    const phases = this.program.phases;
    const home = phases.find((p) => upstream.every((n) => this.needed.get(p)?.has(n))) ?? phases[0];
    if (!home) return;
    const needed = this.needed.get(home) as Set<string>;
    for (const n of nodesNeeded(this.program, [id])) needed.add(n);
    this.metrics.get(home)?.push(id);
  }

  /** Compiles the document and loads its datasets; throws CompileError for a graph with errors. */
  static async create(doc: GraphDocument, registry: NodeRegistry, options: TrainerOptions): Promise<Trainer> {
    const seed = options.seed ?? doc.training.seed;
    const batchSize = options.batchSize ?? doc.training.batchSize;
    const program = compileProgram({ ...doc, training: { ...doc.training, seed } }, registry, options.tf);
    const data = new Map<string, LoadedData>();
    try {
      for (const name of program.datasets) {
        if (!isDatasetName(name)) throw new Error(`unknown dataset "${name}"`);
        const [train, test] = await Promise.all([
          options.loadDataset(name, 'train'),
          options.loadDataset(name, 'test'),
        ]);
        data.set(name, {
          train,
          test,
          sampler: createBatchSampler(train, createRng(deriveSeed(seed, `data:${name}`))),
          shares: new Map(),
        });
      }
    } catch (error) {
      program.dispose();
      throw error;
    }
    return new Trainer(program, options.tf, data, batchSize, seed, options.previewSize ?? 256);
  }

  /** The random stream of a node during training: independent per node, fixed by the seed. */
  private rngFor(nodeId: string): Rng {
    let rng = this.rngs.get(nodeId);
    if (!rng) {
      rng = createRng(deriveSeed(this.seed, nodeId));
      this.rngs.set(nodeId, rng);
    }
    return rng;
  }

  /** A training pass drawing the next batch of each dataset, recorded so it can be replayed. */
  private trainingPass(): RecordedPass {
    return recordPass(
      this.batchSize,
      (id) => this.rngFor(id),
      (name, subset) => {
        const loaded = this.data.get(name);
        if (!loaded) throw new Error(`dataset "${name}" was not loaded`);
        return this.samplerFor(name, loaded, subset).next(this.batchSize);
      },
    );
  }

  /** The whole train split, or a fixed class-balanced share of it (some classes, some images) chosen from the seed. */
  private samplerFor(name: string, loaded: LoadedData, subset?: DataSubset): BatchSampler {
    if (!subset || (subset.fraction >= 1 && subset.classes === undefined)) return loaded.sampler;
    const salt = subsetKey(name, subset);
    let sampler = loaded.shares.get(salt);
    if (!sampler) {
      const pool = balancedSubset(
        loaded.train,
        subset.fraction,
        createRng(deriveSeed(this.seed, `share:${salt}`)),
        subset.classes,
      );
      sampler = createBatchSampler(loaded.train, createRng(deriveSeed(this.seed, `data:${salt}`)), pool);
      loaded.shares.set(salt, sampler);
    }
    return sampler;
  }

  /** A pass on fixed test inputs and a fixed noise seed, so previews and metrics are comparable over time. */
  private fixedPass(mode: RunMode, size: number): PassSettings {
    const settings = fixedPass(this.seed, this.data, { mode, size, split: 'test', salt: 'preview' });
    return { ...settings, stateFor: (id) => this.states.view(id, false) };
  }

  /** The optimizer side of a phase's node definition; undefined if the node is not an optimizer. */
  private optimizerBuild(node: string) {
    const build = this.program.registry.get(this.program.types.index.nodes.get(node)?.type ?? '')?.build;
    return build?.role === 'optimizer' ? build : undefined;
  }

  /** Sets a phase's learning rate for the current iteration from its live params. */
  private updateRate(phase: Phase): void {
    const node = phase.optimizerNode;
    this.optimizerBuild(node)?.update(phase.optimizer, this.program.params.get(node) ?? {}, this.iteration);
  }

  /**
   * Readies a phase for this iteration (sets its learning rate, which may decay) and returns its
   * steps, from its optimizer's live `k`; 0 for a phase with nothing to train or outside its
   * schedule (waiting to start, or stopped).
   */
  private prepareSteps(phase: Phase): number {
    const node = phase.optimizerNode;
    const build = this.optimizerBuild(node);
    if (!build || phase.variables.length === 0) return 0;
    if (!scheduledAt(phaseSchedule(this.program, node), this.iteration)) return 0;
    this.updateRate(phase);
    return build.stepsPerIteration(this.program.params.get(node) ?? {});
  }

  /**
   * One optimizer step of a phase. Gradients are applied only when the loss is finite, so a
   * step that produces NaN or Inf leaves every weight as it was and says where it started.
   */
  private async phaseStep(phase: Phase): Promise<PhaseOutcome> {
    const { tf, program } = this;
    const pass = this.trainingPass();
    const settings: PassSettings = { ...pass.settings, stateFor: (id) => this.states.view(id, true) };
    const kept: KeptLoss[] = [];
    const measured: KeptLoss[] = [];
    const { value, grads } = phase.optimizer.computeGradients(() => {
      const { losses, metrics } = runPass(program, tf, this.needed.get(phase) ?? new Set(), settings);
      let total: tfjs.Scalar = tf.scalar(0);
      for (const lossNode of phase.losses) {
        const term = losses.get(lossNode);
        if (!term) continue;
        const weight = Number(program.params.get(lossNode)?.weight ?? 1);
        total = tf.add(total, tf.mul(term, weight));
        kept.push({ node: lossNode, value: tf.keep(term) });
      }
      for (const metricNode of this.metrics.get(phase) ?? []) {
        const value = metrics.get(metricNode);
        if (value) measured.push({ node: metricNode, value: tf.keep(value) });
      }
      return total;
    }, phase.variables as tfjs.Variable[]);
    const read = [...kept, ...measured];
    const stacked = tf.stack([value, ...read.map((k) => k.value)]);
    const numbers = await stacked.data();
    tf.dispose([stacked, value, ...read.map((k) => k.value)]);
    this.states.endStep();
    const losses: Record<string, number> = {};
    read.forEach((k, i) => (losses[k.node] = numbers[i + 1] ?? NaN));
    if (!Number.isFinite(numbers[0] ?? NaN)) {
      tf.dispose(grads);
      const loss = kept.find((k) => !Number.isFinite(losses[k.node] ?? NaN))?.node ?? phase.optimizerNode;
      return { losses, nonFinite: { loss, node: await this.firstNonFinite(loss, pass.replay()) } };
    }
    phase.optimizer.applyGradients(grads);
    tf.dispose(grads);
    this.optimizerBuild(phase.optimizerNode)?.afterStep?.(
      tf,
      phase.variables,
      program.params.get(phase.optimizerNode) ?? {},
    );
    return { losses };
  }

  /**
   * One iteration: every phase in graph order that its schedule lets train, each `k` steps; losses
   * are those of each phase's last step. `between` runs after every optimizer step but the last
   * (a session sends frames there when an iteration of many steps outlasts the frame interval).
   */
  async step(between?: () => Promise<void>): Promise<StepResult> {
    const losses: Record<string, number> = {};
    const plan = this.program.phases.map((phase) => ({ phase, k: this.prepareSteps(phase) }));
    const total = plan.reduce((sum, p) => sum + p.k, 0);
    let steps = 0;
    for (const { phase, k } of plan) {
      for (let i = 0; i < k; i++) {
        const outcome = await this.phaseStep(phase);
        steps += 1;
        Object.assign(losses, outcome.losses);
        if (outcome.nonFinite) return this.result(losses, steps, outcome.nonFinite);
        if (between && steps < total) await between();
      }
    }
    this.iteration += 1;
    return this.result(losses, steps);
  }

  /** A single step of one phase, named by its optimizer node, whatever its schedule (does not count as an iteration). */
  async stepPhase(optimizerNode: string): Promise<StepResult> {
    const phase = this.program.phases.find((p) => p.optimizerNode === optimizerNode);
    if (!phase) throw new Error(`no optimizer node "${optimizerNode}" in this program`);
    if (phase.variables.length === 0) return this.result({}, 0);
    this.updateRate(phase);
    const outcome = await this.phaseStep(phase);
    return this.result(outcome.losses, 1, outcome.nonFinite);
  }

  private result(losses: Record<string, number>, steps: number, nonFinite?: NonFinite): StepResult {
    return {
      iteration: this.iteration,
      losses,
      samples: steps * this.batchSize,
      ...(nonFinite !== undefined && { nonFinite }),
    };
  }

  /** Replays the pass behind a loss and finds the first node, in graph order, whose output is not finite. */
  private async firstNonFinite(lossNode: string, pass: PassSettings): Promise<string> {
    const { tf, program } = this;
    const needed = nodesNeeded(program, [lossNode]);
    const checks = tf.tidy(() => {
      const { values } = runPass(program, tf, needed, pass);
      const entries = [...values.entries()].filter(([, t]) => t.dtype === 'float32');
      return {
        keys: entries.map(([k]) => k),
        flags: tf.stack(entries.map(([, t]) => tf.all(tf.isFinite(t)).toFloat())),
      };
    });
    const flags = await checks.flags.data();
    checks.flags.dispose();
    const order = new Map(program.types.order.map((id, i) => [id, i]));
    let first = lossNode;
    let firstRank = Infinity;
    checks.keys.forEach((key, i) => {
      const node = key.split('\u0000')[0] ?? '';
      const rank = order.get(node) ?? Infinity;
      if (flags[i] === 0 && rank < firstRank) {
        first = node;
        firstRank = rank;
      }
    });
    return first;
  }

  /** Nodes that draw a view of their own: critic maps and sample metrics. */
  viewNodes(): string[] {
    return [
      ...this.previewSource.criticMaps.map((p) => p.node),
      ...sampleMetricPlans(this.program).map((p) => p.node),
    ];
  }

  /** The critic maps and the 2-D scatters that training moves, on the full pass's inputs. */
  pointPreviews(): Promise<Preview[]> {
    this.liveScatters ??= trainedPreviewNodes(this.program, 'scatter');
    return livePointPreviews(this.previewSource, this.liveScatters);
  }

  /** Samples in the preview passes: as many as the views show, at most the previewSize option. */
  get previewSamples(): number {
    return this.previewSource.samples;
  }

  /** Previews of every output that has one, from a pass on fixed test inputs. */
  previews(): Promise<Preview[]> {
    return fullPreviews(this.previewSource);
  }

  /**
   * Outputs of some ports on the first `count` test images (class-balanced, or `count` samples of
   * noise and toys from a fixed seed), for metrics. 'eval' turns corruptions off; 'preview' keeps them.
   */
  async evaluate(
    refs: readonly PortRef[],
    count: number,
    mode: 'eval' | 'preview' = 'eval',
  ): Promise<{ values: Float32Array; shape: number[] }[]> {
    const { tf, program } = this;
    const needed = nodesNeeded(
      program,
      refs.map((r) => r.node),
    );
    const outputs = tf.tidy(() => {
      const { values } = runPass(program, tf, needed, this.fixedPass(mode, count));
      return refs.map((ref) => {
        const value = values.get(refKey(ref));
        if (!value) throw new Error(`no value for ${ref.node}.${ref.port}`);
        return value.clone();
      });
    });
    const result = [];
    for (const t of outputs) result.push({ values: new Float32Array(await t.data()), shape: t.shape });
    tf.dispose(outputs);
    return result;
  }

  /** Changes params of a node while training; only live params take effect without a recompile. */
  setParams(nodeId: string, changes: Readonly<Record<string, ParamValue>>): void {
    const current = this.program.params.get(nodeId);
    if (!current) throw new Error(`no node "${nodeId}"`);
    Object.assign(current, changes);
    const phase = this.program.phases.find((p) => p.optimizerNode === nodeId);
    if (phase) this.updateRate(phase);
  }

  dispose(): void {
    this.states.dispose();
    this.program.dispose();
  }
}
