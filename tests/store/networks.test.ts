import { describe, expect, test } from 'vitest';
import { createEditorStore, NETWORK_COLORS } from '../../src/store';
import { node, ok, preset, refused } from './helpers';

const origin = { x: 0, y: 0 };

function layers() {
  const store = createEditorStore();
  const s = store.getState();
  s.addNode('source.dataset', origin);
  s.addNode('layer.flatten', origin);
  s.addNode('layer.dense', origin);
  s.addNode('layer.dense', origin);
  s.addNode('optimizer.adam', origin);
  return store;
}

describe('making networks', () => {
  test('makes a named, coloured network from layer nodes', () => {
    const store = layers();
    const id = ok(store.getState().createNetwork(['flatten', 'dense'], '  Encoder '));
    expect(id).toBe('encoder');
    expect(store.getState().doc.networks).toEqual([
      { id: 'encoder', name: 'Encoder', color: NETWORK_COLORS[0] },
    ]);
    expect(node(store, 'flatten').network).toBe('encoder');
    expect(node(store, 'dense').network).toBe('encoder');
    expect(node(store, 'dense-2').network).toBeUndefined();
    expect(store.getState().past.at(-1)?.label).toBe('Make network Encoder');
  });

  test('gives networks of the same name distinct ids and unused colours', () => {
    const store = layers();
    ok(store.getState().createNetwork(['dense'], 'Net'));
    ok(store.getState().createNetwork(['dense-2'], 'Net'));
    const networks = store.getState().doc.networks;
    expect(networks.map((n) => n.id)).toEqual(['net', 'net-2']);
    expect(networks[0]?.color).not.toBe(networks[1]?.color);
  });

  test('refuses nodes that are not layers, naming each of them', () => {
    const store = layers();
    const before = store.getState().doc;
    expect(refused(store.getState().createNetwork(['dense', 'dataset', 'adam'], 'Mixed'))).toBe(
      'Only layers can form a network; "dataset" (Dataset), "adam" (Adam) are not layers',
    );
    expect(refused(store.getState().createNetwork(['adam'], 'X'))).toBe(
      'Only layers can form a network; "adam" (Adam) is not a layer',
    );
    expect(refused(store.getState().createNetwork(['dense'], '   '))).toBe('A network needs a name');
    expect(refused(store.getState().createNetwork([], 'X'))).toBe(
      'Select at least one layer to make a network',
    );
    expect(refused(store.getState().createNetwork(['ghost'], 'X'))).toBe('There is no node "ghost"');
    expect(store.getState().doc).toBe(before);
  });

  test('taking every member of one network into a new one removes the emptied frame', () => {
    const store = layers();
    ok(store.getState().createNetwork(['dense'], 'Old'));
    ok(store.getState().createNetwork(['dense', 'dense-2'], 'New'));
    expect(store.getState().doc.networks.map((n) => n.id)).toEqual(['new']);
  });
});

describe('editing networks', () => {
  test('renames a network, refusing an empty name', () => {
    const store = layers();
    ok(store.getState().createNetwork(['dense'], 'Encoder'));
    ok(store.getState().renameNetwork('encoder', 'Recognition'));
    expect(store.getState().doc.networks[0]?.name).toBe('Recognition');
    expect(store.getState().doc.networks[0]?.id).toBe('encoder');
    expect(refused(store.getState().renameNetwork('encoder', ' '))).toBe('A network needs a name');
    expect(refused(store.getState().renameNetwork('ghost', 'X'))).toBe('There is no network "ghost"');
    store.getState().undo();
    expect(store.getState().doc.networks[0]?.name).toBe('Encoder');
  });

  test('adds a layer to a network and takes it out again, refusing non-layers', () => {
    const store = layers();
    ok(store.getState().createNetwork(['dense'], 'Encoder'));
    ok(store.getState().setNodeNetwork('dense-2', 'encoder'));
    expect(node(store, 'dense-2').network).toBe('encoder');
    expect(store.getState().past.at(-1)?.label).toBe('Add dense-2 to Encoder');
    ok(store.getState().setNodeNetwork('dense-2', null));
    expect(node(store, 'dense-2')).not.toHaveProperty('network');
    expect(refused(store.getState().setNodeNetwork('adam', 'encoder'))).toBe(
      'Adam is not a layer, so it cannot join a network',
    );
    expect(refused(store.getState().setNodeNetwork('dense', 'ghost'))).toBe('There is no network "ghost"');
    store.getState().undo();
    expect(node(store, 'dense-2').network).toBe('encoder');
  });

  test('deleting a network keeps its nodes outside any frame', () => {
    const store = layers();
    ok(store.getState().createNetwork(['flatten', 'dense'], 'Encoder'));
    const before = store.getState().doc;
    store.getState().deleteNetwork('encoder');
    const doc = store.getState().doc;
    expect(doc.networks).toEqual([]);
    expect(doc.nodes).toHaveLength(5);
    expect(doc.nodes.filter((n) => 'network' in n)).toEqual([]);
    expect(store.getState().past.at(-1)?.label).toBe('Delete network Encoder');
    store.getState().undo();
    expect(store.getState().doc).toBe(before);
  });
});

describe('references to deleted networks', () => {
  test('a deleted network is no longer drawn collapsed, so a new one with its id starts open', () => {
    const store = createEditorStore(preset('gan-ring'));
    store.getState().toggleNetworkCollapsed('discriminator');
    store.getState().toggleNetworkCollapsed('generator');
    store.getState().deleteNetwork('discriminator');
    expect(store.getState().collapsedNetworks).toEqual(['generator']);
  });

  test('deleting a network clears the optimizer and instance params that name it', () => {
    const store = createEditorStore(preset('gan-ring'));
    expect(node(store, 'dFake').params.network).toBe('discriminator');
    store.getState().deleteNetwork('discriminator');
    expect(node(store, 'dFake').params.network).toBe('');
    expect(node(store, 'dAdam').params.networks).toEqual([]);
    expect(node(store, 'gAdam').params.networks).toEqual(['generator']);
    expect(store.getState().doc.nodes.some((n) => n.network === 'discriminator')).toBe(false);
  });

  test('clean-up leaves nodes that do not name the network as they were', () => {
    const store = createEditorStore(preset('gan-ring'));
    const before = new Map(store.getState().doc.nodes.map((n) => [n.id, n]));
    store.getState().deleteNetwork('discriminator');
    for (const id of ['real', 'noise', 'g1', 'gOut', 'gAdam', 'gLoss'])
      expect(node(store, id)).toBe(before.get(id));
  });

  test('removing the last node of a network removes the network and the params naming it', () => {
    const store = createEditorStore(preset('gan-ring'));
    store.getState().removeElements(['d1', 'd2', 'dOut'], []);
    const doc = store.getState().doc;
    expect(doc.networks.map((n) => n.id)).toEqual(['generator']);
    expect(node(store, 'dFake').params.network).toBe('');
    expect(node(store, 'dAdam').params.networks).toEqual([]);
    store.getState().undo();
    expect(
      store
        .getState()
        .doc.networks.map((n) => n.id)
        .sort(),
    ).toEqual(['discriminator', 'generator']);
    expect(node(store, 'dAdam').params.networks).toEqual(['discriminator']);
  });

  test('removing some members of a network keeps it', () => {
    const store = createEditorStore(preset('gan-ring'));
    store.getState().removeElements(['d2'], []);
    expect(
      store
        .getState()
        .doc.networks.map((n) => n.id)
        .sort(),
    ).toEqual(['discriminator', 'generator']);
    expect(node(store, 'dFake').params.network).toBe('discriminator');
  });
});
