import { describe, expect, it } from 'vitest';
import { NODE_DEFINITIONS, NODE_REGISTRY } from '../../nodes';
import {
  draggedPortKind,
  fittingDefinitions,
  fittingPort,
  placeInViewport,
} from '../../src/app/panels/quick-add';
import { GraphBuilder } from '../core/graph-builder';

const doc = new GraphBuilder()
  .node('data', 'source.dataset')
  .node('mse', 'loss.mse')
  .node('adam', 'optimizer.adam')
  .build();

const offered = (kind: Parameters<typeof fittingDefinitions>[1]) =>
  fittingDefinitions(NODE_DEFINITIONS, kind).map((d) => d.type);

describe('the kind of a dragged port', () => {
  it('comes from the output ports of its node type when dragged from an output', () => {
    expect(
      draggedPortKind(doc, NODE_REGISTRY, { port: { node: 'data', port: 'images' }, side: 'output' }),
    ).toBe('tensor');
    expect(
      draggedPortKind(doc, NODE_REGISTRY, { port: { node: 'data', port: 'labels' }, side: 'output' }),
    ).toBe('labels');
  });

  it('comes from the input ports when dragged from an input', () => {
    expect(
      draggedPortKind(doc, NODE_REGISTRY, { port: { node: 'adam', port: 'losses' }, side: 'input' }),
    ).toBe('loss');
  });

  it('is unknown for a missing node or a port on the wrong side', () => {
    expect(
      draggedPortKind(doc, NODE_REGISTRY, { port: { node: 'gone', port: 'out' }, side: 'output' }),
    ).toBeUndefined();
    expect(
      draggedPortKind(doc, NODE_REGISTRY, { port: { node: 'mse', port: 'loss' }, side: 'input' }),
    ).toBeUndefined();
  });
});

describe('node types offered for a dropped connection', () => {
  it('offers every type when no connection is being dragged', () => {
    expect(offered(undefined)).toHaveLength(NODE_DEFINITIONS.length);
  });

  it('offers only optimizers for a loss output', () => {
    const found = offered({ kind: 'loss', side: 'output' });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((t) => NODE_REGISTRY.get(t)?.category === 'optimizer')).toBe(true);
  });

  it('offers only loss nodes to feed an optimizer input', () => {
    const found = offered({ kind: 'loss', side: 'input' });
    expect(found).toContain('loss.mse');
    expect(found.every((t) => NODE_REGISTRY.get(t)?.category === 'loss')).toBe(true);
  });

  it('offers no sources and no optimizers for a tensor output', () => {
    const found = offered({ kind: 'tensor', side: 'output' });
    expect(found).toContain('layer.dense');
    expect(found).not.toContain('source.dataset');
    expect(found).not.toContain('optimizer.adam');
  });

  it('offers the types that take labels for a labels output', () => {
    const found = offered({ kind: 'labels', side: 'output' });
    expect(found).toEqual(expect.arrayContaining(['layer.label-embedding', 'op.one-hot']));
    expect(found).not.toContain('layer.dense');
  });

  it('offers sources that give labels for a labels input', () => {
    const found = offered({ kind: 'labels', side: 'input' });
    expect(found).toEqual(expect.arrayContaining(['source.dataset', 'source.class']));
    expect(found).not.toContain('source.noise');
  });

  it('names the port of the new node that the edge goes to', () => {
    const mse = NODE_REGISTRY.get('loss.mse')!;
    expect(fittingPort(mse, 'tensor', 'output')?.name).toBe('prediction');
    expect(fittingPort(mse, 'loss', 'input')?.name).toBe('loss');
    expect(fittingPort(mse, 'labels', 'output')).toBeUndefined();
  });
});

describe('placing the menu', () => {
  it('keeps the menu inside the viewport near the right and bottom edges', () => {
    const place = placeInViewport(
      { x: 1200, y: 850 },
      { width: 200, height: 300 },
      { width: 1280, height: 900 },
    );
    expect(place).toEqual({ x: 1072, y: 592 });
  });

  it('leaves a menu that fits where it was asked', () => {
    expect(
      placeInViewport({ x: 100, y: 120 }, { width: 200, height: 300 }, { width: 1280, height: 900 }),
    ).toEqual({
      x: 100,
      y: 120,
    });
  });
});
