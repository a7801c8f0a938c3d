import { describe, expect, test } from 'vitest';
import { createEditorStore } from '../../src/store';
import { node, ok, port, refused } from './helpers';

const origin = { x: 0, y: 0 };

describe('adding and removing nodes', () => {
  test('adds a node with the default params of its definition and a readable id', () => {
    const store = createEditorStore();
    const id = ok(store.getState().addNode('layer.dense', { x: 10, y: 20 }));
    expect(id).toBe('dense');
    expect(node(store, 'dense')).toEqual({
      id: 'dense',
      type: 'layer.dense',
      params: { units: 64, activation: 'relu', useBias: true },
      position: { x: 10, y: 20 },
    });
  });

  test('numbers further nodes of the same type dense-2, dense-3', () => {
    const store = createEditorStore();
    const ids = [1, 2, 3].map(() => ok(store.getState().addNode('layer.dense', origin)));
    expect(ids).toEqual(['dense', 'dense-2', 'dense-3']);
    expect(ok(store.getState().addNode('loss.kl-normal', origin))).toBe('kl-normal');
  });

  test('takes given params over the defaults and refuses invalid ones', () => {
    const store = createEditorStore();
    ok(store.getState().addNode('layer.dense', origin, { units: 8 }));
    expect(node(store, 'dense').params.units).toBe(8);
    expect(refused(store.getState().addNode('layer.dense', origin, { units: 0 }))).toBe(
      'units: 0 is below the minimum 1',
    );
    expect(refused(store.getState().addNode('layer.dense', origin, { size: 3 }))).toBe(
      'Dense has no param "size"',
    );
    expect(refused(store.getState().addNode('layer.nope', origin))).toBe(
      'There is no node type "layer.nope"',
    );
    expect(store.getState().doc.nodes).toHaveLength(1);
  });

  test('removing a node removes its edges, and undo brings both back', () => {
    const store = createEditorStore();
    const s = store.getState();
    s.addNode('source.noise', origin);
    s.addNode('layer.dense', origin);
    s.addNode('layer.dense', origin);
    ok(s.connect(port('noise.out'), port('dense.in')));
    ok(s.connect(port('dense.out'), port('dense-2.in')));
    const before = store.getState().doc;
    s.removeElements(['dense'], []);
    expect(store.getState().doc.nodes.map((n) => n.id)).toEqual(['noise', 'dense-2']);
    expect(store.getState().doc.edges).toEqual([]);
    expect(store.getState().past.at(-1)?.label).toBe('Delete dense');
    s.undo();
    expect(store.getState().doc).toBe(before);
  });

  test('removes edges on their own and drops removed ids from the selection', () => {
    const store = createEditorStore();
    const s = store.getState();
    s.addNode('source.noise', origin);
    s.addNode('layer.dense', origin);
    const edge = ok(s.connect(port('noise.out'), port('dense.in')));
    s.select(['noise', 'dense'], [edge]);
    s.removeElements([], [edge]);
    expect(store.getState().doc.edges).toEqual([]);
    expect(store.getState().past.at(-1)?.label).toBe('Delete 1 connection');
    expect(store.getState().selectedEdges).toEqual([]);
    s.removeElements(['dense'], []);
    expect(store.getState().selectedNodes).toEqual(['noise']);
  });

  test('removing nothing known records no undo step', () => {
    const store = createEditorStore();
    store.getState().addNode('layer.dense', origin);
    store.getState().removeElements(['ghost'], ['ghost-edge']);
    expect(store.getState().past).toHaveLength(1);
  });
});

