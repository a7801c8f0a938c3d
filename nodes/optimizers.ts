// Optimizer nodes: each is one training phase that minimises its losses over its networks,
// `k` steps per iteration, with a learning rate that can change while training runs.

import type * as tfjs from '@tensorflow/tfjs';
import {
  defineNode,
  type AnyNodeDefinition,
  type InferContext,
  type PhaseSchedule,
  type TF,
} from '../src/core/types/definition';
import type { NetworkListParam, NumberParam, ParamSpecs } from '../src/core/types/params';
import { formatType } from '../src/core/types/ports';

const learningRate = (value: number): NumberParam => ({
  kind: 'number',
  default: value,
  min: 1e-6,
  max: 1,
  log: true,
  live: true,
  label: 'learning rate',
  doc: 'Size of each step; too large and training diverges, too small and it crawls.',
});

/**
 * Fixed rather than tfjs's default, which follows the backend's float precision: WebGL reports
 * 16-bit and would use 1e-4, so the same graph would train differently there than elsewhere.
 */
const EPSILON = 1e-7;

const STEPS: NumberParam = {
  kind: 'number',
  default: 1,
  min: 1,
  max: 20,
  integer: true,
  live: true,
  label: 'steps per iteration',
  doc: 'Steps per iteration: k discriminator steps per generator step.',
};

const CLIP: NumberParam = {
  kind: 'number',
  default: 0,
  min: 0,
  max: 10,
  step: 0.01,
  live: true,
  label: 'weight clip',
  doc: "After every step, weights of the trained networks are clipped into [-clip, clip], as a Wasserstein GAN's critic needs; 0 turns it off.",
};

/** Clips every trained variable into [-clip, clip] after a step; clip 0 leaves them alone. */
export function clipWeights(tf: TF, variables: readonly tfjs.Variable[], clip: number): void {
  if (!(clip > 0)) return;
  for (const variable of variables) {
    tf.tidy(() => variable.assign(tf.clipByValue(variable, -clip, clip)));
  }
}

/** Generous bounds: a full-length preset runs a few thousand iterations. */
const MAX_ITERATIONS = 1_000_000;

/** A live iteration count where 0 turns it off: the two ends of an optimizer's schedule, its rate's half-life. */
const iterationParam = (label: string, doc: string): NumberParam => ({
  kind: 'number',
  default: 0,
  min: 0,
  max: MAX_ITERATIONS,
  integer: true,
  live: true,
  label,
  doc,
});

const START_AFTER = iterationParam(
  'start after (iterations)',
  'Iterations this optimizer waits before its first step, so that another one can pretrain first; 0 starts at once.',
);

const STOP_AFTER = iterationParam(
  'stop after (iterations)',
  'Iteration after which this optimizer takes no more steps, so its networks stay as they are from then on (unless another optimizer trains them); 0 never stops.',
);

const HALF_LIFE = iterationParam(
  'learning-rate half-life (iterations)',
  "Iterations over which the learning rate halves, counted from this optimizer's first step: big steps early, ever smaller ones later, so the weights settle instead of jittering around where they belong. 0 keeps the rate constant.",
);

/**
 * The rate an optimizer steps with in `iteration` (0-based): the learning rate, halved every
 * `halfLife` iterations after the optimizer starts; constant when halfLife is 0.
 */
export function scheduledRate(
  params: { learningRate: number; halfLife: number; startAfter: number },
  iteration: number,
): number {
  if (!(params.halfLife > 0)) return params.learningRate;
  const since = Math.max(0, iteration - params.startAfter);
  return params.learningRate * 0.5 ** (since / params.halfLife);
}

const updateRate = (
  optimizer: tfjs.Optimizer,
  params: { learningRate: number; halfLife: number; startAfter: number },
  iteration: number,
): void => applyLearningRate(optimizer, scheduledRate(params, iteration));

const schedule = (params: { startAfter: number; stopAfter: number }): PhaseSchedule => ({
  startAfter: params.startAfter,
  stopAfter: params.stopAfter,
});

const NETWORKS: NetworkListParam = {
  kind: 'networks',
  default: [],
  doc: 'The networks whose weights this optimizer changes; none chosen means every network before its losses.',
};

