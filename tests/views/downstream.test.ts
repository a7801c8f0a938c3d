// Evaluating a graph downstream of a port with given values, and the plan of which ports the latent
// views use: decoding the stacked autoencoder's true codings reproduces its reconstruction without
// running the encoder; the VAE decodes mu through z; a prior sample decodes through the shared decoder.
import type * as tfjs from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import type { PassSettings } from '../../src/core/compile/evaluate';
import { inferGraph } from '../../src/core/infer';
import { Trainer } from '../../src/core/train/trainer';
import { loadDataset } from '../../scripts/lib/node-data';
import { downstreamNodes, evaluateDownstream } from '../../src/core/views/downstream';
import { planLatentViews } from '../../src/core/views/latent-plan';
import { preset, presetTrainer, tf, useCpu } from '../core/helpers';

beforeAll(useCpu);

/** A pass that fails the test if anything reads data: decoding must not need the images. */
const noDataPass = (batchSize: number): PassSettings => ({
  mode: 'eval',
  batchSize,
  rngFor: () => ({ next: () => 0.5, normal: () => 0 }),
  dataset: (name) => {
    throw new Error(`decoding read the dataset "${name}"`);
  },
});

const maxDifference = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? NaN) - (b[i] ?? NaN)));
  return max;
};

async function decode(
  trainer: Trainer,
  given: { node: string; port: string },
  values: Float32Array,
  count: number,
) {
  const { program } = trainer;
  const dim = values.length / count;
  const out = tf.tidy(() => {
    const value = tf.tensor2d(values, [count, dim]);
    const result = evaluateDownstream(program, tf, {
      given,
      value,
      outputs: [{ node: 'image', port: 'out' }],
      pass: noDataPass(count),
    });
    return result.outputs[0] as tfjs.Tensor;
  });
  const data = new Float32Array(await out.data());
  out.dispose();
  return data;
}

