// The node-definition contract: everything the editor, inference, compiler and file format
// know about a node type comes from one object of this shape, declared under nodes/.
//
// tfjs reaches definitions only through the contexts below (`ctx.tf`), never by import, so
// the page can load the catalogue for inference without bundling tfjs.

import type * as tfjs from '@tensorflow/tfjs';
import type { ClassifierOutputs } from '../metrics/classifier';
import type { IssueCode, IssueFacts } from './issues';
import type { ParamSpecs, ParamValues } from './params';
import type { PortKind, PortType, TensorType } from './ports';

export type TF = typeof tfjs;

export type NodeCategory =
  'source' | 'corruption' | 'layer' | 'op' | 'loss' | 'optimizer' | 'network' | 'metric';

/** How an output is drawn on the node while training. `auto` picks by shape: image grid for
 * [B,H,W,C], scatter for [B,2], histogram for other vectors. */
export type PreviewKind = 'auto' | 'image-grid' | 'scatter' | 'histogram' | 'loss-chart' | 'none';

export interface PortSpec {
  readonly name: string;
  readonly kind: PortKind;
  readonly label?: string;
  readonly doc?: string;
  /** An input that accepts several edges (an optimizer's losses, a concatenation). */
  readonly multiple?: boolean;
  /** An input that may stay unconnected. */
  readonly optional?: boolean;
  /** Outputs only. */
  readonly preview?: PreviewKind;
  /**
   * Labels outputs only: image grids computed from these labels show one row per class, in class
   * order (a conditional generator's samples, grouped by the class each was asked for).
   */
  readonly previewRows?: 'by-class';
}

// ---------------------------------------------------------------- inference

export interface InferContext<P extends ParamSpecs> {
  readonly params: ParamValues<P>;
  readonly nodeId: string;
  /** The one type on a single input port; undefined only for an unconnected optional port. */
  input(port: string): PortType | undefined;
  /** Every type on a port (a `multiple` port), in edge order. */
  inputs(port: string): readonly PortType[];
  /** The single input, required to be a tensor; with `rank`, of that per-sample rank. */
  tensor(port: string, rank?: number | readonly number[]): TensorType;
  /** Signature of a network, for instance nodes. Throws E_UNKNOWN_NETWORK. */
  network(id: string): NetworkSignature;
  /** Stops inference of this node with an error from the issue table. */
  fail(code: IssueCode, facts?: IssueFacts): never;
  /** Records a warning and carries on. */
  warn(code: IssueCode, facts?: IssueFacts): void;
}

/** What a network looks like from outside: its input and output ports in a stable order. */
export interface NetworkSignature {
  readonly id: string;
  readonly inputs: readonly PortType[];
  readonly outputs: readonly PortType[];
}

/** Output types by port name. */
export type InferOutputs = Readonly<Record<string, PortType>>;

// ---------------------------------------------------------------- building

export interface LayerBuildContext {
  readonly tf: TF;
  /** A seed derived from the graph seed and the node id, for initialisers and dropout. */
  readonly seed: number;
  /** A tfjs layer name unique in the program. */
  readonly name: string;
  /** Inferred per-sample types of the inputs, in port order. */
  readonly inputTypes: readonly PortType[];
}

/** One variable of a layer, named as tfjs names it inside the layer ("kernel", "bias"). */
export interface LayerWeight {
  readonly name: string;
  readonly shape: readonly number[];
  /** False for statistics the optimizer does not train (batch norm's moving mean). */
  readonly trainable: boolean;
}

/** Where a step is: training, drawing previews (corruptions still shown), or evaluation. */
export type RunMode = 'train' | 'preview' | 'eval';

/** A seeded generator of uniform numbers in [0, 1). */
export interface Rng {
  next(): number;
  normal(): number;
}

/**
 * A fixed share of a dataset's train split, as when only a few images carry labels: the same
 * class-balanced images every epoch, chosen once from the graph's seed.
 */
export interface DataSubset {
  /** Share of each class's training images, in (0, 1]. */
  readonly fraction: number;
  /** Only images of these classes, in training and in test passes alike; every class if absent. */
  readonly classes?: readonly number[];
}

/** One step's batch of a dataset, shared by every node that reads that dataset in the step. */
export interface DataBatch {
  /** Pixels scaled to [0, 1], NHWC. */
  readonly images: Float32Array;
  readonly labels: Int32Array;
  readonly size: number;
  readonly imageShape: readonly [number, number, number];
  readonly classes: number;
}

/**
 * Tensors a node keeps from one training step to the next (an experience-replay buffer). The
 * trainer holds them per node and disposes them with itself; outside training passes `set` is
 * ignored, so previews and evaluations never change what training will see.
 */
