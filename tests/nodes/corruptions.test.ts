// Corruption nodes: damage in train and preview modes, identity in eval, seeded noise.

import { beforeAll, describe, expect, it } from 'vitest';
import { CORRUPTION_NODES, dropoutNoise, gaussianNoise, maskingNoise } from '../../nodes/corruptions';
import { inferNode } from '../../src/core/infer/context';
import type { AnyNodeDefinition, RunMode } from '../../src/core/types/definition';
import type { ParamValue } from '../../src/core/types/params';
import { tensorType } from '../../src/core/types/ports';
import { runNode, tf, useCpu, values, withoutLeaks } from './run-harness';

beforeAll(useCpu);

/** Runs a corruption on `x` and returns the output values, disposing the output. */
async function corrupt(
  def: AnyNodeDefinition,
  x: tf.Tensor,
  params: Record<string, ParamValue> = {},
  mode: RunMode = 'train',
  seed = 1,
): Promise<number[]> {
  const { out } = runNode(def, { inputs: { in: x }, params, mode, seed });
  expect(out!.shape).toEqual(x.shape);
  const result = await values(out!);
  out!.dispose();
  return result;
}

describe('all corruptions', () => {
  it('keep the input type', () => {
    for (const def of CORRUPTION_NODES) {
      const image = tensorType([28, 28, 1]);
      expect(inferNode(def, { nodeId: 'c', params: {}, inputs: { in: [image] } }).outputs).toEqual({
        out: image,
      });
    }
  });

  it('are the identity in eval mode and change the input in train and preview modes', async () => {
    await withoutLeaks(async () => {
      const x = tf.fill([2, 28, 28, 1], 0.5);
      const clean = await values(x);
      for (const def of CORRUPTION_NODES) {
        expect(await corrupt(def, x, {}, 'eval'), def.type).toEqual(clean);
        expect(await corrupt(def, x, {}, 'train'), def.type).not.toEqual(clean);
        expect(await corrupt(def, x, {}, 'preview'), def.type).not.toEqual(clean);
      }
      x.dispose();
    });
  });

  it('give the same damage for the same seed and different damage for another seed', async () => {
    await withoutLeaks(async () => {
      const x = tf.fill([2, 28, 28, 1], 0.5);
      for (const def of CORRUPTION_NODES) {
        const a = await corrupt(def, x, {}, 'train', 5);
        expect(await corrupt(def, x, {}, 'train', 5), def.type).toEqual(a);
        expect(await corrupt(def, x, {}, 'train', 6), def.type).not.toEqual(a);
      }
      x.dispose();
    });
  });
});

describe('gaussian noise', () => {
  it('adds noise of the chosen standard deviation', async () => {
    await withoutLeaks(async () => {
      const x = tf.zeros([100, 100]);
      const noisy = await corrupt(gaussianNoise, x, { std: 0.5 });
      const mean = noisy.reduce((a, b) => a + b, 0) / noisy.length;
      const std = Math.sqrt(noisy.reduce((a, b) => a + (b - mean) ** 2, 0) / noisy.length);
      expect(Math.abs(mean)).toBeLessThan(0.02);
      expect(std).toBeGreaterThan(0.49);
      expect(std).toBeLessThan(0.51);
      x.dispose();
    });
  });
});

describe('dropout noise', () => {
  it('zeroes about the chosen share of pixels and leaves the rest unscaled', async () => {
    await withoutLeaks(async () => {
      const x = tf.ones([10, 28, 28, 1]);
      const out = await corrupt(dropoutNoise, x, { rate: 0.25 });
      expect(out.every((v) => v === 0 || v === 1)).toBe(true);
      const zeroShare = out.filter((v) => v === 0).length / out.length;
      expect(zeroShare).toBeGreaterThan(0.23);
      expect(zeroShare).toBeLessThan(0.27);
      x.dispose();
    });
  });

  it('drops a colour pixel in all its channels at once', async () => {
    await withoutLeaks(async () => {
      const x = tf.ones([2, 8, 8, 3]);
      const out = await corrupt(dropoutNoise, x, { rate: 0.5 });
      for (let pixel = 0; pixel < out.length / 3; pixel++) {
        const [r, g, b] = out.slice(3 * pixel, 3 * pixel + 3);
        expect(r === g && g === b).toBe(true);
      }
      expect(out.includes(0)).toBe(true);
      x.dispose();
    });
  });
});

describe('masking', () => {
  it('sets one square patch of the chosen size to 0 in each image', async () => {
    await withoutLeaks(async () => {
      const size = 10;
      const x = tf.ones([3, 28, 28, 1]);
      const out = await corrupt(maskingNoise, x, { size });
      for (let image = 0; image < 3; image++) {
        const zeros: [number, number][] = [];
        for (let r = 0; r < 28; r++) {
          for (let c = 0; c < 28; c++) if (out[image * 784 + r * 28 + c] === 0) zeros.push([r, c]);
        }
        expect(zeros.length).toBe(size * size);
        const rows = zeros.map(([r]) => r);
        const cols = zeros.map(([, c]) => c);
        expect(Math.max(...rows) - Math.min(...rows)).toBe(size - 1);
        expect(Math.max(...cols) - Math.min(...cols)).toBe(size - 1);
      }
      x.dispose();
    });
  });

  it('rejects a patch larger than the image', () => {
    const result = inferNode(maskingNoise, {
      nodeId: 'm',
      params: { size: 30 },
      inputs: { in: [tensorType([28, 28, 1])] },
    });
    expect(result.issues[0]?.code).toBe('E_BAD_PARAM');
    expect(result.issues[0]?.param).toBe('size');
    expect(result.issues[0]?.message).toContain('28');
  });

  it('rejects a vector input', () => {
    const result = inferNode(maskingNoise, { nodeId: 'm', params: {}, inputs: { in: [tensorType([784])] } });
    expect(result.issues[0]?.code).toBe('E_RANK');
  });
});
