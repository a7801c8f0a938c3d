// Optimizer nodes: inference, the tfjs optimizer each creates, and live learning-rate changes
// that really change the step taken.

import { beforeAll, describe, expect, it } from 'vitest';
import {
  adamOptimizer,
  currentLearningRate,
  OPTIMIZER_NODES,
  rmspropOptimizer,
  sgdOptimizer,
} from '../../nodes/optimizers';
import { inferNode } from '../../src/core/infer/context';
import type { AnyNodeDefinition, NetworkSignature } from '../../src/core/types/definition';
import { defaultParams, type ParamValue } from '../../src/core/types/params';
import { lossType, tensorType } from '../../src/core/types/ports';
import { tf, useCpu, withoutLeaks } from './run-harness';

beforeAll(useCpu);

function optimizerRole(def: AnyNodeDefinition) {
  const build = def.build;
  if (build.role !== 'optimizer') throw new Error(`${def.type} is not an optimizer`);
  return build;
}

const params = (def: AnyNodeDefinition, over: Record<string, ParamValue> = {}) => ({
  ...defaultParams(def.params),
  ...over,
});

/**
 * How far one step moves a variable starting at 1 under loss = variable (gradient 1), with the
 * optimizer created at `createRate` and switched to `stepRate` by update() before the step.
 */
async function stepSize(
  def: AnyNodeDefinition,
  createRate: number,
  stepRate: number,
  over: Record<string, ParamValue>,
): Promise<number> {
  const role = optimizerRole(def);
  const optimizer = role.create(tf, params(def, { ...over, learningRate: createRate }));
  role.update(optimizer, params(def, { ...over, learningRate: stepRate }), 0);
  const variable = tf.tidy(() => tf.variable(tf.scalar(1)));
  optimizer.minimize(() => variable.sum() as tf.Scalar, false, [variable]);
  const [after] = await variable.data();
  optimizer.dispose();
  variable.dispose();
  return 1 - (after ?? Number.NaN);
}

describe('optimizer inference', () => {
  const networks = new Map<string, NetworkSignature>([['D', { id: 'D', inputs: [], outputs: [] }]]);
  const infer = (def: AnyNodeDefinition, losses: number, over: Record<string, ParamValue> = {}) =>
    inferNode(def, {
      nodeId: 'o',
      params: over,
      inputs: { losses: Array.from({ length: losses }, () => lossType) },
      network: (id) => networks.get(id),
    });

  it('accepts several losses and has no outputs', () => {
    for (const def of OPTIMIZER_NODES) expect(infer(def, 2)).toEqual({ outputs: {}, issues: [] });
  });

  it('reports an optimizer with no loss as unconnected', () => {
    const result = infer(adamOptimizer, 0);
    expect(result.issues[0]?.code).toBe('E_UNCONNECTED');
    expect(result.issues[0]?.port).toBe('losses');
  });

  it('rejects a tensor on its losses port', () => {
    const result = inferNode(sgdOptimizer, {
      nodeId: 'o',
      params: {},
      inputs: { losses: [tensorType([2])] },
    });
    expect(result.issues[0]?.code).toBe('E_WRONG_KIND');
  });

  it('rejects a network that does not exist and accepts one that does', () => {
    expect(infer(adamOptimizer, 1, { networks: ['D'] }).issues).toEqual([]);
    const result = infer(adamOptimizer, 1, { networks: ['D', 'G'] });
    expect(result.issues[0]?.code).toBe('E_UNKNOWN_NETWORK');
    expect(result.issues[0]?.param).toBe('networks');
    expect(result.issues[0]?.message).toContain('"G"');
  });
});