export interface NodeState {
  get(key: string): tfjs.Tensor | undefined;
  /** Keeps a copy of `tensor` under `key` (the node may dispose its own), replacing the last one. */
  set(key: string, tensor: tfjs.Tensor): void;
}

export interface RunContext<P extends ParamSpecs> {
  readonly tf: TF;
  readonly params: ParamValues<P>;
  readonly mode: RunMode;
  readonly batchSize: number;
  readonly rng: Rng;
  readonly nodeId: string;
  /** This node's tensors kept across training steps. */
  readonly state: NodeState;
  /** The tensor on a single input port; throws if unconnected. */
  input(port: string): tfjs.Tensor;
  /** The tensor on an optional input port, or undefined. */
  maybeInput(port: string): tfjs.Tensor | undefined;
  /** Every tensor on a `multiple` port. */
  inputs(port: string): readonly tfjs.Tensor[];
  /** The inferred output types of this node (for shapes a source must produce). */
  outputType(port: string): PortType;
  /**
   * The current batch of a dataset ('train' split while training, 'test' otherwise). With a
   * subset, training batches come only from that share of the train split; test passes use every
   * test image of the subset's classes.
   */
  dataset(name: string, subset?: DataSubset): DataBatch;
  /**
   * A network of the graph as a function of its one input, with the weights it has now (a loss
   * that probes a critic between samples). Throws for a network with other than one input and output.
   */
  network(id: string): (input: tfjs.Tensor) => tfjs.Tensor;
}

/** When an optimizer's phase trains: it waits `startAfter` iterations and stops after `stopAfter` (0: never). */
export interface PhaseSchedule {
  readonly startAfter: number;
  readonly stopAfter: number;
}

/** The tfjs side of a node, one variant per role. The compiler switches on `role`, never on type names. */
export type NodeBuild<P extends ParamSpecs> =
  | {
      /** A Keras-style layer inside a network; compiled into that network's tf.LayersModel. */
      readonly role: 'layer';
      layer(ctx: LayerBuildContext, params: ParamValues<P>): tfjs.layers.Layer;
      /** The variables the layer will create, for memory estimates before building; none if omitted. */
      weights?(inputTypes: readonly PortType[], params: ParamValues<P>): readonly LayerWeight[];
    }
  | {
      /** Produces a batch each step from data or randomness. */
      readonly role: 'source';
      /** Datasets the node reads, loaded before training. */
      datasets?(params: ParamValues<P>): readonly string[];
      run(ctx: RunContext<P>): Readonly<Record<string, tfjs.Tensor>>;
    }
  | {
      /** Plain tensor ops in the step closure (sampling, noise, arithmetic). */
      readonly role: 'op';
      run(ctx: RunContext<P>): Readonly<Record<string, tfjs.Tensor>>;
    }
  | {
      /** A scalar loss term; the trainer multiplies it by the node's `weight` param. */
      readonly role: 'loss';
      run(ctx: RunContext<P>): tfjs.Scalar;
      /** The network the loss applies itself (ctx.network), which its value therefore depends on. */
      appliesNetwork?(params: ParamValues<P>): string;
    }
  | {
      /**
       * A scalar measured on every training step and charted beside the losses, never trained
       * (accuracy, the discriminator's mean output on real or fake images). It is computed in the
       * pass of the first phase that already evaluates all of its inputs.
       */
      readonly role: 'metric';
      run(ctx: RunContext<P>): tfjs.Scalar;
    }
  | {
      /**
       * A figure measured now and then (not every step, it is slow) on samples of the node's `images`
       * input by the project's small classifier for a dataset: FID, Inception Score, class shares. The
       * session loads the classifier; when it is missing the node says so and training goes on.
       */
      readonly role: 'sample-metric';
      /** The dataset whose classifier judges the samples (data/classifiers/<name>). */
      classifier(params: ParamValues<P>): string;
      /** Samples generated for one measurement. */
      samples(params: ParamValues<P>): number;
      /** Iterations between two measurements. */
      every(params: ParamValues<P>): number;
      /** The figure from the classified samples and the classified real test images of the dataset. */
      measure(input: SampleMetricInput, params: ParamValues<P>): SampleMetricValue;
    }
  | {
      /** A training phase: minimises its weighted losses over its networks' variables. */
      readonly role: 'optimizer';
      create(tf: TF, params: ParamValues<P>): tfjs.Optimizer;
      /**
       * Applies live params (the learning rate and its decay) to a running optimizer before it steps
       * in `iteration` (0-based), and whenever they change.
       */
      update(optimizer: tfjs.Optimizer, params: ParamValues<P>, iteration: number): void;
      /** Steps of this phase per iteration (k discriminator steps per generator step). */
      stepsPerIteration(params: ParamValues<P>): number;
      /**
       * The iterations in which this phase steps: from iteration `startAfter` (0-based) up to but
       * not including `stopAfter`, which 0 leaves open. Every iteration when omitted.
       */
      schedule?(params: ParamValues<P>): PhaseSchedule;
      /** Networks named by the node; empty means every network upstream of its losses. */
      networks(params: ParamValues<P>): readonly string[];
      /** Values the optimizer keeps per trained weight (Adam: 2 moments); 2 if omitted. */
      stateSlots?(params: ParamValues<P>): number;
      /** Networks this phase leaves exactly as they are, even when upstream or named. */
      frozen?(params: ParamValues<P>): readonly string[];
      /** Runs after each step of the phase on the variables it trains (weight clipping). */
      afterStep?(tf: TF, variables: readonly tfjs.Variable[], params: ParamValues<P>): void;
    }
  | {
      /** Applies an existing network again, sharing its weights; the node's `network` param names it. */
      readonly role: 'instance';
      network(params: ParamValues<P>): string;
    };

