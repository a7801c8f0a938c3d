// Source nodes: where a step's tensors begin (image datasets, toy point clouds, latent noise,
// chosen classes and the real/fake targets of a GAN discriminator).

import { DATASETS, DATASET_NAMES, parseClassList } from '../src/core/data/datasets';
import { sampleToy, TOY_INFO, TOY_NAMES } from '../src/core/data/toys';
import { defineNode, type AnyNodeDefinition } from '../src/core/types/definition';
import { labelsType, tensorType } from '../src/core/types/ports';
import { normalValues, uniformValues } from './random';

export const datasetSource = defineNode({
  type: 'source.dataset',
  title: 'Dataset',
  category: 'source',
  doc: 'Images and their class labels from a dataset, one batch per training step, pixels scaled to 0..1.',
  inputs: [],
  outputs: [
    { name: 'images', kind: 'tensor', preview: 'image-grid', doc: 'A batch of images [B,28,28,1].' },
    { name: 'labels', kind: 'labels', preview: 'none', doc: 'The class of each image.' },
  ],
  params: {
    dataset: {
      kind: 'enum',
      options: DATASET_NAMES,
      default: 'mnist',
      doc: 'MNIST handwritten digits or Fashion-MNIST clothing pictures.',
    },
    fraction: {
      kind: 'number',
      default: 1,
      min: 0.001,
      max: 1,
      step: 0.01,
      label: 'share of training images',
      doc: 'Train on only this share of the training images, the same ones every epoch, chosen from the seed with every class equally represented: 0.01 keeps 1%, as when only a few images carry labels. Test images are always all used.',
    },
    classes: {
      kind: 'string',
      default: '',
      label: 'only classes',
      doc: 'Keep only images of these classes, as numbers separated by commas (Fashion-MNIST footwear: 5, 7, 9 for sandal, sneaker, ankle boot); blank keeps every class. Applies to training and test images alike.',
    },
  },
  infer(ctx) {
    const info = DATASETS[ctx.params.dataset];
    const chosen = parseClassList(ctx.params.classes, info.classes);
    if ('problem' in chosen) ctx.fail('E_BAD_PARAM', { param: 'classes', detail: chosen.problem });
    return { images: tensorType(info.imageShape), labels: labelsType(info.classes) };
  },
  build: {
    role: 'source',
    datasets: (params) => [params.dataset],
    run(ctx) {
      const { fraction } = ctx.params;
      const chosen = parseClassList(ctx.params.classes, DATASETS[ctx.params.dataset].classes);
      const classes = 'classes' in chosen ? chosen.classes : undefined;
      const subset =
        fraction < 1 || classes !== undefined ? { fraction, ...(classes && { classes }) } : undefined;
      const batch = ctx.dataset(ctx.params.dataset, subset);
      const { tf } = ctx;
      return {
        images: tf.tensor(batch.images, [batch.size, ...batch.imageShape], 'float32'),
        labels: tf.tensor1d(batch.labels, 'int32'),
      };
    },
  },
});

export const toySource = defineNode({
  type: 'source.toy',
  title: 'Toy points',
  category: 'source',
  doc: 'Points from a simple 2-D or 3-D distribution whose shape you can see at a glance, with the cluster each came from.',
  inputs: [],
  outputs: [
    { name: 'points', kind: 'tensor', preview: 'scatter', doc: 'A batch of points [B,2] or [B,3].' },
    {
      name: 'labels',
      kind: 'labels',
      preview: 'none',
      doc: 'Which cluster, arm or moon each point came from.',
    },
  ],
  params: {
    distribution: {
      kind: 'enum',
      options: TOY_NAMES,
      default: 'ring8',
      doc: 'ring8: 8 blobs on a circle; grid25: 5x5 blobs; spiral: two arms; moons: two half circles; plane3d: a flat sheet in 3-D.',
    },
  },
  mixture(params) {
    const { modes, std } = TOY_INFO[params.distribution];
    return modes && std !== undefined ? { modes, std } : null;
  },
  infer(ctx) {
    const info = TOY_INFO[ctx.params.distribution];
    return { points: tensorType([info.dim]), labels: labelsType(info.classes) };
  },
  build: {
    role: 'source',
    run(ctx) {
      const sample = sampleToy(ctx.params.distribution, ctx.batchSize, ctx.rng);
      return {
        points: ctx.tf.tensor2d(sample.points, [ctx.batchSize, sample.dim], 'float32'),
        labels: ctx.tf.tensor1d(sample.labels, 'int32'),
      };
    },
  },
});