describe('planLatentViews', () => {
  it('finds the stacked autoencoder coding layer decoding to the image, with the Fashion-MNIST source', () => {
    const types = inferGraph(preset('stacked-autoencoder'), NODE_REGISTRY);
    const result = planLatentViews(types, NODE_REGISTRY, { node: 'coding', port: 'out' });
    if (!result.ok) throw new Error(result.problem);
    expect(result.plan).toMatchObject({
      dim: 32,
      decodeFrom: { node: 'coding', port: 'out' },
      decoded: { node: 'image', port: 'out' },
      images: { node: 'data', port: 'images' },
      labels: { node: 'data', port: 'labels' },
      datasets: ['fashion'],
      kl: null,
    });
  });

  it("decodes a VAE's mu through the sampled z and pairs it with logVar through the KL loss", () => {
    const types = inferGraph(preset('vae'), NODE_REGISTRY);
    const result = planLatentViews(types, NODE_REGISTRY, { node: 'mu', port: 'out' });
    if (!result.ok) throw new Error(result.problem);
    expect(result.plan.decodeFrom).toEqual({ node: 'sample', port: 'out' });
    expect(result.plan.decoded).toEqual({ node: 'image', port: 'out' });
    expect(result.plan.kl).toEqual({
      mu: { node: 'mu', port: 'out' },
      logVar: { node: 'logVar', port: 'out' },
    });
    expect(result.plan.datasets).toEqual(['mnist']);
  });

  it('decodes prior noise through the network instance that applies the decoder', () => {
    const types = inferGraph(preset('vae'), NODE_REGISTRY);
    const result = planLatentViews(types, NODE_REGISTRY, { node: 'prior', port: 'out' });
    if (!result.ok) throw new Error(result.problem);
    expect(result.plan.decodeFrom).toEqual({ node: 'prior', port: 'out' });
    expect(result.plan.decoded).toEqual({ node: 'generate', port: 'out' });
    expect(result.plan.images).toBeNull();
  });

  it('refuses an image port, naming its type', () => {
    const types = inferGraph(preset('vae'), NODE_REGISTRY);
    const result = planLatentViews(types, NODE_REGISTRY, { node: 'image', port: 'out' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toContain('image [B,28,28,1]');
  });
});

describe('evaluateDownstream', () => {
  it('decoding the true codings of the stacked autoencoder reproduces its reconstruction, running only the decoder', async () => {
    const trainer = await presetTrainer('stacked-autoencoder', { batchSize: 16 });
    for (let i = 0; i < 3; i++) await trainer.step();
    const count = 24;
    const [codings, reconstruction] = await trainer.evaluate(
      [
        { node: 'coding', port: 'out' },
        { node: 'image', port: 'out' },
      ],
      count,
    );
    if (!codings || !reconstruction) throw new Error('evaluation returned too little');
    const coding = { node: 'coding', port: 'out' };
    expect(downstreamNodes(trainer.program, coding, [{ node: 'image', port: 'out' }])).toEqual([
      'dec1',
      'dec2',
      'image',
    ]);
    const decoded = await decode(trainer, coding, codings.values, count);
    expect(maxDifference(decoded, reconstruction.values)).toBeLessThan(1e-5);
    // Other codes give other pictures: the values given are the ones used.
    const shifted = codings.values.map((v) => v + 1);
    expect(
      maxDifference(await decode(trainer, coding, shifted, count), reconstruction.values),
    ).toBeGreaterThan(1e-3);
    trainer.dispose();
  });

  it('enters a network at its coding layer: one implicit network holding encoder and decoder', async () => {
    const framed = preset('stacked-autoencoder');
    const doc = { ...framed, networks: [], nodes: framed.nodes.map(({ network: _, ...node }) => node) };
    const trainer = await Trainer.create(doc, NODE_REGISTRY, { tf, loadDataset, batchSize: 16 });
    // Every layer is in one network, the coding layer in the middle of it.
    expect(new Set(trainer.program.networks.keys()).size).toBe(1);
    await trainer.step();
    const count = 10;
    const [codings, reconstruction] = await trainer.evaluate(
      [
        { node: 'coding', port: 'out' },
        { node: 'image', port: 'out' },
      ],
      count,
    );
    if (!codings || !reconstruction) throw new Error('evaluation returned too little');
    const coding = { node: 'coding', port: 'out' };
    expect(downstreamNodes(trainer.program, coding, [{ node: 'image', port: 'out' }])).toEqual([
      'dec1',
      'dec2',
      'image',
    ]);
    expect(
      maxDifference(await decode(trainer, coding, codings.values, count), reconstruction.values),
    ).toBeLessThan(1e-5);
    trainer.dispose();
  });

  it("decodes a VAE's mu through the decoder network alone, as the decoder model itself does", async () => {
    const trainer = await presetTrainer('vae', { batchSize: 16 });
    for (let i = 0; i < 3; i++) await trainer.step();
    const count = 12;
    const [mu] = await trainer.evaluate([{ node: 'mu', port: 'out' }], count);
    if (!mu) throw new Error('no mu');
    const z = { node: 'sample', port: 'out' };
    expect(downstreamNodes(trainer.program, z, [{ node: 'image', port: 'out' }])).toEqual([
      'dec1',
      'dec2',
      'image',
    ]);
    const before = tf.memory().numTensors;
    const decoded = await decode(trainer, z, mu.values, count);
    expect(tf.memory().numTensors).toBe(before);
    const model = trainer.program.networks.get('decoder')?.model;
    if (!model) throw new Error('no decoder');
    const direct = tf.tidy(() => model.predict(tf.tensor2d(mu.values, [count, 16])) as tfjs.Tensor);
    const expected = new Float32Array(await direct.data());
    direct.dispose();
    expect(maxDifference(decoded, expected)).toBeLessThan(1e-5);
    trainer.dispose();
  });

  it('runs what a downstream node also reads by another path, but never the given node for that port', () => {
    const program = { types: inferGraph(preset('vae'), NODE_REGISTRY) } as never;
    const nodes = downstreamNodes(program, { node: 'mu', port: 'out' }, [{ node: 'image', port: 'out' }]);
    // The sample also reads logVar, which needs the encoder up to it, but mu's own layer never runs.
    expect(nodes).toEqual(
      expect.arrayContaining(['data', 'flatten', 'hidden', 'logVar', 'sample', 'dec1', 'image']),
    );
    expect(nodes).not.toContain('mu');
    expect(nodes.indexOf('sample')).toBeLessThan(nodes.indexOf('dec1'));
  });

  it('rejects values of the wrong shape, naming the port and the shape expected', async () => {
    const trainer = await presetTrainer('stacked-autoencoder', { batchSize: 4 });
    expect(() =>
      tf.tidy(() => {
        evaluateDownstream(trainer.program, tf, {
          given: { node: 'coding', port: 'out' },
          value: tf.zeros([2, 31]),
          outputs: [{ node: 'image', port: 'out' }],
          pass: noDataPass(2),
        });
      }),
    ).toThrow(/coding\.out.*\[2,31\].*\[B,32\]/);
    trainer.dispose();
  });
});