export interface NodeDefinition<P extends ParamSpecs = ParamSpecs> {
  /** Stable id stored in files, such as layer.dense. */
  readonly type: string;
  readonly title: string;
  readonly category: NodeCategory;
  /** One line for the palette and inspector. */
  readonly doc: string;
  readonly inputs: readonly PortSpec[];
  readonly outputs: readonly PortSpec[];
  readonly params: P;
  /** Pure, fast, no tfjs: output types from input types and params, or ctx.fail(...). */
  infer(ctx: InferContext<P>): InferOutputs;
  readonly build: NodeBuild<P>;
  /**
   * Loss nodes only: which part of a VAE's negative ELBO this term is with these params, or null.
   * 'reconstruction' is -log p(x|z) summed over the values of each sample; 'kl' is KL(q(z|x) || p(z))
   * summed over latent dimensions. Both in nats per sample, so an optimizer whose losses hold one of
   * each minimises -ELBO, and the training panel labels and sums them as such.
   */
  elboTerm?(params: ParamValues<P>): ElboTerm | null;
  /** Loss nodes on a discriminator's scores of 2-D points: draw that discriminator over the plane. */
  readonly criticMap?: CriticMapSpec<P>;
  /** Sources of points from a Gaussian mixture: its modes, so views can count the modes a generator hits. */
  mixture?(params: ParamValues<P>): Mixture | null;
}

/** What a sample metric is given: its samples and real test images, both through the classifier. */
export interface SampleMetricInput {
  readonly samples: ClassifierOutputs;
  readonly reference: ClassifierOutputs;
}

export interface SampleMetricValue {
  /** The charted figure. */
  readonly value: number;
  /** Share of the samples given to each class, drawn as a histogram on the node. */
  readonly classShares?: readonly number[];
}

/**
 * How a loss on a discriminator's scores of real and generated 2-D points shows that discriminator
 * over the whole plane (a heat map under both sets of points, as in GAN Lab). The session traces the
 * two inputs back to the network and to the points it was applied to.
 */
export interface CriticMapSpec<P extends ParamSpecs> {
  /** The input with the scores of real points, and the one with the scores of generated points. */
  readonly real: string;
  readonly fake: string;
  /**
   * 'logits': raw scores, drawn as sigmoid(score) = D(x); 'probability': D(x) already; 'score': a
   * critic's unbounded score, drawn from its lowest to its highest value over the plane.
   */
  scale(params: ParamValues<P>): CriticScale;
}

export type CriticScale = 'logits' | 'probability' | 'score';

/** A Gaussian mixture a source draws its points from: the centres and the std around each. */
export interface Mixture {
  readonly modes: readonly (readonly number[])[];
  readonly std: number;
}

/** The two terms of a VAE's negative ELBO (see NodeDefinition.elboTerm). */
export type ElboTerm = 'reconstruction' | 'kl';

/** Declares a definition with its params typed from its specs. */
export function defineNode<const P extends ParamSpecs>(def: NodeDefinition<P>): NodeDefinition<P> {
  return def;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyNodeDefinition = NodeDefinition<any>;

/** The catalogue handed to inference, the compiler and the loader. */
export interface NodeRegistry {
  readonly definitions: readonly AnyNodeDefinition[];
  get(type: string): AnyNodeDefinition | undefined;
}

export function makeRegistry(definitions: readonly AnyNodeDefinition[]): NodeRegistry {
  const byType = new Map<string, AnyNodeDefinition>();
  for (const def of definitions) {
    if (byType.has(def.type)) throw new Error(`node type "${def.type}" is defined twice`);
    byType.set(def.type, def);
  }
  return { definitions, get: (type) => byType.get(type) };
}
