// A network made only of layers without weights (a flatten outside any frame, feeding a
// concatenation) needs no optimizer, so it draws no "untrained network" warning; one with
// weights still does.

import { describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { inferGraph } from '../../src/core/infer';
import { tinyAutoencoder } from './graph-builder';

const codes = (b: ReturnType<typeof tinyAutoencoder>) =>
  inferGraph(b.build(), NODE_REGISTRY).issues.map((i) => `${i.code}@${i.node ?? ''}`);

describe('untrained-network warning', () => {
  it('is not raised for a lone flatten, but is for a lone dense layer', () => {
    const withFlatten = tinyAutoencoder()
      .node('images', 'source.dataset', { dataset: 'mnist' })
      .node('flat', 'layer.flatten')
      .node('hot', 'op.one-hot')
      .node('join', 'op.concat')
      .edge('images.images', 'flat.in')
      .edge('images.labels', 'hot.labels')
      .edge('flat.out', 'join.in')
      .edge('hot.out', 'join.in');
    expect(codes(withFlatten)).toEqual([]);
    const withDense = withFlatten.node('lonely', 'layer.dense', { units: 3 }).edge('join.out', 'lonely.in');
    expect(codes(withDense)).toEqual(['W_NETWORK_UNTRAINED@lonely']);
  });
});
