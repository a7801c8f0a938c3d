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
  IMAGE_GRID_COUNT,
  type ImageGridPreview,
  type Preview,
  previewSamples,
} from '../../src/core/train/previews';
import type { Trainer } from '../../src/core/train/trainer';
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

describe('the full preview pass', () => {
  const trainers: Trainer[] = [];
  afterAll(() => trainers.forEach((t) => t.dispose()));

  async function created(name: string): Promise<Trainer> {
    const made = await presetTrainer(name, { batchSize: 8 });
    trainers.push(made);
    return made;
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
      const trainer = await created(name);
      const data = new Map<string, { train: ImageDataset; test: ImageDataset }>();
      for (const dataset of trainer.program.datasets.filter(isDatasetName)) {
        data.set(dataset, {
          train: await loadDataset(dataset, 'train'),
          test: await loadDataset(dataset, 'test'),
        });
      }
      const quick = grids(await quickImagePreviews(trainer, tf, data, IMAGE_GRID_COUNT));
      const full = grids(await trainer.previews());
      expect(quick.size).toBeGreaterThan(0);
      for (const [key, grid] of quick) {
        const same = full.get(key);
        expect(same?.count, key).toBe(grid.count);
        expect([...(same?.pixels ?? [])], key).toEqual([...grid.pixels]);
      }
    },
  );
});