describe('connections', () => {
  function chain() {
    const store = createEditorStore();
    const s = store.getState();
    s.addNode('source.dataset', origin);
    s.addNode('layer.dense', origin);
    s.addNode('layer.dense', origin);
    s.addNode('optimizer.adam', origin);
    s.addNode('loss.mse', origin);
    s.addNode('loss.kl-normal', origin);
    return store;
  }

  test('connects ports of the same kind with an id like the preset files use', () => {
    const store = chain();
    const id = ok(store.getState().connect(port('dataset.images'), port('dense.in')));
    expect(id).toBe('dataset.images->dense.in');
    expect(store.getState().doc.edges).toEqual([{ id, from: port('dataset.images'), to: port('dense.in') }]);
    expect(store.getState().past.at(-1)?.label).toBe('Connect dataset to dense');
  });

  test('refuses a port of the wrong kind, naming both ports and kinds', () => {
    const store = chain();
    const s = store.getState();
    const reason = `Dense's input "in" takes a tensor; "labels" of Dataset carries labels`;
    expect(s.connectionProblem(port('dataset.labels'), port('dense.in'))).toBe(reason);
    expect(refused(s.connect(port('dataset.labels'), port('dense.in')))).toBe(reason);
    expect(s.connectionProblem(port('dense.out'), port('adam.losses'))).toBe(
      `Adam's input "losses" takes a loss; "out" of Dense carries a tensor`,
    );
    expect(store.getState().doc.edges).toEqual([]);
    expect(store.getState().past).toHaveLength(6);
  });

  test('refuses unknown nodes and ports, self-loops and duplicates', () => {
    const store = chain();
    const s = store.getState();
    expect(s.connectionProblem(port('ghost.out'), port('dense.in'))).toBe('There is no node "ghost"');
    expect(s.connectionProblem(port('dense.out'), port('ghost.in'))).toBe('There is no node "ghost"');
    expect(s.connectionProblem(port('dense.nope'), port('dense-2.in'))).toBe('Dense has no output "nope"');
    expect(s.connectionProblem(port('dense.out'), port('dense-2.nope'))).toBe('Dense has no input "nope"');
    expect(s.connectionProblem(port('dense.out'), port('dense.in'))).toBe('Dense cannot feed its own input');
    ok(s.connect(port('dense.out'), port('dense-2.in')));
    expect(refused(s.connect(port('dense.out'), port('dense-2.in')))).toBe(
      `"out" of dense is already connected to "in" of dense-2`,
    );
    expect(store.getState().doc.edges).toHaveLength(1);
  });

  test('allows a connection whose shapes disagree (inference reports it instead)', () => {
    const store = chain();
    // Dataset images are rank 3; Dense wants a vector: the kind fits, so it connects.
    expect(store.getState().connectionProblem(port('dataset.images'), port('dense.in'))).toBeNull();
  });

  test('a new edge into a fed single input replaces the old edge in one undo step', () => {
    const store = chain();
    const s = store.getState();
    ok(s.connect(port('dataset.images'), port('dense-2.in')));
    const before = store.getState().doc;
    ok(s.connect(port('dense.out'), port('dense-2.in')));
    expect(store.getState().doc.edges.map((e) => e.id)).toEqual(['dense.out->dense-2.in']);
    s.undo();
    expect(store.getState().doc).toBe(before);
    s.redo();
    expect(store.getState().doc.edges.map((e) => e.id)).toEqual(['dense.out->dense-2.in']);
  });

  test('a multiple input keeps every edge', () => {
    const store = chain();
    const s = store.getState();
    ok(s.connect(port('mse.loss'), port('adam.losses')));
    ok(s.connect(port('kl-normal.loss'), port('adam.losses')));
    expect(store.getState().doc.edges).toHaveLength(2);
  });
});

describe('params', () => {
  test('sets a valid param and labels the step with the param and node', () => {
    const store = createEditorStore();
    store.getState().addNode('layer.dense', origin);
    ok(store.getState().setParam('dense', 'units', 32));
    expect(node(store, 'dense').params.units).toBe(32);
    expect(store.getState().past.at(-1)?.label).toBe('Set units of dense');
    store.getState().undo();
    expect(node(store, 'dense').params.units).toBe(64);
  });

  test('refuses an invalid value with the spec message and leaves the node alone', () => {
    const store = createEditorStore();
    store.getState().addNode('layer.dense', origin);
    const before = store.getState().doc;
    expect(refused(store.getState().setParam('dense', 'units', 0))).toBe('0 is below the minimum 1');
    expect(refused(store.getState().setParam('dense', 'units', 2.5))).toBe(
      'expected a whole number, got 2.5',
    );
    expect(refused(store.getState().setParam('dense', 'activation', 'swish'))).toMatch(
      /"swish" is not one of/,
    );
    expect(refused(store.getState().setParam('dense', 'size', 3))).toBe('Dense has no param "size"');
    expect(refused(store.getState().setParam('ghost', 'units', 3))).toBe('There is no node "ghost"');
    expect(store.getState().doc).toBe(before);
  });

  test('setting the value a param already has records nothing', () => {
    const store = createEditorStore();
    store.getState().addNode('layer.dense', origin);
    const before = store.getState().doc;
    ok(store.getState().setParam('dense', 'units', 64));
    expect(store.getState().doc).toBe(before);
    expect(store.getState().past).toHaveLength(1);
  });

  test('an edit of one node keeps the object identity of every other node', () => {
    const store = createEditorStore();
    const s = store.getState();
    for (let i = 0; i < 5; i++) s.addNode('layer.dense', { x: i * 100, y: 0 });
    const [a, b, c, d, e] = store.getState().doc.nodes;
    ok(s.setParam('dense-3', 'units', 7));
    s.moveNodes({ 'dense-2': { x: 5, y: 5 } });
    ok(s.connect(port('dense.out'), port('dense-4.in')));
    const after = store.getState().doc.nodes;
    expect(after[0]).toBe(a);
    expect(after[1]).not.toBe(b);
    expect(after[2]).not.toBe(c);
    expect(after[3]).toBe(d);
    expect(after[4]).toBe(e);
  });
});