const FROZEN: NetworkListParam = {
  kind: 'networks',
  default: [],
  label: 'frozen networks',
  doc: 'Networks before its losses whose weights this optimizer leaves exactly as they are, such as a pretrained encoder under a new classifier. Another optimizer may still train them.',
};

const LOSSES_IN = [
  {
    name: 'losses',
    kind: 'loss',
    multiple: true,
    doc: 'The loss terms to minimise; their weighted sum is used.',
  },
] as const;

/**
 * At least one loss must come in, every named network must exist, none be both trained and frozen,
 * and an optimizer that stops must stop after it starts.
 */
function inferOptimizer<P extends ParamSpecs>(
  ctx: InferContext<P>,
  {
    networks,
    frozen,
    startAfter,
    stopAfter,
  }: { networks: readonly string[]; frozen: readonly string[]; startAfter: number; stopAfter: number },
) {
  const losses = ctx.inputs('losses');
  if (losses.length === 0) ctx.fail('E_UNCONNECTED', { port: 'losses' });
  for (const loss of losses) {
    if (loss.kind !== 'loss')
      ctx.fail('E_WRONG_KIND', { port: 'losses', expected: 'a loss', actual: formatType(loss) });
  }
  for (const [param, ids] of [
    ['networks', networks],
    ['frozen', frozen],
  ] as const) {
    for (const id of ids) {
      try {
        ctx.network(id);
      } catch {
        ctx.fail('E_UNKNOWN_NETWORK', { network: id, param });
      }
    }
  }
  const both = networks.find((id) => frozen.includes(id));
  if (both !== undefined)
    ctx.fail('E_BAD_PARAM', {
      param: 'frozen',
      detail: `network "${both}" is both trained and frozen; untick it in one of the two lists`,
    });
  if (stopAfter > 0 && stopAfter <= startAfter)
    ctx.fail('E_BAD_PARAM', {
      param: 'stopAfter',
      detail: `it stops after iteration ${stopAfter} but starts only after iteration ${startAfter}, so it would never train; raise stop after above start after, or set it to 0 to never stop`,
    });
  return {};
}

/**
 * Adam and RMSProp read their plain `learningRate` field at every step, so setting it is enough;
 * SGD and momentum cache the rate in a scalar tensor that only setLearningRate rebuilds.
 */
export function applyLearningRate(optimizer: tfjs.Optimizer, rate: number): void {
  if (currentLearningRate(optimizer) === rate) return;
  const target = optimizer as unknown as { learningRate: number; setLearningRate?: (rate: number) => void };
  if (typeof target.setLearningRate === 'function') target.setLearningRate(rate);
  else target.learningRate = rate;
}

/** The rate an optimizer will use on its next step (for tests and the inspector). */
export function currentLearningRate(optimizer: tfjs.Optimizer): number {
  return (optimizer as unknown as { learningRate: number }).learningRate;
}

/**
 * tfjs 4.22's MomentumOptimizer.dispose() frees its own state but not the learning-rate scalar
 * its SGD parent keeps, leaking one tensor per optimizer; free it as well.
 */
function disposeRateToo(optimizer: tfjs.MomentumOptimizer): tfjs.MomentumOptimizer {
  const disposeOwnState = optimizer.dispose.bind(optimizer);
  optimizer.dispose = () => {
    disposeOwnState();
    (optimizer as unknown as { c?: tfjs.Tensor }).c?.dispose();
  };
  return optimizer;
}

