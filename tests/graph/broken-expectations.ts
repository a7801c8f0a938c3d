// What loading each file in tests/fixtures/graphs/broken/ must report, and what must come out.
// Every broken file is valid/autoencoder.json with one thing broken, named by the file.

import { DEFAULT_TRAINING, emptyDocument, type GraphDocument } from '../../src/core/graph/document';
import type { LoadWarningCode } from '../../src/core/graph/load';
import { changeNode, outOfNetwork, withoutEdges, withoutNodes, withParam } from './fixture-files';

export interface ExpectedWarning {
  readonly code: LoadWarningCode;
  readonly path: string;
  readonly node?: string;
  readonly edge?: string;
}

export interface BrokenFixture {
  /** Every warning, in the order the loader meets the problems. */
  readonly warnings: readonly ExpectedWarning[];
  /** Words the first warning's message must contain (besides the node or edge id it names). */
  readonly mentions?: readonly string[];
  /** The document that must come out, from the loaded base document; unchanged when absent. */
  readonly expect?: (base: GraphDocument) => GraphDocument;
}

const dropNodeAndEdges = (node: string, edges: readonly string[]) => (doc: GraphDocument) =>
  withoutEdges(withoutNodes(doc, [node]), edges);

export const BROKEN_FIXTURES: Readonly<Record<string, BrokenFixture>> = {
  'not-json.txt': {
    warnings: [{ code: 'NOT_JSON', path: '' }],
    mentions: ['not valid JSON', 'empty graph'],
    expect: () => emptyDocument(),
  },
  'not-an-object.json': {
    warnings: [{ code: 'NOT_AN_OBJECT', path: '' }],
    mentions: ['a list of 7 items'],
    expect: () => emptyDocument(),
  },
  'wrong-format.json': { warnings: [{ code: 'WRONG_FORMAT', path: 'format' }], mentions: ['"excalidraw"'] },
  'missing-format.json': { warnings: [{ code: 'WRONG_FORMAT', path: 'format' }], mentions: ['no "format"'] },
  'missing-version.json': {
    warnings: [{ code: 'BAD_VERSION', path: 'version' }],
    mentions: ['no format version'],
  },
  'non-integer-version.json': { warnings: [{ code: 'BAD_VERSION', path: 'version' }], mentions: ['1.5'] },
  'newer-version.json': {
    warnings: [{ code: 'NEWER_VERSION', path: 'version' }],
    mentions: ['version 3', 'newer'],
  },
  'unknown-top-level-field.json': {
    warnings: [{ code: 'UNKNOWN_FIELD', path: 'theme' }],
    mentions: ['"theme"', 'dropped'],
  },
  'missing-meta.json': {
    warnings: [],
    expect: (doc) => ({ ...doc, meta: { title: 'Untitled graph', description: '' } }),
  },
  'bad-meta-title.json': {
    warnings: [{ code: 'BAD_META', path: 'meta.title' }],
    mentions: ['title', 'the number 42', 'Untitled graph'],
    expect: (doc) => ({ ...doc, meta: { ...doc.meta, title: 'Untitled graph' } }),
  },
  'missing-training.json': {
    warnings: [],
    expect: (doc) => ({ ...doc, training: DEFAULT_TRAINING }),
  },
  'training-not-an-object.json': {
    warnings: [{ code: 'NOT_A_SECTION', path: 'training' }],
    mentions: ['"training"', 'the number 64'],
    expect: (doc) => ({ ...doc, training: DEFAULT_TRAINING }),
  },
  'batch-size-zero.json': {
    warnings: [{ code: 'BAD_TRAINING', path: 'training.batchSize' }],
    mentions: ['"batchSize"', 'from 1 to 4096', 'has 0', 'default 64'],
    expect: (doc) => ({ ...doc, training: { ...doc.training, batchSize: 64 } }),
  },
  'negative-steps.json': {
    warnings: [{ code: 'BAD_TRAINING', path: 'training.steps' }],
    mentions: ['"steps"', '-5', 'default 1000'],
    expect: (doc) => ({ ...doc, training: { ...doc.training, steps: 1000 } }),
  },
  'non-integer-seed.json': {
    warnings: [{ code: 'BAD_TRAINING', path: 'training.seed' }],
    mentions: ['"seed"', 'whole number', '1.5'],
    expect: (doc) => ({ ...doc, training: { ...doc.training, seed: 1 } }),
  },
  'unknown-training-field.json': {
    warnings: [{ code: 'UNKNOWN_FIELD', path: 'training.learningRate' }],
    mentions: ['"learningRate"'],
  },
  'duplicate-network-id.json': {
    warnings: [
      { code: 'DUPLICATE_NETWORK_ID', path: 'networks[1].id' },
      { code: 'UNKNOWN_NETWORK', path: 'nodes[3].network', node: 'dec' },
      { code: 'UNKNOWN_NETWORK', path: 'nodes[4].network', node: 'out' },
    ],
    mentions: ['"encoder"', 'networks[1]'],
    expect: (doc) => outOfNetwork(outOfNetwork({ ...doc, networks: doc.networks.slice(0, 1) }, 'dec'), 'out'),
  },
  'bad-network-name.json': {
    warnings: [{ code: 'BAD_NETWORK_FIELD', path: 'networks[0].name' }],
    mentions: ['"encoder"', 'name', 'the number 7'],
    expect: (doc) => ({
      ...doc,
      networks: [{ ...doc.networks[0]!, name: 'encoder' }, ...doc.networks.slice(1)],
    }),
  },
  'node-not-an-object.json': {
    warnings: [
      { code: 'MALFORMED_NODE', path: 'nodes[0]' },
      { code: 'DANGLING_EDGE', path: 'edges[0].from.node', node: 'data', edge: 'e1' },
      { code: 'DANGLING_EDGE', path: 'edges[5].from.node', node: 'data', edge: 'e6' },
    ],
    mentions: ['nodes[0]', '"data"', 'dropped'],
    expect: dropNodeAndEdges('data', ['e1', 'e6']),
  },
  'node-missing-id.json': {
    warnings: [
      { code: 'MALFORMED_NODE', path: 'nodes[6].id' },
      { code: 'DANGLING_EDGE', path: 'edges[6].to.node', node: 'opt', edge: 'e7' },
    ],
    mentions: ['nodes[6]', 'has no id'],
    expect: dropNodeAndEdges('opt', ['e7']),
  },
  'node-missing-type.json': {
    warnings: [
      { code: 'MALFORMED_NODE', path: 'nodes[4].type', node: 'out' },
      { code: 'EDGE_OF_DROPPED_NODE', path: 'edges[3].to.node', node: 'out', edge: 'e4' },
      { code: 'EDGE_OF_DROPPED_NODE', path: 'edges[4].from.node', node: 'out', edge: 'e5' },
    ],
    mentions: ['has no type'],
    expect: dropNodeAndEdges('out', ['e4', 'e5']),
  },
  'unknown-node-type.json': {
    warnings: [
      { code: 'UNKNOWN_NODE_TYPE', path: 'nodes[2].type', node: 'code' },
      { code: 'EDGE_OF_DROPPED_NODE', path: 'edges[1].to.node', node: 'code', edge: 'e2' },
      { code: 'EDGE_OF_DROPPED_NODE', path: 'edges[2].from.node', node: 'code', edge: 'e3' },
    ],
    mentions: ['"test.mystery"'],
    expect: dropNodeAndEdges('code', ['e2', 'e3']),
  },
  'duplicate-node-id.json': {
    warnings: [{ code: 'DUPLICATE_NODE_ID', path: 'nodes[7].id', node: 'enc' }],
    mentions: ['used twice', 'nodes[7]', 'test.dense'],
  },
  'unknown-node-field.json': {
    warnings: [{ code: 'UNKNOWN_FIELD', path: 'nodes[0].selected', node: 'data' }],
    mentions: ['"selected"'],
  },
  'bad-position.json': {
    warnings: [{ code: 'BAD_POSITION', path: 'nodes[0].position.x', node: 'data' }],
    mentions: ['position.x', '"left"'],
    expect: (doc) => changeNode(doc, 'data', (n) => ({ ...n, position: { ...n.position, x: 0 } })),
  },
  'unknown-network.json': {
    warnings: [{ code: 'UNKNOWN_NETWORK', path: 'nodes[3].network', node: 'dec' }],
    mentions: ['"decodr"'],
    expect: (doc) => outOfNetwork(doc, 'dec'),
  },
  'params-not-an-object.json': {
    warnings: [{ code: 'BAD_PARAMS', path: 'nodes[3].params', node: 'dec' }],
    mentions: ['test.dense', '"relu"', 'default'],
    expect: (doc) =>
      changeNode(doc, 'dec', (n) => ({ ...n, params: { activation: 'relu', units: 16, useBias: true } })),
  },
  'wrong-param-type.json': {
    warnings: [{ code: 'BAD_PARAM', path: 'nodes[1].params.units', node: 'enc' }],
    mentions: ['"units"', 'expected a number', '"sixteen"', 'default 16'],
    expect: (doc) => withParam(doc, 'enc', 'units', 16),
  },
  'param-out-of-range.json': {
    warnings: [{ code: 'BAD_PARAM', path: 'nodes[2].params.units', node: 'code' }],
    mentions: ['"units"', 'below the minimum 1', 'default 16'],
    expect: (doc) => withParam(doc, 'code', 'units', 16),
  },
  'bad-enum-value.json': {
    warnings: [{ code: 'BAD_PARAM', path: 'nodes[4].params.activation', node: 'out' }],
    mentions: ['"activation"', '"swish"', 'default "relu"'],
    expect: (doc) => withParam(doc, 'out', 'activation', 'relu'),
  },
  'unknown-param.json': {
    warnings: [{ code: 'UNKNOWN_PARAM', path: 'nodes[1].params.dropout', node: 'enc' }],
    mentions: ['"dropout"', '0.5'],
  },
  'missing-param.json': { warnings: [] },
  'edges-not-a-list.json': {
    warnings: [{ code: 'NOT_A_LIST', path: 'edges' }],
    mentions: ['"edges"', 'an object'],
    expect: (doc) => ({ ...doc, edges: [] }),
  },
  'edge-missing-id.json': {
    warnings: [{ code: 'MALFORMED_EDGE', path: 'edges[0].id' }],
    mentions: ['edges[0]', 'has no id'],
    expect: (doc) => withoutEdges(doc, ['e1']),
  },
  'malformed-edge.json': {
    warnings: [{ code: 'MALFORMED_EDGE', path: 'edges[6].from', edge: 'e7' }],
    mentions: ['"loss.loss"', '{node, port}'],
    expect: (doc) => withoutEdges(doc, ['e7']),
  },
  'unknown-edge-field.json': {
    warnings: [{ code: 'UNKNOWN_FIELD', path: 'edges[0].animated', edge: 'e1' }],
    mentions: ['"animated"'],
  },
  'dangling-edge.json': {
    warnings: [{ code: 'DANGLING_EDGE', path: 'edges[3].to.node', node: 'ghost', edge: 'e4' }],
    mentions: ['does not exist'],
    expect: (doc) => withoutEdges(doc, ['e4']),
  },
  'edge-to-missing-port.json': {
    warnings: [{ code: 'UNKNOWN_PORT', path: 'edges[0].to.port', node: 'enc', edge: 'e1' }],
    mentions: ['"input"', 'test.dense', 'its inputs: "in"'],
    expect: (doc) => withoutEdges(doc, ['e1']),
  },
  'edge-from-missing-port.json': {
    warnings: [{ code: 'UNKNOWN_PORT', path: 'edges[5].from.port', node: 'data', edge: 'e6' }],
    mentions: ['"output"', 'its outputs: "out"'],
    expect: (doc) => withoutEdges(doc, ['e6']),
  },
  'port-kind-mismatch.json': {
    warnings: [{ code: 'PORT_KIND_MISMATCH', path: 'edges[4]', node: 'opt', edge: 'e5' }],
    mentions: ['the tensor output "out" of node "out"', 'the loss input "losses" of node "opt"'],
    expect: (doc) => withoutEdges(doc, ['e5']),
  },
  'duplicate-edge.json': {
    warnings: [{ code: 'DUPLICATE_EDGE', path: 'edges[7]', edge: 'e2-copy' }],
    mentions: ['repeats edge "e2"'],
  },
  'duplicate-edge-id.json': {
    warnings: [{ code: 'DUPLICATE_EDGE_ID', path: 'edges[2].id', edge: 'e1-2' }],
    mentions: ['"e1" is used twice', 'code.out → dec.in'],
    expect: (doc) => ({ ...doc, edges: doc.edges.map((e) => (e.id === 'e3' ? { ...e, id: 'e1-2' } : e)) }),
  },
};
