// Small graph documents for tests, written as a chain of calls instead of JSON.
import { emptyDocument, type GraphDocument, type GraphNode } from '../../src/core/graph/document';
import type { ParamValue } from '../../src/core/types/params';

export class GraphBuilder {
  private doc: GraphDocument = emptyDocument('test graph');

  node(id: string, type: string, params: Record<string, ParamValue> = {}, network?: string): this {
    const node: GraphNode = {
      id,
      type,
      params,
      position: { x: this.doc.nodes.length * 100, y: 0 },
      ...(network !== undefined && { network }),
    };
    this.doc = { ...this.doc, nodes: [...this.doc.nodes, node] };
    return this;
  }

  /** `from` and `to` as "node.port". */
  edge(from: string, to: string): this {
    const [fn, fp] = from.split('.') as [string, string];
    const [tn, tp] = to.split('.') as [string, string];
    const id = `${from}->${to}`;
    this.doc = {
      ...this.doc,
      edges: [...this.doc.edges, { id, from: { node: fn, port: fp }, to: { node: tn, port: tp } }],
    };
    return this;
  }

  network(id: string, name = id): this {
    this.doc = { ...this.doc, networks: [...this.doc.networks, { id, name }] };
    return this;
  }

  build(): GraphDocument {
    return this.doc;
  }
}

/** toy points -> dense(net) -> dense(net) -> MSE against the points -> Adam: the smallest trainable graph. */
export function tinyAutoencoder(): GraphBuilder {
  return new GraphBuilder()
    .node('points', 'source.toy', { distribution: 'ring8' })
    .node('enc', 'layer.dense', { units: 8, activation: 'tanh' })
    .node('dec', 'layer.dense', { units: 2, activation: 'linear' })
    .node('mse', 'loss.mse')
    .node('adam', 'optimizer.adam')
    .edge('points.points', 'enc.in')
    .edge('enc.out', 'dec.in')
    .edge('dec.out', 'mse.prediction')
    .edge('points.points', 'mse.target')
    .edge('mse.loss', 'adam.losses');
}

/** Ring points through `layers` dense layers of `units`, back to 2-D, trained with Adam on an MSE. */
export function wideDense(layers: number, units: number): GraphDocument {
  const graph = new GraphBuilder().node('points', 'source.toy', { distribution: 'ring8' });
  let from = 'points.points';
  for (let i = 0; i < layers; i++) {
    graph.node(`wide${i}`, 'layer.dense', { units }).edge(from, `wide${i}.in`);
    from = `wide${i}.out`;
  }
  return graph
    .node('out', 'layer.dense', { units: 2, activation: 'linear' })
    .node('mse', 'loss.mse')
    .node('adam', 'optimizer.adam')
    .edge(from, 'out.in')
    .edge('out.out', 'mse.prediction')
    .edge('points.points', 'mse.target')
    .edge('mse.loss', 'adam.losses')
    .build();
}

/** Two small autoencoders of the ring, networks "a" and "b", each with its own optimizer. */
export function twoPhases(
  type: string,
  a: Record<string, ParamValue>,
  b: Record<string, ParamValue>,
): GraphDocument {
  return new GraphBuilder()
    .network('a')
    .network('b')
    .node('points', 'source.toy', { distribution: 'ring8' })
    .node('a1', 'layer.dense', { units: 8, activation: 'tanh' }, 'a')
    .node('a2', 'layer.dense', { units: 2, activation: 'linear' }, 'a')
    .node('b1', 'layer.dense', { units: 8, activation: 'tanh' }, 'b')
    .node('b2', 'layer.dense', { units: 2, activation: 'linear' }, 'b')
    .node('mseA', 'loss.mse')
    .node('mseB', 'loss.mse')
    .node('optA', type, a)
    .node('optB', type, b)
    .edge('points.points', 'a1.in')
    .edge('a1.out', 'a2.in')
    .edge('a2.out', 'mseA.prediction')
    .edge('points.points', 'mseA.target')
    .edge('points.points', 'b1.in')
    .edge('b1.out', 'b2.in')
    .edge('b2.out', 'mseB.prediction')
    .edge('points.points', 'mseB.target')
    .edge('mseA.loss', 'optA.losses')
    .edge('mseB.loss', 'optB.losses')
    .build();
}
