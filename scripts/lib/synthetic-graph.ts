// A large valid graph for timing the editor's costs: many side-by-side autoencoder and VAE chains
// built from real catalogue node types, each with its own networks, losses and optimizer.

import {
  GRAPH_FORMAT,
  GRAPH_VERSION,
  type GraphDocument,
  type GraphEdge,
  type GraphNode,
  type NetworkDef,
} from '../../src/core/graph/document';
import type { ParamValue } from '../../src/core/types/params';

/** The smallest graph this generator can make: one plain autoencoder chain. */
export const MIN_SYNTHETIC_NODES = 9;

const AUTOENCODER_NODES = 9;
const VAE_NODES = 14;
const ROW_HEIGHT = 220;
const COLUMN_WIDTH = 200;

type ChainKind = 'autoencoder' | 'vae';

interface ChainPlan {
  readonly kind: ChainKind;
  /** Dense layers added inside the encoder to make the node count come out exact. */
  readonly extraLayers: number;
}

/** Chains alternate between the two kinds; what is left over deepens the first encoder. */
function planChains(nodeCount: number): ChainPlan[] {
  const kinds: ChainKind[] = [];
  let left = nodeCount;
  while (left >= AUTOENCODER_NODES) {
    const kind: ChainKind = kinds.length % 2 === 1 && left >= VAE_NODES ? 'vae' : 'autoencoder';
    kinds.push(kind);
    left -= kind === 'vae' ? VAE_NODES : AUTOENCODER_NODES;
  }
  return kinds.map((kind, i) => ({ kind, extraLayers: i === 0 ? left : 0 }));
}

/** Collects the nodes, edges and networks of one chain under a prefix that keeps ids unique. */
class ChainBuilder {
  private column = 0;

  constructor(
    private readonly prefix: string,
    private readonly row: number,
    readonly nodes: GraphNode[],
    readonly edges: GraphEdge[],
    readonly networks: NetworkDef[],
  ) {}

  network(name: string): string {
    const id = `${this.prefix}${name}`;
    this.networks.push({ id, name: `${name} ${this.prefix.slice(0, -1)}` });
    return id;
  }

  node(name: string, type: string, params: Record<string, ParamValue> = {}, network?: string): string {
    const id = `${this.prefix}${name}`;
    const position = { x: this.column++ * COLUMN_WIDTH, y: this.row * ROW_HEIGHT };
    this.nodes.push({ id, type, params, position, ...(network !== undefined && { network }) });
    return id;
  }

  edge(from: string, fromPort: string, to: string, toPort: string): void {
    this.edges.push({
      id: `${from}.${fromPort}->${to}.${toPort}`,
      from: { node: from, port: fromPort },
      to: { node: to, port: toPort },
    });
  }

  /** dense layers in a row inside one network, returning the last. */
  denseRow(after: string, names: readonly string[], units: number, network: string): string {
    let last = after;
    for (const name of names) {
      const id = this.node(name, 'layer.dense', { units, activation: 'relu' }, network);
      this.edge(last, 'out', id, 'in');
      last = id;
    }
    return last;
  }
}

const extraNames = (count: number): string[] => Array.from({ length: count }, (_, i) => `extra${i + 1}`);

/** 9 nodes (+ extras): dataset, flatten, dense x2, dense x2, reshape, MSE, Adam. */
function addAutoencoder(b: ChainBuilder, extraLayers: number): void {
  const encoder = b.network('encoder');
  const decoder = b.network('decoder');
  const data = b.node('data', 'source.dataset', { dataset: 'fashion' });
  const flatten = b.node('flatten', 'layer.flatten', {}, encoder);
  b.edge(data, 'images', flatten, 'in');
  const hidden = b.denseRow(flatten, ['enc1', ...extraNames(extraLayers)], 64, encoder);
  const coding = b.denseRow(hidden, ['coding'], 8, encoder);
  const dec1 = b.denseRow(coding, ['dec1'], 64, decoder);
  const dec2 = b.node('dec2', 'layer.dense', { units: 784, activation: 'sigmoid' }, decoder);
  b.edge(dec1, 'out', dec2, 'in');
  const image = b.node('image', 'layer.reshape', { targetShape: [28, 28, 1] }, decoder);
  b.edge(dec2, 'out', image, 'in');
  const mse = b.node('mse', 'loss.mse');
  b.edge(image, 'out', mse, 'prediction');
  b.edge(data, 'images', mse, 'target');
  const adam = b.node('adam', 'optimizer.adam', { learningRate: 0.001 });
  b.edge(mse, 'loss', adam, 'losses');
}

