// Which charts the training panel draws for a graph: loss terms per optimizer with their weighted total,
// the negative ELBO where the definitions name its two terms, metrics by category, and every other value.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_DEFINITIONS, NODE_REGISTRY } from '../../nodes';
import type { GraphDocument } from '../../src/core/graph/document';
import { defineNode, makeRegistry } from '../../src/core/types/definition';
import { lossType } from '../../src/core/types/ports';
import { chartGroups, ELBO_TITLE } from '../../src/app/training/chart-model';

const preset = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../graphs/${name}.json`, import.meta.url), 'utf8')) as GraphDocument;

const withParam = (doc: GraphDocument, id: string, key: string, value: string | number): GraphDocument => ({
  ...doc,
  nodes: doc.nodes.map((n) => (n.id === id ? { ...n, params: { ...n.params, [key]: value } } : n)),
});

const keys = (doc: GraphDocument, recorded: string[] = []) =>
  chartGroups(doc, NODE_REGISTRY, recorded).map((g) => ({
    id: g.id,
    title: g.title,
    series: g.series.map((s) => `${s.role} ${s.key}`),
  }));

/** A metric node as the lead's metric role will declare one: only its category matters here. */
const dReal = defineNode({
  type: 'test.mean-score',
  title: 'Mean score',
  category: 'metric',
  doc: 'Test metric.',
  inputs: [{ name: 'score', kind: 'tensor' }],
  outputs: [{ name: 'value', kind: 'loss' }],
  params: {},
  infer: () => ({ value: lossType }),
  build: { role: 'op', run: () => ({}) },
});

describe('chartGroups', () => {
  it('charts the stacked autoencoder as one loss chart with no total (one term of weight 1)', () => {
    expect(keys(preset('stacked-autoencoder'))).toEqual([
      { id: 'optimizer:adam', title: 'Loss terms of adam (Adam)', series: ['term mse'] },
    ]);
  });

  it('labels the VAE chart as the negative ELBO and sums reconstruction and KL', () => {
    const [group, ...rest] = chartGroups(preset('vae'), NODE_REGISTRY);
    expect(rest).toEqual([]);
    expect(group?.title).toBe(ELBO_TITLE);
    expect(group?.elbo).toEqual({ reconstruction: ['reconstruction'], kl: ['kl'], weighted: false });
    const elbo = group?.series.find((s) => s.role === 'elbo');
    expect(elbo?.label).toBe('−ELBO = reconstruction + KL');
    expect(elbo?.terms).toEqual([
      { node: 'reconstruction', weight: 1 },
      { node: 'kl', weight: 1 },
    ]);
    // With both weights 1 what the optimizer minimises is -ELBO itself: no second total.
    expect(group?.series.map((s) => s.role)).toEqual(['term', 'term', 'elbo']);
  });

  it('shows the beta-VAE weighted total beside the unweighted negative ELBO', () => {
    const [group] = chartGroups(preset('beta-vae'), NODE_REGISTRY);
    expect(group?.title).toBe(ELBO_TITLE);
    expect(group?.elbo?.weighted).toBe(true);
    const total = group?.series.find((s) => s.role === 'total');
    expect(total?.label).toMatch(/^β-weighted loss/);
    expect(total?.terms).toEqual([
      { node: 'reconstruction', weight: 1 },
      { node: 'kl', weight: 8 },
    ]);
    expect(group?.series.find((s) => s.role === 'elbo')?.terms.map((t) => t.weight)).toEqual([1, 1]);
    expect(group?.series.find((s) => s.key === 'kl')?.label).toBe('kl (KL to N(0, I), weight 8)');
  });

  it('takes the ELBO terms from the definitions: a mean-reduced BCE is not in nats per image', () => {
    const doc = withParam(preset('vae'), 'reconstruction', 'reduction', 'mean');
    const [group] = chartGroups(doc, NODE_REGISTRY);
    expect(group?.title).toBe('Loss terms of adam (Adam)');
    expect(group?.elbo).toBeUndefined();
    expect(group?.series.map((s) => s.role)).toEqual(['term', 'term', 'total']);
  });

  it('gives each GAN optimizer its own chart of the loss it minimises, and D(real)/D(fake) a chart of metrics', () => {
    expect(keys(preset('gan-ring'))).toEqual([
      { id: 'optimizer:dAdam', title: 'Loss terms of dAdam (Adam)', series: ['term dLoss'] },
      { id: 'optimizer:gAdam', title: 'Loss terms of gAdam (Adam)', series: ['term gLoss'] },
      { id: 'metrics', title: 'Metrics', series: ['metric dReal', 'metric dFakeMean'] },
    ]);
  });

  it('puts metric nodes in a chart of their own, told apart by category and not by type name', () => {
    const gan = preset('gan-ring');
    const metrics = chartGroups(gan, NODE_REGISTRY).find((g) => g.kind === 'metric');
    expect(metrics?.series.map((s) => [s.key, s.label, s.role])).toEqual([
      ['dReal', 'dReal (Mean value)', 'metric'],
      ['dFakeMean', 'dFakeMean (Mean value)', 'metric'],
    ]);
    // A type of the same category from another catalogue is charted the same way.
    const registry = makeRegistry([...NODE_DEFINITIONS, dReal]);
    const doc: GraphDocument = {
      ...gan,
      nodes: [...gan.nodes, { id: 'other', type: dReal.type, params: {}, position: { x: 0, y: 0 } }],
    };
    const more = chartGroups(doc, registry).find((g) => g.kind === 'metric');
    expect(more?.series.map((s) => s.key)).toEqual(['dReal', 'dFakeMean', 'other']);
    // The plain registry does not know that type, so its values land among the other values.
    const unknown = chartGroups(doc, NODE_REGISTRY, ['dLoss', 'gLoss', 'other']);
    expect(unknown.find((g) => g.id === 'other')?.series.map((s) => s.key)).toEqual(['other']);
  });

  it('charts a recorded loss that feeds no optimizer, and not the values of nodes no longer in the graph', () => {
    const ae = preset('stacked-autoencoder');
    const unattached = { ...ae, edges: ae.edges.filter((e) => e.to.node !== 'adam') };
    expect(keys(unattached, ['mse', 'oldLoss'])).toEqual([
      { id: 'other', title: 'Other recorded values', series: ['term mse'] },
    ]);
    expect(keys(ae, ['mse', 'oldLoss']).map((g) => g.id)).toEqual(['optimizer:adam']);
  });

  it('adds a weighted total when a loss term has a weight other than 1', () => {
    const doc = withParam(preset('stacked-autoencoder'), 'mse', 'weight', 2);
    expect(keys(doc)[0]?.series).toEqual(['term mse', 'total total:adam']);
  });
});
