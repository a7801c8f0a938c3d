// The Trainer's promises: phases touch only their own networks, instances share weights,
// steps leak no tensors, a seed fixes the run, live params apply, and NaN is traced to its node.
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { runPass, nodesNeeded, refKey } from '../../src/core/compile/evaluate';
import { CompileError } from '../../src/core/compile/program';
import { Trainer } from '../../src/core/train/trainer';
import { GraphBuilder, tinyAutoencoder } from './graph-builder';
import { bitIdentical, presetTrainer, tf, useCpu, weightsOf } from './helpers';
import { loadDataset } from '../../scripts/lib/node-data';

describe('Trainer', () => {
  beforeAll(useCpu);

  it('a discriminator step leaves the generator bit-identical, and a generator step the discriminator', async () => {
    const trainer = await presetTrainer('gan-ring', { batchSize: 16 });
    const g0 = await weightsOf(trainer, 'generator');
    const d0 = await weightsOf(trainer, 'discriminator');
    await trainer.stepPhase('dAdam');
    const g1 = await weightsOf(trainer, 'generator');
    const d1 = await weightsOf(trainer, 'discriminator');
    expect(bitIdentical(g0, g1)).toBe(true);
    expect(bitIdentical(d0, d1)).toBe(false);
    await trainer.stepPhase('gAdam');
    expect(bitIdentical(d1, await weightsOf(trainer, 'discriminator'))).toBe(true);
    expect(bitIdentical(g1, await weightsOf(trainer, 'generator'))).toBe(false);
    trainer.dispose();
  });

  it('two applications of one network use one set of variables', async () => {
    const trainer = await presetTrainer('gan-ring', { batchSize: 16 });
    const { program } = trainer;
    const dVars = new Set(
      program.phases.find((p) => p.optimizerNode === 'dAdam')?.variables.map((v) => v.name),
    );
    const gVars = new Set(
      program.phases.find((p) => p.optimizerNode === 'gAdam')?.variables.map((v) => v.name),
    );
    expect(dVars.size).toBe(6);
    expect([...gVars].some((v) => dVars.has(v))).toBe(false);
    const check = async () => {
      const [instance, direct] = tf.tidy(() => {
        const needed = nodesNeeded(program, ['dFake']);
        const { values } = runPass(program, tf, needed, {
          mode: 'eval',
          batchSize: 8,
          rngFor: () => ({ next: () => 0.25, normal: () => 0.5 }),
          dataset: () => {
            throw new Error('no dataset in this graph');
          },
        });
        const fake = values.get(refKey({ node: 'gOut', port: 'out' })) as never;
        const viaModel = program.networks.get('discriminator')?.model.apply(fake) as never;
        return [values.get(refKey({ node: 'dFake', port: 'out' })) as never, viaModel];
      }) as unknown as [InstanceType<typeof tf.Tensor>, InstanceType<typeof tf.Tensor>];
      const [a, b] = [await instance.data(), await direct.data()];
      tf.dispose([instance, direct]);
      return [...a].map((v, i) => Math.abs(v - (b[i] ?? NaN)));
    };
    expect(Math.max(...(await check()))).toBeLessThan(1e-6);
    for (let i = 0; i < 3; i++) await trainer.stepPhase('dAdam');
    expect(Math.max(...(await check()))).toBeLessThan(1e-6);
    trainer.dispose();
  });

  it.each(['stacked-autoencoder', 'vae', 'gan-ring'])(
    '%s leaves tf.memory().numTensors flat over 200 steps',
    async (name) => {
      const trainer = await presetTrainer(name, { batchSize: 4 });
      await trainer.step(); // the optimizer makes its slot variables on the first step
      const before = tf.memory().numTensors;
      for (let i = 0; i < 200; i++) await trainer.step();
      expect(tf.memory().numTensors).toBe(before);
      await trainer.previews();
      expect(tf.memory().numTensors).toBe(before);
      trainer.dispose();
    },
  );

  it('disposing a trainer frees every tensor it made', async () => {
    const before = tf.memory().numTensors;
    const trainer = await presetTrainer('vae', { batchSize: 4 });
    await trainer.step();
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives the same losses for the same seed and different ones for another seed', async () => {
    const run = async (seed: number) => {
      const trainer = await presetTrainer('vae', { batchSize: 8, seed });
      const out = [];
      for (let i = 0; i < 3; i++) out.push((await trainer.step()).losses);
      trainer.dispose();
      return out;
    };
    const a = await run(7);
    expect(await run(7)).toEqual(a);
    expect(await run(8)).not.toEqual(a);
  });

  it('applies a live learning rate: at 0 a step changes no weight', async () => {
    const trainer = await presetTrainer('stacked-autoencoder', { batchSize: 8 });
    await trainer.step();
    trainer.setParams('adam', { learningRate: 0 });
    const before = await weightsOf(trainer, 'encoder');
    await trainer.step();
    expect(bitIdentical(before, await weightsOf(trainer, 'encoder'))).toBe(true);
    trainer.setParams('adam', { learningRate: 0.01 });
    await trainer.step();
    expect(bitIdentical(before, await weightsOf(trainer, 'encoder'))).toBe(false);
    trainer.dispose();
  });

  it('applies live loss weights: with only the KL term on, the decoder stops changing', async () => {
    const trainer = await presetTrainer('vae', { batchSize: 8 });
    trainer.setParams('reconstruction', { weight: 0 });
    trainer.setParams('kl', { weight: 0 });
    const encoder0 = await weightsOf(trainer, 'encoder');
    await trainer.step();
    expect(bitIdentical(encoder0, await weightsOf(trainer, 'encoder'))).toBe(true);
    trainer.setParams('kl', { weight: 1 });
    const decoder1 = await weightsOf(trainer, 'decoder');
    await trainer.step();
    // KL depends on the encoder only: it moves, the decoder does not.
    expect(bitIdentical(encoder0, await weightsOf(trainer, 'encoder'))).toBe(false);
    expect(bitIdentical(decoder1, await weightsOf(trainer, 'decoder'))).toBe(true);
    trainer.dispose();
  });

  it('traces a NaN or Inf loss to the first node whose output is not finite', async () => {
    const trainer = await presetTrainer('vae', { batchSize: 8 });
    const encoder = trainer.program.networks.get('encoder')?.model;
    // Huge log-variance weights make exp(logVar / 2) overflow in the sampling node.
    const layer = encoder?.layers.find((l) => l.name.startsWith('logVar'));
    layer?.setWeights(layer.getWeights().map((w) => tf.fill(w.shape, 1e4)));
    const decoderBefore = await weightsOf(trainer, 'decoder');
    const result = await trainer.step();
    expect(result.nonFinite).toBeDefined();
    expect(result.nonFinite?.node).toBe('sample');
    expect(['reconstruction', 'kl']).toContain(result.nonFinite?.loss);
    // The step that went wrong applied nothing: the weights are as they were, ready to resume.
    expect(bitIdentical(decoderBefore, await weightsOf(trainer, 'decoder'))).toBe(true);
    expect(trainer.iteration).toBe(0);
    trainer.dispose();
  });

  it('previews image grids of 16 images in [0, 1] and scatters coloured only by their own data', async () => {
    const ae = await presetTrainer('stacked-autoencoder', { batchSize: 8 });
    const previews = await ae.previews();
    const recon = previews.find((p) => p.node === 'image');
    expect(recon?.kind).toBe('image-grid');
    if (recon?.kind !== 'image-grid') throw new Error('unreachable');
    expect([recon.count, recon.height, recon.width, recon.channels]).toEqual([16, 28, 28, 1]);
    expect(recon.pixels.every((v) => v >= 0 && v <= 1)).toBe(true);
    ae.dispose();
    const gan = await presetTrainer('gan-ring', { batchSize: 8 });
    const gp = await gan.previews();
    const real = gp.find((p) => p.node === 'real' && p.port === 'points');
    const fake = gp.find((p) => p.node === 'gOut');
    expect(real?.kind === 'scatter' && real.labels?.length).toBe(256);
    expect(fake?.kind === 'scatter' && fake.labels).toBeUndefined();
    gan.dispose();
  });

  it('evaluates ports on fixed test images, with corruptions off in eval and on in preview', async () => {
    const trainer = await presetTrainer('denoising-gaussian', { batchSize: 8 });
    const refs = [
      { node: 'data', port: 'images' },
      { node: 'noise', port: 'out' },
      { node: 'image', port: 'out' },
    ];
    const [clean, evalNoise, recon] = await trainer.evaluate(refs, 20);
    expect(clean?.shape).toEqual([20, 28, 28, 1]);
    expect(recon?.shape).toEqual([20, 28, 28, 1]);
    expect(evalNoise?.values).toEqual(clean?.values);
    const [, previewNoise] = await trainer.evaluate(refs, 20, 'preview');
    expect(previewNoise?.values).not.toEqual(clean?.values);
    // The same call twice gives the same images: the selection is fixed.
    expect((await trainer.evaluate(refs, 20))[0]?.values).toEqual(clean?.values);
    trainer.dispose();
  });

  it('refuses to compile a graph with errors, naming the node', async () => {
    const broken = tinyAutoencoder().node('d', 'layer.dense').build();
    await expect(Trainer.create(broken, NODE_REGISTRY, { tf, loadDataset })).rejects.toThrow(CompileError);
    await expect(Trainer.create(broken, NODE_REGISTRY, { tf, loadDataset })).rejects.toThrow(
      /d: input "in" is not connected/,
    );
  });

  it('trains a tiny graph with no frames: its loss falls', async () => {
    const trainer = await Trainer.create(tinyAutoencoder().build(), NODE_REGISTRY, {
      tf,
      loadDataset,
      batchSize: 64,
    });
    trainer.setParams('adam', { learningRate: 0.01 });
    const first = (await trainer.step()).losses.mse ?? NaN;
    let last = first;
    for (let i = 0; i < 150; i++) last = (await trainer.step()).losses.mse ?? NaN;
    expect(last).toBeLessThan(first * 0.5);
    trainer.dispose();
  });
});

describe('GraphBuilder sanity', () => {
  it('builds unique edge ids', () => {
    const doc = new GraphBuilder().node('a', 'op.scale').node('b', 'op.scale').edge('a.out', 'b.in').build();
    expect(doc.edges[0]?.id).toBe('a.out->b.in');
  });
});