/** 14 nodes (+ extras): the VAE preset's shape, prior sampling through a decoder instance included. */
function addVae(b: ChainBuilder, extraLayers: number): void {
  const encoder = b.network('encoder');
  const decoder = b.network('decoder');
  const data = b.node('data', 'source.dataset', { dataset: 'mnist' });
  const flatten = b.node('flatten', 'layer.flatten', {}, encoder);
  b.edge(data, 'images', flatten, 'in');
  const hidden = b.denseRow(flatten, ['hidden', ...extraNames(extraLayers)], 64, encoder);
  const mu = b.node('mu', 'layer.dense', { units: 4, activation: 'linear' }, encoder);
  const logVar = b.node('logVar', 'layer.dense', { units: 4, activation: 'linear' }, encoder);
  b.edge(hidden, 'out', mu, 'in');
  b.edge(hidden, 'out', logVar, 'in');
  const sample = b.node('sample', 'op.sample');
  b.edge(mu, 'out', sample, 'mu');
  b.edge(logVar, 'out', sample, 'logVar');
  const dec1 = b.denseRow(sample, ['dec1'], 64, decoder);
  const dec2 = b.node('dec2', 'layer.dense', { units: 784, activation: 'sigmoid' }, decoder);
  b.edge(dec1, 'out', dec2, 'in');
  const image = b.node('image', 'layer.reshape', { targetShape: [28, 28, 1] }, decoder);
  b.edge(dec2, 'out', image, 'in');
  const bce = b.node('reconstruction', 'loss.bce', { from: 'probabilities', reduction: 'sum' });
  b.edge(image, 'out', bce, 'prediction');
  b.edge(data, 'images', bce, 'target');
  const kl = b.node('kl', 'loss.kl-normal', { reduction: 'sum', weight: 1 });
  b.edge(mu, 'out', kl, 'mu');
  b.edge(logVar, 'out', kl, 'logVar');
  const adam = b.node('adam', 'optimizer.adam', { learningRate: 0.001 });
  b.edge(bce, 'loss', adam, 'losses');
  b.edge(kl, 'loss', adam, 'losses');
  const prior = b.node('prior', 'source.noise', { dim: 4, distribution: 'normal' });
  const generate = b.node('generate', 'network.instance', { network: decoder });
  b.edge(prior, 'out', generate, 'in');
}

/**
 * A graph document of exactly `nodeCount` nodes that infers with no errors or warnings.
 * Throws a RangeError below MIN_SYNTHETIC_NODES or for a count that is not a whole number.
 */
export function syntheticGraph(nodeCount: number): GraphDocument {
  if (!Number.isInteger(nodeCount) || nodeCount < MIN_SYNTHETIC_NODES) {
    throw new RangeError(`a synthetic graph needs a whole number >= ${MIN_SYNTHETIC_NODES} of nodes`);
  }
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const networks: NetworkDef[] = [];
  planChains(nodeCount).forEach((plan, row) => {
    const builder = new ChainBuilder(`c${row + 1}-`, row, nodes, edges, networks);
    if (plan.kind === 'vae') addVae(builder, plan.extraLayers);
    else addAutoencoder(builder, plan.extraLayers);
  });
  return {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    meta: {
      title: `Synthetic graph of ${nodeCount} nodes`,
      description: 'Side-by-side autoencoder and VAE chains, made to time inference on a large graph.',
    },
    training: { batchSize: 64, seed: 1, steps: 1000 },
    networks,
    nodes,
    edges,
  };
}
