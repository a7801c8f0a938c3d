// The edges op: a Sobel edge map of a grey image, soft or thresholded into a line drawing.

import { beforeAll, describe, expect, it } from 'vitest';
import { edgesOp } from '../../nodes/ops-image';
import { inferNode } from '../../src/core/infer/context';
import { tensorType } from '../../src/core/types/ports';
import { runNode, tf, useCpu, values, withoutLeaks } from './run-harness';

beforeAll(useCpu);

/** A 1x8x8x1 image: 0 left of column `edge`, 1 from it on. */
const step = (edge: number) =>
  tf.tensor4d(
    Array.from({ length: 64 }, (_, i) => (i % 8 >= edge ? 1 : 0)),
    [1, 8, 8, 1],
  );

async function edges(image: tf.Tensor, threshold: number): Promise<number[]> {
  const { out } = runNode(edgesOp, { inputs: { in: image }, params: { threshold } });
  const result = await values(out!);
  expect(out!.shape).toEqual(image.shape);
  out!.dispose();
  return result;
}

describe('edges', () => {
  it('keeps the image shape and refuses a colour image or a vector', () => {
    const infer = (shape: number[]) =>
      inferNode(edgesOp, { nodeId: 'e', params: {}, inputs: { in: [tensorType(shape)] } });
    expect(infer([28, 28, 1]).outputs).toEqual({ out: tensorType([28, 28, 1]) });
    expect(infer([28, 28, 3]).issues[0]).toMatchObject({ code: 'E_SHAPE_MISMATCH', port: 'in' });
    expect(infer([784]).issues[0]?.code).toBe('E_RANK');
  });

  it('finds nothing in a flat image', async () => {
    await withoutLeaks(async () => {
      const flat = tf.fill([1, 8, 8, 1], 0.6);
      // Zero padding makes the border of a non-black image an edge; inside there is none.
      const soft = await edges(flat, 0);
      for (let y = 1; y < 7; y++) for (let x = 1; x < 7; x++) expect(soft[y * 8 + x]).toBe(0);
      flat.dispose();
    });
  });

  it('marks the columns beside a vertical step at full strength and nothing away from it', async () => {
    await withoutLeaks(async () => {
      const image = step(4);
      const soft = await edges(image, 0);
      const binary = await edges(image, 0.5);
      image.dispose();
      // Rows 1..6 avoid the zero padding at the top and bottom borders.
      for (let y = 1; y < 7; y++) {
        expect(soft[y * 8 + 3]).toBeCloseTo(1, 5);
        expect(soft[y * 8 + 4]).toBeCloseTo(1, 5);
        expect(soft[y * 8 + 1]).toBe(0);
        expect(soft[y * 8 + 6]).toBe(0);
      }
      expect(new Set(binary)).toEqual(new Set([0, 1]));
      expect(binary[3 * 8 + 3]).toBe(1);
      expect(binary[3 * 8 + 1]).toBe(0);
    });
  });

  it('a higher threshold keeps fewer edge pixels of a faint step', async () => {
    await withoutLeaks(async () => {
      const faint = tf.tidy(() => tf.mul(step(4), 0.3));
      const low = (await edges(faint, 0.1)).filter((v) => v === 1).length;
      const high = (await edges(faint, 0.5)).filter((v) => v === 1).length;
      faint.dispose();
      expect(low).toBeGreaterThan(0);
      expect(high).toBeLessThan(low);
    });
  });
});
