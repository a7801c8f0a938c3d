// The training session's `view` command on the cpu backend: codings of class-balanced test images
// in chunks (the same values however many are asked), a VAE's logVar and class names, decoded
// images from given codes, no tensor left behind, and refusals in words.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingSession } from '../../src/core/train/session';
import type { CodingsAnswer, DecodeAnswer } from '../../src/core/views/view-requests';
import { useCpu } from '../core/helpers';
import { expectOk, preset, recordedSession, tf } from '../worker/session-harness';

let open: TrainingSession[] = [];
beforeAll(useCpu);
afterEach(async () => {
  await Promise.all(open.map((s) => s.dispose()));
  open = [];
});

async function trainedSession(name: string): Promise<TrainingSession> {
  const { session } = await recordedSession();
  open.push(session);
  expectOk(await session.load(preset(name), { batchSize: 16 }));
  expectOk(await session.step(2));
  return session;
}

async function codings(session: TrainingSession, node: string, count: number): Promise<CodingsAnswer> {
  const { answer } = expectOk(await session.view({ kind: 'codings', port: { node, port: 'out' }, count }));
  if (answer.kind !== 'codings') throw new Error('expected codings');
  return answer;
}

describe('TrainingSession.view', () => {
  it('gives the stacked autoencoder codings of class-balanced test images, the same in chunks as in one go', async () => {
    const session = await trainedSession('stacked-autoencoder');
    const before = tf.memory().numTensors;
    const many = await codings(session, 'coding', 620);
    const few = await codings(session, 'coding', 40);
    expect(tf.memory().numTensors).toBe(before);
    expect(many).toMatchObject({ count: 620, dim: 32, iteration: 2, logVar: null });
    expect(many.codings).toHaveLength(620 * 32);
    expect([...many.codings.subarray(0, 40 * 32)]).toEqual([...few.codings]);
    expect([...(many.labels ?? new Int32Array()).subarray(0, 12)]).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1,
    ]);
    expect(many.images).toMatchObject({ count: 620, height: 28, width: 28, channels: 1 });
    expect(many.images?.pixels).toHaveLength(620 * 784);
    expect(Math.max(...(many.images?.pixels.subarray(0, 784) ?? []))).toBeGreaterThan(200);
    expect(many.classNames?.[9]).toBe('Ankle boot');
  });

  it("gives a VAE's mu with its logVar, and decodes given codes to images", async () => {
    const session = await trainedSession('vae');
    const answer = await codings(session, 'mu', 30);
    expect(answer.dim).toBe(16);
    expect(answer.logVar).toHaveLength(30 * 16);
    expect(answer.plan.decodeFrom).toEqual({ node: 'sample', port: 'out' });
    const before = tf.memory().numTensors;
    const result = expectOk(
      await session.view({
        kind: 'decode',
        port: { node: 'mu', port: 'out' },
        codes: answer.codings.slice(0, 3 * 16),
      }),
    );
    expect(tf.memory().numTensors).toBe(before);
    const decoded = result.answer as DecodeAnswer;
    expect(decoded.images).toMatchObject({ count: 3, height: 28, width: 28, channels: 1 });
    // Different codes decode to different pictures.
    const [a, b] = [decoded.images.pixels.subarray(0, 784), decoded.images.pixels.subarray(784, 1568)];
    expect(a.some((v, i) => v !== b[i])).toBe(true);
  });

  it("gives a generator's z with the sample each code makes, the same pictures as decoding those codes", async () => {
    const session = await trainedSession('gan-fashion-dense');
    const answer = await codings(session, 'noise', 12);
    expect(answer).toMatchObject({ count: 12, dim: 64, imagesFrom: 'decoded', labels: null });
    expect(answer.plan.decoded).toEqual({ node: 'gOut', port: 'out' });
    expect(answer.images).toMatchObject({ count: 12, height: 28, width: 28, channels: 1 });
    // Random codes: not all equal, roughly standard normal.
    const z = [...answer.codings];
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.3);
    expect(new Set(z.slice(0, 64)).size).toBeGreaterThan(60);
    const before = tf.memory().numTensors;
    const { answer: decoded } = expectOk(
      await session.view({
        kind: 'decode',
        port: { node: 'noise', port: 'out' },
        codes: answer.codings.slice(0, 3 * 64),
      }),
    );
    expect(tf.memory().numTensors).toBe(before);
    const pixels = (decoded as DecodeAnswer).images.pixels;
    const shown = answer.images?.pixels.subarray(0, 3 * 784) ?? new Uint8Array();
    expect(pixels).toHaveLength(3 * 784);
    expect(Math.max(...pixels.map((v, i) => Math.abs(v - (shown[i] ?? -99))))).toBeLessThanOrEqual(1);
    // An encoder's codings show the source's test images instead.
    const stacked = await trainedSession('stacked-autoencoder');
    expect((await codings(stacked, 'coding', 4)).imagesFrom).toBe('source');
  });

  it('refuses before a graph is loaded, a port that is not a vector, and codes of the wrong length', async () => {
    const { session: empty } = await recordedSession();
    open.push(empty);
    const refused = await empty.view({ kind: 'codings', port: { node: 'mu', port: 'out' }, count: 10 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-loaded' } });
    if (!refused.ok) expect(refused.error.message).toContain('Train or Step first');

    const session = await trainedSession('vae');
    const image = await session.view({ kind: 'codings', port: { node: 'image', port: 'out' }, count: 10 });
    expect(image.ok).toBe(false);
    if (!image.ok) expect(image.error.message).toContain('vector output');
    const odd = await session.view({
      kind: 'decode',
      port: { node: 'mu', port: 'out' },
      codes: new Float32Array(20),
    });
    expect(odd.ok).toBe(false);
    if (!odd.ok) expect(odd.error.message).toContain('codes of length 16; got 20 values');
    const tooMany = await session.view({ kind: 'codings', port: { node: 'mu', port: 'out' }, count: 10_001 });
    expect(tooMany.ok).toBe(false);
  });
});