export const sgdOptimizer = defineNode({
  type: 'optimizer.sgd',
  title: 'SGD with momentum',
  category: 'optimizer',
  doc: 'Gradient descent: steps downhill on the loss; momentum keeps part of the previous step so it rolls through small bumps.',
  inputs: LOSSES_IN,
  outputs: [],
  params: {
    learningRate: learningRate(0.01),
    momentum: {
      kind: 'number',
      default: 0.9,
      min: 0,
      max: 0.999,
      step: 0.01,
      doc: 'Share of the previous step kept in the next one; 0 gives plain gradient descent.',
    },
    k: STEPS,
    clip: CLIP,
    startAfter: START_AFTER,
    stopAfter: STOP_AFTER,
    halfLife: HALF_LIFE,
    networks: NETWORKS,
    frozen: FROZEN,
  },
  infer: (ctx) => inferOptimizer(ctx, ctx.params),
  build: {
    role: 'optimizer',
    create: (tf, params) =>
      params.momentum > 0
        ? disposeRateToo(tf.train.momentum(params.learningRate, params.momentum))
        : tf.train.sgd(params.learningRate),
    update: updateRate,
    stepsPerIteration: (params) => params.k,
    schedule,
    networks: (params) => params.networks,
    stateSlots: (params) => (params.momentum > 0 ? 1 : 0),
    frozen: (params) => params.frozen,
    afterStep: (tf, variables, params) => clipWeights(tf, variables, params.clip),
  },
});

export const adamOptimizer = defineNode({
  type: 'optimizer.adam',
  title: 'Adam',
  category: 'optimizer',
  doc: 'Gradient descent that adapts the step of every weight to the size of its recent gradients; a good first choice.',
  inputs: LOSSES_IN,
  outputs: [],
  params: {
    learningRate: learningRate(0.001),
    beta1: {
      kind: 'number',
      default: 0.9,
      min: 0,
      max: 0.9999,
      step: 0.01,
      doc: 'Memory of the average gradient; GANs often use 0.5.',
    },
    beta2: {
      kind: 'number',
      default: 0.999,
      min: 0,
      max: 0.99999,
      step: 0.001,
      doc: 'Memory of the average squared gradient.',
    },
    k: STEPS,
    clip: CLIP,
    startAfter: START_AFTER,
    stopAfter: STOP_AFTER,
    halfLife: HALF_LIFE,
    networks: NETWORKS,
    frozen: FROZEN,
  },
  infer: (ctx) => inferOptimizer(ctx, ctx.params),
  build: {
    role: 'optimizer',
    create: (tf, params) => tf.train.adam(params.learningRate, params.beta1, params.beta2, EPSILON),
    update: updateRate,
    stepsPerIteration: (params) => params.k,
    schedule,
    networks: (params) => params.networks,
    // The running mean of the gradients and of their squares.
    stateSlots: () => 2,
    frozen: (params) => params.frozen,
    afterStep: (tf, variables, params) => clipWeights(tf, variables, params.clip),
  },
});

export const rmspropOptimizer = defineNode({
  type: 'optimizer.rmsprop',
  title: 'RMSProp',
  category: 'optimizer',
  doc: "Gradient descent that divides each step by a running average of the gradient's size, so steep and flat weights move alike.",
  inputs: LOSSES_IN,
  outputs: [],
  params: {
    learningRate: learningRate(0.001),
    rho: {
      kind: 'number',
      default: 0.9,
      min: 0,
      max: 0.9999,
      step: 0.01,
      doc: 'Memory of the average squared gradient.',
    },
    momentum: {
      kind: 'number',
      default: 0,
      min: 0,
      max: 0.999,
      step: 0.01,
      doc: 'Share of the previous step kept in the next one.',
    },
    k: STEPS,
    clip: CLIP,
    startAfter: START_AFTER,
    stopAfter: STOP_AFTER,
    halfLife: HALF_LIFE,
    networks: NETWORKS,
    frozen: FROZEN,
  },
  infer: (ctx) => inferOptimizer(ctx, ctx.params),
  build: {
    role: 'optimizer',
    create: (tf, params) => tf.train.rmsprop(params.learningRate, params.rho, params.momentum, EPSILON),
    update: updateRate,
    stepsPerIteration: (params) => params.k,
    schedule,
    networks: (params) => params.networks,
    // tfjs keeps the mean square and the momentum of every weight, even with momentum 0.
    stateSlots: () => 2,
    frozen: (params) => params.frozen,
    afterStep: (tf, variables, params) => clipWeights(tf, variables, params.clip),
  },
});

export const OPTIMIZER_NODES: readonly AnyNodeDefinition[] = [sgdOptimizer, adamOptimizer, rmspropOptimizer];
