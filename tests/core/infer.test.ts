// Whole-graph inference: types on every port, and each problem reported once, on the node that causes it.
import { describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { inferGraph } from '../../src/core/infer';
import { formatType } from '../../src/core/types/ports';
import { GraphBuilder, tinyAutoencoder } from './graph-builder';
import { preset } from './helpers';

const infer = (b: GraphBuilder) => inferGraph(b.build(), NODE_REGISTRY);
const codes = (b: GraphBuilder) => infer(b).issues.map((i) => `${i.code}@${i.node ?? ''}`);
const typeOf = (t: ReturnType<typeof infer>, node: string, port = 'out') => {
  const type = t.outputs.get(node)?.[port];
  return type && formatType(type);
};

describe('inferGraph', () => {
  it('types every port of the presets with no issue', () => {
    for (const name of ['stacked-autoencoder', 'vae', 'gan-ring']) {
      const types = inferGraph(preset(name), NODE_REGISTRY);
      expect(types.issues, name).toEqual([]);
      expect(types.order.length, name).toBe(preset(name).nodes.length);
    }
    const ae = inferGraph(preset('stacked-autoencoder'), NODE_REGISTRY);
    expect(formatType(ae.outputs.get('coding')?.out as never)).toBe('vector [B,32]');
    expect(formatType(ae.outputs.get('image')?.out as never)).toBe('image [B,28,28,1]');
  });

  it('reports an unconnected input on its port', () => {
    const issues = inferGraph(
      new GraphBuilder().node('d', 'layer.dense').node('o', 'optimizer.adam').build(),
      NODE_REGISTRY,
    ).issues;
    const unconnected = issues.find((i) => i.code === 'E_UNCONNECTED');
    expect(unconnected).toMatchObject({ node: 'd', port: 'in', severity: 'error' });
  });

  it('reports a wrong-kind edge on the receiving port, naming both kinds', () => {
    const b = new GraphBuilder()
      .node('data', 'source.dataset')
      .node('d', 'layer.dense')
      .edge('data.labels', 'd.in');
    const issue = infer(b).issues.find((i) => i.code === 'E_WRONG_KIND');
    expect(issue).toMatchObject({ node: 'd', port: 'in' });
    expect(issue?.message).toContain('labels [B] of 10');
  });

  it('reports a dense layer fed an image with the rank and a Flatten hint, and stays quiet downstream', () => {
    const b = new GraphBuilder()
      .node('data', 'source.dataset')
      .node('d', 'layer.dense')
      .node('d2', 'layer.dense')
      .edge('data.images', 'd.in')
      .edge('d.out', 'd2.in');
    const types = infer(b);
    const errors = types.issues.filter((i) => i.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'E_RANK', node: 'd', port: 'in' });
    expect(errors[0]?.message).toContain('image [B,28,28,1]');
    expect(errors[0]?.hint).toMatch(/Flatten/);
    expect(types.outputs.has('d2')).toBe(false);
  });

  it('reports a node cycle on every node of the loop', () => {
    const b = new GraphBuilder()
      .node('a', 'op.scale')
      .node('b', 'op.scale')
      .edge('a.out', 'b.in')
      .edge('b.out', 'a.in');
    expect(codes(b)).toEqual(expect.arrayContaining(['E_CYCLE@a', 'E_CYCLE@b']));
  });

  it('reports a network that feeds itself through a node outside it', () => {
    const b = new GraphBuilder()
      .network('net', 'Looping net')
      .node('points', 'source.toy')
      .node('a', 'layer.dense', { units: 2 }, 'net')
      .node('outside', 'op.scale')
      .node('b', 'layer.dense', { units: 2 }, 'net')
      .edge('points.points', 'a.in')
      .edge('a.out', 'outside.in')
      .edge('outside.out', 'b.in');
    const issue = infer(b).issues.find((i) => i.code === 'E_NETWORK_LOOP');
    expect(issue?.message).toContain('Looping net');
    expect(issue?.message).toContain('outside');
  });

  it('groups unframed layers into one implicit network per connected chain', () => {
    const b = tinyAutoencoder().node('other', 'layer.dense', { units: 3 }).edge('points.points', 'other.in');
    const types = infer(b);
    expect(types.networkOf.get('enc')).toBe(types.networkOf.get('dec'));
    expect(types.networkOf.get('other')).not.toBe(types.networkOf.get('enc'));
    expect(types.networks.get(types.networkOf.get('enc') as string)?.implicit).toBe(true);
  });

  it('types an instance from the network it applies and refuses an unknown network', () => {
    const gan = inferGraph(preset('gan-ring'), NODE_REGISTRY);
    expect(typeOf(gan, 'dFake')).toBe('vector [B,1]');
    const b = new GraphBuilder()
      .node('z', 'source.noise', { dim: 2 })
      .node('i', 'network.instance', { network: 'missing' })
      .edge('z.out', 'i.in');
    expect(codes(b)).toContain('E_UNKNOWN_NETWORK@i');
  });

  it('refuses an instance fed a tensor of another shape than its network takes', () => {
    const b = new GraphBuilder()
      .network('net')
      .node('points', 'source.toy')
      .node('a', 'layer.dense', { units: 4 }, 'net')
      .node('z', 'source.noise', { dim: 5 })
      .node('i', 'network.instance', { network: 'net' })
      .edge('points.points', 'a.in')
      .edge('z.out', 'i.in');
    const issue = infer(b).issues.find((x) => x.node === 'i');
    expect(issue?.code).toBe('E_SHAPE_MISMATCH');
    expect(issue?.message).toContain('vector [B,5]');
  });

  it('reports an out-of-range param without running the node', () => {
    const b = tinyAutoencoder().node('bad', 'layer.dense', { units: -3 }).edge('enc.out', 'bad.in');
    const issue = infer(b).issues.find((i) => i.node === 'bad');
    expect(issue).toMatchObject({ code: 'E_BAD_PARAM', param: 'units' });
  });

  it('warns about a loss that feeds no optimizer, an untrained network and a graph with no optimizer', () => {
    const noOptimizer = new GraphBuilder()
      .node('points', 'source.toy')
      .node('d', 'layer.dense', { units: 2 })
      .node('mse', 'loss.mse')
      .edge('points.points', 'd.in')
      .edge('d.out', 'mse.prediction')
      .edge('points.points', 'mse.target');
    expect(codes(noOptimizer)).toEqual(expect.arrayContaining(['W_LOSS_UNUSED@mse', 'W_NO_OPTIMIZER@']));
    const untrained = tinyAutoencoder()
      .node('lonely', 'layer.dense', { units: 3 })
      .edge('points.points', 'lonely.in');
    expect(codes(untrained)).toContain('W_NETWORK_UNTRAINED@lonely');
    expect(infer(untrained).hasErrors).toBe(false);
  });

  it('warns about checkerboard risk on a strided transposed convolution inside a whole graph', () => {
    const b = new GraphBuilder()
      .node('data', 'source.dataset')
      .node('up', 'layer.conv2d-transpose', { filters: 4, kernelSize: 3, strides: 2 })
      .edge('data.images', 'up.in');
    expect(codes(b)).toContain('W_CHECKERBOARD@up');
    expect(typeOf(infer(b), 'up')).toBe('image [B,56,56,4]');
  });

  it('gives the same order and types for the same document', () => {
    const a = inferGraph(preset('vae'), NODE_REGISTRY);
    const b = inferGraph(preset('vae'), NODE_REGISTRY);
    expect(a.order).toEqual(b.order);
    expect(a.order.indexOf('sample')).toBeGreaterThan(a.order.indexOf('logVar'));
    expect(a.order.indexOf('generate')).toBeGreaterThan(a.order.indexOf('image'));
  });
});