describe('optimizer build', () => {
  it('creates plain SGD without momentum, and the momentum, Adam and RMSProp optimizers', () => {
    const cases: [AnyNodeDefinition, Record<string, ParamValue>, string][] = [
      [sgdOptimizer, { momentum: 0 }, 'SGD'],
      [sgdOptimizer, { momentum: 0.9 }, 'Momentum'],
      [adamOptimizer, {}, 'Adam'],
      [rmspropOptimizer, {}, 'RMSProp'],
    ];
    for (const [def, over, className] of cases) {
      const optimizer = optimizerRole(def).create(tf, params(def, { learningRate: 0.05, ...over }));
      expect(optimizer.getClassName()).toBe(className);
      expect(currentLearningRate(optimizer)).toBe(0.05);
      optimizer.dispose();
    }
  });

  it('passes Adam its betas', () => {
    const optimizer = optimizerRole(adamOptimizer).create(
      tf,
      params(adamOptimizer, { beta1: 0.5, beta2: 0.9 }),
    );
    expect(optimizer.getConfig()).toMatchObject({ beta1: 0.5, beta2: 0.9 });
    optimizer.dispose();
  });

  it('reports k steps per iteration and the chosen networks', () => {
    for (const def of OPTIMIZER_NODES) {
      const role = optimizerRole(def);
      expect(role.stepsPerIteration(params(def, { k: 5 }))).toBe(5);
      expect(role.networks(params(def, { networks: ['D'] }))).toEqual(['D']);
      expect(role.networks(params(def))).toEqual([]);
    }
  });

  it('states how many values it keeps per trained weight, as many as tfjs saves after a step', async () => {
    await withoutLeaks(async () => {
      const cases: [AnyNodeDefinition, Record<string, ParamValue>, number][] = [
        [sgdOptimizer, { momentum: 0 }, 0],
        [sgdOptimizer, { momentum: 0.9 }, 1],
        [adamOptimizer, {}, 2],
        [rmspropOptimizer, {}, 2],
      ];
      for (const [def, over, slots] of cases) {
        const role = optimizerRole(def);
        const optimizer = role.create(tf, params(def, over));
        const variables = tf.tidy(() => [tf.variable(tf.ones([3])), tf.variable(tf.ones([2, 2]))]);
        optimizer.minimize(() => tf.addN(variables.map((v) => v.sum())) as tf.Scalar, false, variables);
        // The first saved value is the iteration count; the rest are per-weight state.
        const saved = await optimizer.getWeights();
        tf.dispose(saved[0]?.tensor);
        const name = `${def.type} ${JSON.stringify(over)}`;
        expect(saved.length - 1, name).toBe(variables.length * slots);
        expect(role.stateSlots?.(params(def, over)), name).toBe(slots);
        optimizer.dispose();
        tf.dispose(variables);
      }
    });
  });

  it('moves a variable by the new learning rate after a live update', async () => {
    await withoutLeaks(async () => {
      const cases: [AnyNodeDefinition, Record<string, ParamValue>][] = [
        [sgdOptimizer, { momentum: 0 }],
        [sgdOptimizer, { momentum: 0.9 }],
        [adamOptimizer, {}],
        [rmspropOptimizer, {}],
      ];
      for (const [def, over] of cases) {
        const name = `${def.type} ${JSON.stringify(over)}`;
        const kept = await stepSize(def, 0.01, 0.01, over);
        const changed = await stepSize(def, 0.01, 0.1, over);
        expect(kept, name).toBeGreaterThan(0);
        // Every one of these takes a first step proportional to the learning rate.
        expect(changed / kept, name).toBeCloseTo(10, 3);
      }
    });
  });

  it('leaves no tensor behind once an optimizer that has stepped is disposed', async () => {
    // tfjs 4.22's momentum optimizer alone would leak its learning-rate scalar here.
    await withoutLeaks(async () => {
      await stepSize(sgdOptimizer, 0.1, 0.2, { momentum: 0.5 });
    });
  });

  it('uses the updated rate on an SGD optimizer that has already stepped', async () => {
    await withoutLeaks(async () => {
      const role = optimizerRole(sgdOptimizer);
      const optimizer = role.create(tf, params(sgdOptimizer, { learningRate: 0.1, momentum: 0 }));
      const variable = tf.tidy(() => tf.variable(tf.scalar(1)));
      const step = async (): Promise<number> => {
        const [before] = await variable.data();
        optimizer.minimize(() => variable.sum() as tf.Scalar, false, [variable]);
        const [after] = await variable.data();
        return (before ?? 0) - (after ?? 0);
      };
      expect(await step()).toBeCloseTo(0.1, 6);
      role.update(optimizer, params(sgdOptimizer, { learningRate: 0.02, momentum: 0 }), 0);
      expect(await step()).toBeCloseTo(0.02, 6);
      optimizer.dispose();
      variable.dispose();
    });
  });
});
