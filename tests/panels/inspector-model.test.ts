import { describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { emptyDocument } from '../../src/core/graph/document';
import { inferGraph } from '../../src/core/infer';
import { makeIssue } from '../../src/core/types/issues';
import {
  collapseRepeats,
  inputTypeRows,
  inspectorSubject,
  nodeIssues,
  outputTypeRows,
  paramIssues,
  suggestNetworkName,
} from '../../src/app/panels/inspector-model';
import { GraphBuilder } from '../core/graph-builder';

const doc = new GraphBuilder()
  .node('data', 'source.dataset')
  .node('flat', 'layer.flatten')
  .node('enc', 'layer.dense', { units: 32 }, 'encoder')
  .node('lone', 'layer.dense')
  .node('bad', 'layer.dense', { units: -3 })
  .network('encoder', 'Encoder')
  .edge('data.images', 'flat.in')
  .edge('flat.out', 'enc.in')
  .edge('flat.out', 'bad.in')
  .build();
const inferred = inferGraph(doc, NODE_REGISTRY);
const dense = NODE_REGISTRY.get('layer.dense')!;

describe('what the inspector shows', () => {
  it('shows one node with its definition', () => {
    const subject = inspectorSubject(['enc'], doc, NODE_REGISTRY);
    expect(subject.kind).toBe('node');
    expect(subject.kind === 'node' && subject.definition?.type).toBe('layer.dense');
  });

  it('offers a multi-selection of nodes as a group', () => {
    const subject = inspectorSubject(['enc', 'lone', 'gone'], doc, NODE_REGISTRY);
    expect(subject.kind === 'many' && subject.nodes.map((n) => n.id)).toEqual(['enc', 'lone']);
  });

  it('shows a selected frame network with its layers when no node is selected', () => {
    const subject = inspectorSubject([], doc, NODE_REGISTRY, 'encoder');
    expect(subject.kind === 'network' && subject.members.map((n) => n.id)).toEqual(['enc']);
  });

  it('shows the document when nothing that exists is selected', () => {
    expect(inspectorSubject(['gone'], doc, NODE_REGISTRY).kind).toBe('document');
    expect(inspectorSubject([], doc, NODE_REGISTRY, 'no-such-network').kind).toBe('document');
  });
});

describe("a node's types", () => {
  it('formats the inferred input and output types', () => {
    expect(inputTypeRows(dense, 'enc', inferred)).toEqual([
      { name: 'in', label: 'in', kind: 'tensor', types: ['vector [B,784]'] },
    ]);
    expect(outputTypeRows(dense, 'enc', inferred)[0]?.types).toEqual(['vector [B,32]']);
  });

  it('says an input is not connected and its output not inferred', () => {
    expect(inputTypeRows(dense, 'lone', inferred)[0]?.missing).toBe('not connected');
    expect(outputTypeRows(dense, 'lone', inferred)[0]).toMatchObject({ types: [], missing: 'not inferred' });
  });

  it('picks the issues of one node, errors first, and those of one param', () => {
    const mine = nodeIssues(inferred.issues, 'bad');
    expect(nodeIssues(inferred.issues, 'lone').map((i) => i.code)).toEqual(['E_UNCONNECTED']);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i) => i.node === 'bad')).toBe(true);
    expect(mine[0]?.severity).toBe('error');
    expect(paramIssues(inferred.issues, 'bad', 'units').map((i) => i.code)).toContain('E_BAD_PARAM');
    expect(paramIssues(inferred.issues, 'bad', 'activation')).toEqual([]);
  });
});

describe('naming a new network', () => {
  it('numbers past the networks the document has', () => {
    expect(suggestNetworkName(emptyDocument())).toBe('Network 1');
    expect(suggestNetworkName(doc)).toBe('Network 2');
  });

  it('skips a number some network already uses as its name', () => {
    const taken = new GraphBuilder().network('n1', 'Network 2').build();
    expect(suggestNetworkName(taken)).toBe('Network 3');
  });
});

describe('types on a port with many edges', () => {
  it('collapses repeated neighbouring types into a count', () => {
    expect(collapseRepeats(['loss', 'loss', 'vector [B,2]', 'loss'])).toEqual([
      'loss ×2',
      'vector [B,2]',
      'loss',
    ]);
    expect(collapseRepeats([])).toEqual([]);
  });

  it('lists errors of a node before its warnings', () => {
    const mixed = [
      makeIssue('W_CHECKERBOARD', { actual: '3', expected: '2' }, 'n'),
      makeIssue('E_CYCLE', {}, 'n'),
    ];
    expect(nodeIssues(mixed, 'n').map((i) => i.code)).toEqual(['E_CYCLE', 'W_CHECKERBOARD']);
  });
});