export const noiseSource = defineNode({
  type: 'source.noise',
  title: 'Latent noise',
  category: 'source',
  doc: 'Random vectors z for a generator or decoder to turn into samples: standard normal, or uniform between -1 and 1.',
  inputs: [],
  outputs: [{ name: 'out', kind: 'tensor', preview: 'auto', doc: 'A batch of noise vectors [B,dim].' }],
  params: {
    dim: {
      kind: 'number',
      default: 16,
      min: 1,
      max: 4096,
      integer: true,
      doc: 'Length of each noise vector.',
    },
    distribution: {
      kind: 'enum',
      options: ['normal', 'uniform'],
      default: 'normal',
      live: true,
      doc: 'normal: N(0, I), the prior of a VAE; uniform: every entry between -1 and 1.',
    },
  },
  infer(ctx) {
    return { out: tensorType([ctx.params.dim]) };
  },
  build: {
    role: 'source',
    run(ctx) {
      const count = ctx.batchSize * ctx.params.dim;
      const values =
        ctx.params.distribution === 'normal'
          ? normalValues(ctx.rng, count)
          : uniformValues(ctx.rng, count, -1, 1);
      return { out: ctx.tf.tensor2d(values, [ctx.batchSize, ctx.params.dim], 'float32') };
    },
  },
});

export const classSource = defineNode({
  type: 'source.class',
  title: 'Class picker',
  category: 'source',
  doc: 'Class labels chosen by you, to ask a conditional generator for one class or for every class in turn.',
  inputs: [],
  outputs: [
    {
      name: 'labels',
      kind: 'labels',
      preview: 'none',
      previewRows: 'by-class',
      doc: 'One class per sample; image previews made from them show one row per class.',
    },
  ],
  params: {
    classes: {
      kind: 'number',
      default: 10,
      min: 1,
      max: 1000,
      integer: true,
      doc: 'How many classes there are.',
    },
    class: {
      kind: 'number',
      default: -1,
      min: -1,
      max: 999,
      integer: true,
      live: true,
      doc: '-1 cycles through all classes (0, 1, 2, ...); any other value asks for that class every time.',
    },
  },
  infer(ctx) {
    const { classes, class: chosen } = ctx.params;
    if (chosen >= classes) {
      ctx.fail('E_BAD_PARAM', {
        param: 'class',
        detail: `class ${chosen} does not exist among ${classes} classes; choose -1 to cycle, or 0..${classes - 1}`,
      });
    }
    return { labels: labelsType(classes) };
  },
  build: {
    role: 'source',
    run(ctx) {
      const { classes, class: chosen } = ctx.params;
      const labels = new Int32Array(ctx.batchSize);
      for (let i = 0; i < labels.length; i++) labels[i] = chosen < 0 ? i % classes : chosen;
      return { labels: ctx.tf.tensor1d(labels, 'int32') };
    },
  },
});

export const realFakeLabels = defineNode({
  type: 'source.real-fake-labels',
  title: 'Real/fake targets',
  category: 'source',
  doc: 'A column of targets for a discriminator: 1 for real images, 0 for fakes; smoothing turns the 1 into a softer 0.9.',
  inputs: [],
  outputs: [{ name: 'out', kind: 'tensor', preview: 'none', doc: 'One target per sample [B,1].' }],
  params: {
    value: {
      kind: 'enum',
      options: ['real', 'fake'],
      default: 'real',
      live: true,
      doc: 'real gives 1 - smoothing, fake gives 0.',
    },
    smoothing: {
      kind: 'number',
      default: 0,
      min: 0,
      max: 0.5,
      step: 0.01,
      live: true,
      doc: 'One-sided label smoothing: real targets become 1 - smoothing so the discriminator is never fully sure.',
    },
  },
  infer() {
    return { out: tensorType([1]) };
  },
  build: {
    role: 'source',
    run(ctx) {
      const target = ctx.params.value === 'real' ? 1 - ctx.params.smoothing : 0;
      return { out: ctx.tf.fill([ctx.batchSize, 1], target, 'float32') };
    },
  },
});

export const SOURCE_NODES: readonly AnyNodeDefinition[] = [
  datasetSource,
  toySource,
  noiseSource,
  classSource,
  realFakeLabels,
];
