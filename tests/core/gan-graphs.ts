// Tiny GAN graphs for tests, built with GraphBuilder: a WGAN with a clipped critic and a GAN whose
// discriminator sees a replay buffer of fakes.
import type { GraphDocument } from '../../src/core/graph/document';
import { GraphBuilder } from './graph-builder';

/**
 * What both tiny GANs share: the ring source, a 2-16-1 judge network (`critic` or `discriminator`,
 * its nodes `c1`/`cOut` or `d1`/`dOut`) reading the real points, and a 2-16-2 generator on 2-D noise.
 */
function ringPair(judge: string, prefix: 'c' | 'd'): GraphBuilder {
  return new GraphBuilder()
    .network(judge)
    .network('generator')
    .node('real', 'source.toy', { distribution: 'ring8' })
    .node(`${prefix}1`, 'layer.dense', { units: 16, activation: 'relu' }, judge)
    .node(`${prefix}Out`, 'layer.dense', { units: 1, activation: 'linear' }, judge)
    .node('noise', 'source.noise', { dim: 2 })
    .node('g1', 'layer.dense', { units: 16, activation: 'relu' }, 'generator')
    .node('gOut', 'layer.dense', { units: 2, activation: 'linear' }, 'generator')
    .edge('real.points', `${prefix}1.in`)
    .edge(`${prefix}1.out`, `${prefix}Out.in`)
    .edge('noise.out', 'g1.in')
    .edge('g1.out', 'gOut.in');
}

/** A tiny WGAN on the ring: critic 2-16-1 without sigmoid, generator 2-16-2, RMSprop on both. */
export function tinyWgan(clip: number): GraphDocument {
  return ringPair('critic', 'c')
    .node('cFake', 'network.instance', { network: 'critic' })
    .node('cLoss', 'loss.wgan-critic')
    .node('gLoss', 'loss.wgan-generator')
    .node('cOpt', 'optimizer.rmsprop', { learningRate: 0.05, clip, k: 2, networks: ['critic'] })
    .node('gOpt', 'optimizer.rmsprop', { learningRate: 0.01, networks: ['generator'] })
    .edge('gOut.out', 'cFake.in')
    .edge('cOut.out', 'cLoss.real')
    .edge('cFake.out', 'cLoss.fake')
    .edge('cFake.out', 'gLoss.fake')
    .edge('cLoss.loss', 'cOpt.losses')
    .edge('gLoss.loss', 'gOpt.losses')
    .build();
}

/** The same tiny GAN with the discriminator fed a replay buffer of fakes (BCE losses). */
export function tinyReplayGan(): GraphDocument {
  return ringPair('discriminator', 'd')
    .node('replay', 'op.replay', { size: 20, mix: 0.5 })
    .node('dReplayed', 'network.instance', { network: 'discriminator' })
    .node('dFake', 'network.instance', { network: 'discriminator' })
    .node('dLoss', 'loss.gan-discriminator')
    .node('gLoss', 'loss.gan-generator')
    .node('dAdam', 'optimizer.adam', { networks: ['discriminator'] })
    .node('gAdam', 'optimizer.adam', { networks: ['generator'] })
    .edge('gOut.out', 'replay.in')
    .edge('replay.out', 'dReplayed.in')
    .edge('gOut.out', 'dFake.in')
    .edge('dOut.out', 'dLoss.real')
    .edge('dReplayed.out', 'dLoss.fake')
    .edge('dFake.out', 'gLoss.fake')
    .edge('dLoss.loss', 'dAdam.losses')
    .edge('gLoss.loss', 'gAdam.losses')
    .build();
}

/** The tiny WGAN without clipping and with a gradient penalty of weight `lambda` on its critic. */
export function tinyWganGp(lambda: number): GraphDocument {
  const doc = tinyWgan(0);
  return {
    ...doc,
    nodes: [
      ...doc.nodes,
      {
        id: 'penalty',
        type: 'loss.gradient-penalty',
        position: { x: 0, y: 0 },
        params: { network: 'critic', weight: lambda },
      },
    ],
    edges: [
      ...doc.edges,
      { id: 'p1', from: { node: 'real', port: 'points' }, to: { node: 'penalty', port: 'real' } },
      { id: 'p2', from: { node: 'gOut', port: 'out' }, to: { node: 'penalty', port: 'fake' } },
      { id: 'p3', from: { node: 'penalty', port: 'loss' }, to: { node: 'cOpt', port: 'losses' } },
    ],
  };
}
