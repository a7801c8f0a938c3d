// The experience-replay node: its mixing of current and buffered fakes, its buffer kept in the
// node's state across steps without leaking tensors, and its pass-through outside training.

import { beforeAll, describe, expect, it } from 'vitest';
import { replayKeepIndices, replayMixIndices, replayOp } from '../../nodes/gan-replay';
import { createRng } from '../../src/core/data/rng';
import { inferNode } from '../../src/core/infer/context';
import { NodeStates } from '../../src/core/train/node-state';
import type { AnyNodeDefinition } from '../../src/core/types/definition';
import { tensorType, type PortType } from '../../src/core/types/ports';
import { fakeRunContext, runNode, tf, useCpu, values, withoutLeaks } from './run-harness';

beforeAll(useCpu);

const infer = (def: AnyNodeDefinition, inputs: Record<string, PortType[]>, params = {}) =>
  inferNode(def, { nodeId: 'n1', params, inputs });

describe('experience replay', () => {
  it('infers its input type and fails on a missing input', () => {
    expect(infer(replayOp, { in: [tensorType([2])] }).outputs).toEqual({ out: tensorType([2]) });
    expect(infer(replayOp, {}).issues[0]).toMatchObject({ code: 'E_UNCONNECTED', port: 'in' });
  });

  it('mixes in buffered rows at the requested share and fills, then caps, its buffer', () => {
    const rng = createRng(5);
    expect(replayMixIndices(rng, 4, 0, 1)).toEqual(Int32Array.from([0, 1, 2, 3]));
    const rows = replayMixIndices(rng, 10000, 50, 0.3);
    const replayed = rows.filter((r) => r >= 10000);
    expect(replayed.length / rows.length).toBeGreaterThan(0.28);
    expect(replayed.length / rows.length).toBeLessThan(0.32);
    expect(replayed.every((r) => r < 10050)).toBe(true);
    expect(replayKeepIndices(rng, 0, 4, 10)).toEqual(Int32Array.from([0, 1, 2, 3]));
    const full = replayKeepIndices(rng, 10, 4, 10);
    expect(full).toHaveLength(10);
    expect(full.filter((r) => r >= 10).length).toBeGreaterThan(0);
  });

  it('hands back earlier fakes and keeps numTensors flat over 50 steps', async () => {
    const states = new NodeStates(tf);
    const step = async (value: number, mix: number): Promise<number[]> => {
      const input = tf.fill([8, 2], value);
      const { out } = runNode(replayOp, {
        inputs: { in: input },
        params: { size: 16, mix },
        state: states.view('n1', true),
        seed: value,
      });
      const read = await values(out as tf.Tensor);
      tf.dispose([input, out as tf.Tensor]);
      states.endStep();
      return read;
    };
    expect(await step(1, 1)).toEqual(new Array(16).fill(1)); // nothing stored yet
    expect(await step(2, 1)).toEqual(new Array(16).fill(1)); // all from the buffer of 1s
    expect(await step(3, 0)).toEqual(new Array(16).fill(3)); // mix 0: the current batch
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) await step(4 + i, 0.5);
    expect(tf.memory().numTensors).toBe(before);
    expect(states.size).toBe(1);
    states.dispose();
  });

  it('passes the input through outside training and leaves the buffer alone', async () => {
    const states = new NodeStates(tf);
    const input = tf.fill([4, 2], 7);
    await withoutLeaks(async () => {
      const { out } = runNode(replayOp, {
        inputs: { in: input },
        mode: 'eval',
        state: states.view('n1', false),
      });
      expect(await values(out as tf.Tensor)).toEqual(new Array(8).fill(7));
      (out as tf.Tensor).dispose();
    });
    expect(states.size).toBe(0);
    input.dispose();
  });
});

describe('a fake run context', () => {
  it('keeps no state unless given one', () => {
    const ctx = fakeRunContext(replayOp);
    const t = tf.scalar(1);
    ctx.state.set('x', t);
    expect(ctx.state.get('x')).toBeUndefined();
    t.dispose();
  });
});
