// The full preview pass runs on as many samples as its views show: a graph drawing only image grids
// needs a grid's worth, histograms their values' worth, scatters and critic maps every sample; and
// its grids show the same test images as the quick pass's, so nothing jumps when it comes.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { loadDataset } from '../../scripts/lib/node-data';
import { compileProgram } from '../../src/core/compile/program';
import { type ImageDataset, isDatasetName } from '../../src/core/data/datasets';
import type { GraphDocument } from '../../src/core/graph/document';
import { quickImagePreviews } from '../../src/core/train/passes';
import {
  CLASS_ROW_COLUMNS,
  IMAGE_GRID_COUNT,
  type ImageGridPreview,
  type Preview,
  previewSamples,
} from '../../src/core/train/previews';
import { Trainer } from '../../src/core/train/trainer';
import { GraphBuilder } from './graph-builder';
import { preset, presetTrainer, tf, useCpu } from './helpers';

beforeAll(useCpu);

/** Toy points through a 2-unit layer: scatters only. */
const scatterGraph = () =>
  new GraphBuilder()
    .network('net')
    .node('points', 'source.toy', { distribution: 'ring8' })
    .node('dense', 'layer.dense', { units: 2 }, 'net')
    .node('mse', 'loss.mse')
    .node('adam', 'optimizer.adam')
    .edge('points.points', 'dense.in')
    .edge('dense.out', 'mse.prediction')
    .edge('points.points', 'mse.target')
    .edge('mse.loss', 'adam.losses')
    .build();

/** A generator asked for every class in turn by a picker, its samples shown one row per class. */
const byClassGraph = () =>
  new GraphBuilder()
    .network('gen')
    .node('real', 'source.dataset', { dataset: 'mnist' })
    .node('wanted', 'source.class', { classes: 10, class: -1 })
    .node('embed', 'layer.label-embedding', { dim: 512 }, 'gen')
    .node('dense', 'layer.dense', { units: 784, activation: 'sigmoid' }, 'gen')
    .node('gOut', 'layer.reshape', { targetShape: [28, 28, 1] }, 'gen')
    .node('mse', 'loss.mse')
    .node('adam', 'optimizer.adam')
    .edge('wanted.labels', 'embed.in')
    .edge('embed.out', 'dense.in')
    .edge('dense.out', 'gOut.in')
    .edge('gOut.out', 'mse.prediction')
    .edge('real.images', 'mse.target')
    .edge('mse.loss', 'adam.losses')
    .build();

function samplesOf(
  graph: string | GraphDocument,
  most: number,
  views: readonly Preview['kind'][] = [],
): number {
  const doc = typeof graph === 'string' ? preset(graph) : graph;
  const program = compileProgram(doc, NODE_REGISTRY, tf);
  try {
    return previewSamples(program, most, views);
  } finally {
    program.dispose();
  }
}

describe('previewSamples', () => {
  it("gives a graph that draws only image grids one grid's worth of samples", () => {
    expect(samplesOf('pix2pix-footwear', 256)).toBe(IMAGE_GRID_COUNT);
    expect(samplesOf('pix2pix-l1-footwear', 256)).toBe(IMAGE_GRID_COUNT);
  });

  it('gives a histogram enough samples for its values: 4096 over a 32-value code is 128', () => {
    expect(samplesOf('conv-autoencoder', 256)).toBe(128);
  });

  it('gives a grid laid out by class enough samples to fill its rows', () => {
    expect(samplesOf(byClassGraph(), 256)).toBe(10 * CLASS_ROW_COLUMNS);
  });

  it('keeps every sample for scatters, critic maps and histograms of small vectors', () => {
    expect(samplesOf(scatterGraph(), 200)).toBe(200);
    expect(samplesOf('gan-ring', 256)).toBe(256);
    expect(samplesOf('vae', 256)).toBe(256);
    expect(samplesOf('pix2pix-footwear', 256, ['critic-map'])).toBe(256);
  });

  it('never goes over the preview size it is given', () => {
    expect(samplesOf('vae', 64)).toBe(64);
    expect(samplesOf('pix2pix-footwear', 8)).toBe(8);
  });
});

const grids = (previews: readonly Preview[]) =>
  new Map(
    previews
      .filter((p): p is ImageGridPreview => p.kind === 'image-grid')
      .map((p) => [`${p.node}.${p.port}`, p]),
  );

/** The test and train splits of the datasets a trainer reads, as the quick pass takes them. */
async function datasetsOf(trainer: Trainer) {
  const data = new Map<string, { train: ImageDataset; test: ImageDataset }>();
  for (const dataset of trainer.program.datasets.filter(isDatasetName)) {
    data.set(dataset, {
      train: await loadDataset(dataset, 'train'),
      test: await loadDataset(dataset, 'test'),
    });
  }
  return data;
}

describe('the full preview pass', () => {
  const trainers: Trainer[] = [];
  afterAll(() => trainers.forEach((t) => t.dispose()));

  async function created(graph: string | GraphDocument): Promise<Trainer> {
    const made =
      typeof graph === 'string'
        ? await presetTrainer(graph, { batchSize: 8 })
        : await Trainer.create(graph, NODE_REGISTRY, { tf, loadDataset, batchSize: 8 });
    trainers.push(made);
    return made;
  }

  /** The grids of the quick pass, each checked against the same grid of the full pass. */
  async function expectSameGrids(trainer: Trainer): Promise<Map<string, ImageGridPreview>> {
    const quick = grids(await quickImagePreviews(trainer, tf, await datasetsOf(trainer), IMAGE_GRID_COUNT));
    const full = grids(await trainer.previews());
    expect(quick.size).toBeGreaterThan(0);
    for (const [key, grid] of quick) {
      const same = full.get(key);
      expect(same?.count, key).toBe(grid.count);
      expect([...(same?.pixels ?? [])], key).toEqual([...grid.pixels]);
    }
    return full;
  }

  it('runs on the samples its views need, and its histograms show as many values as before', async () => {
    expect((await created('pix2pix-footwear')).previewSamples).toBe(IMAGE_GRID_COUNT);
    const ae = await created('conv-autoencoder');
    expect(ae.previewSamples).toBe(128);
    const coding = (await ae.previews()).find((p) => p.node === 'coding');
    expect(coding?.kind === 'histogram' && coding.values.length).toBe(4096);
  });

  it.each(['pix2pix-footwear', 'vae'])(
    'of %s shows the same test images in its grids as the quick pass',
    async (name) => {
      await expectSameGrids(await created(name));
    },
  );

  it('fills every row of a grid laid out by class, as the quick pass does', async () => {
    const trainer = await created(byClassGraph());
    expect(trainer.previewSamples).toBe(10 * CLASS_ROW_COLUMNS);
    const samples = (await expectSameGrids(trainer)).get('gOut.out');
    expect(samples?.rowClasses).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(samples?.columns).toBe(CLASS_ROW_COLUMNS);
  });
});
