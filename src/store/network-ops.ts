// Pure edits of networks (named frames of layer nodes), and the clean-up that keeps every
// reference to a network valid: node memberships and params of kind 'network' / 'networks'.

import type { GraphDocument, GraphNode, NetworkDef } from '../core/graph/document';
import type { ParamSpecs, ParamValue } from '../core/types/params';
import { definitionOf, done, findNode, noSuchNode, refuse, type Edit } from './edit';
import { slug, uniqueId } from './ids';

/** Colours new networks take in turn; the presets use the first ones. */
export const NETWORK_COLORS: readonly string[] = [
  '#4c78a8',
  '#f58518',
  '#54a24b',
  '#e45756',
  '#72b7b2',
  '#b279a2',
  '#eeca3b',
  '#9d755d',
];

export const isLayerNode = (node: GraphNode): boolean => definitionOf(node)?.build.role === 'layer';

const noSuchNetwork = (id: string): string => `There is no network "${id}"`;

function nextColor(networks: readonly NetworkDef[]): string {
  const used = new Set(networks.map((n) => n.color));
  const free = NETWORK_COLORS.find((c) => !used.has(c));
  return free ?? NETWORK_COLORS[networks.length % NETWORK_COLORS.length] ?? '#888888';
}

function withoutNetwork(node: GraphNode): GraphNode {
  const { network: _dropped, ...rest } = node;
  return rest;
}

export function createNetwork(doc: GraphDocument, nodeIdList: readonly string[], name: string): Edit<string> {
  const trimmed = name.trim();
  if (trimmed === '') return refuse('A network needs a name');
  if (nodeIdList.length === 0) return refuse('Select at least one layer to make a network');
  const members: GraphNode[] = [];
  for (const id of nodeIdList) {
    const node = findNode(doc, id);
    if (!node) return refuse(noSuchNode(id));
    members.push(node);
  }
  const others = members.filter((n) => !isLayerNode(n));
  if (others.length > 0) {
    const names = others.map((n) => `"${n.id}" (${definitionOf(n)?.title ?? n.type})`).join(', ');
    const verb = others.length === 1 ? 'is not a layer' : 'are not layers';
    return refuse(`Only layers can form a network; ${names} ${verb}`);
  }
  const id = uniqueId(slug(trimmed) || 'network', new Set(doc.networks.map((n) => n.id)));
  const network: NetworkDef = { id, name: trimmed, color: nextColor(doc.networks) };
  const memberIds = new Set(members.map((n) => n.id));
  const nodes = doc.nodes.map((n) => (memberIds.has(n.id) && n.network !== id ? { ...n, network: id } : n));
  const next = pruneEmptiedNetworks(doc, { ...doc, networks: [...doc.networks, network], nodes });
  return done(next, id, `Make network ${trimmed}`);
}

export function renameNetwork(doc: GraphDocument, networkId: string, name: string): Edit {
  const trimmed = name.trim();
  const network = doc.networks.find((n) => n.id === networkId);
  if (!network) return refuse(noSuchNetwork(networkId));
  if (trimmed === '') return refuse('A network needs a name');
  const label = `Rename network ${network.name} to ${trimmed}`;
  if (trimmed === network.name) return done(doc, undefined, label);
  const networks = doc.networks.map((n) => (n.id === networkId ? { ...n, name: trimmed } : n));
  return done({ ...doc, networks }, undefined, label);
}

export function setNodeNetwork(doc: GraphDocument, nodeId: string, networkId: string | null): Edit {
  const node = findNode(doc, nodeId);
  if (!node) return refuse(noSuchNode(nodeId));
  if (networkId === null) {
    if (node.network === undefined) return done(doc, undefined, `Take ${nodeId} out of its network`);
    const name = doc.networks.find((n) => n.id === node.network)?.name ?? node.network;
    const next = pruneEmptiedNetworks(doc, replaceNodeIn(doc, withoutNetwork(node)));
    return done(next, undefined, `Take ${nodeId} out of ${name}`);
  }
  const network = doc.networks.find((n) => n.id === networkId);
  if (!network) return refuse(noSuchNetwork(networkId));
  if (!isLayerNode(node))
    return refuse(`${definitionOf(node)?.title ?? node.type} is not a layer, so it cannot join a network`);
  const label = `Add ${nodeId} to ${network.name}`;
  if (node.network === networkId) return done(doc, undefined, label);
  const next = pruneEmptiedNetworks(doc, replaceNodeIn(doc, { ...node, network: networkId }));
  return done(next, undefined, label);
}

/** Removes the frame; its nodes stay, outside any network. Null for an unknown id. */
export function deleteNetwork(doc: GraphDocument, networkId: string): Edit | null {
  const network = doc.networks.find((n) => n.id === networkId);
  if (!network) return null;
  const next = dropNetworks(doc, new Set([networkId]));
  return done(next, undefined, `Delete network ${network.name}`);
}

/** Removes networks that had members in `before` and have none in `after` (a frame of nothing). */
export function pruneEmptiedNetworks(before: GraphDocument, after: GraphDocument): GraphDocument {
  const hadMembers = new Set(before.nodes.flatMap((n) => (n.network === undefined ? [] : [n.network])));
  const hasMembers = new Set(after.nodes.flatMap((n) => (n.network === undefined ? [] : [n.network])));
  const emptied = new Set([...hadMembers].filter((id) => !hasMembers.has(id)));
  const known = after.networks.filter((n) => emptied.has(n.id));
  return known.length === 0 ? after : dropNetworks(after, new Set(known.map((n) => n.id)));
}

/** Deletes networks, their memberships, and every param that names them (found from the specs). */
export function dropNetworks(doc: GraphDocument, ids: ReadonlySet<string>): GraphDocument {
  const networks = doc.networks.filter((n) => !ids.has(n.id));
  const nodes = doc.nodes.map((node) => {
    let next = node.network !== undefined && ids.has(node.network) ? withoutNetwork(node) : node;
    const params = paramsWithout(next, ids);
    if (params !== next.params) next = { ...next, params };
    return next;
  });
  return { ...doc, networks, nodes };
}

function paramsWithout(node: GraphNode, ids: ReadonlySet<string>): GraphNode['params'] {
  const specs = definitionOf(node)?.params as ParamSpecs | undefined;
  if (!specs) return node.params;
  let params: Record<string, ParamValue> | null = null;
  for (const [key, spec] of Object.entries(specs)) {
    const value = node.params[key];
    if (spec.kind === 'network' && typeof value === 'string' && ids.has(value)) {
      params ??= { ...node.params };
      params[key] = '';
    } else if (spec.kind === 'networks' && Array.isArray(value)) {
      const list = value as readonly (string | number)[];
      if (list.some((v) => typeof v === 'string' && ids.has(v))) {
        params ??= { ...node.params };
        params[key] = list.filter((v) => !(typeof v === 'string' && ids.has(v))) as ParamValue;
      }
    }
  }
  return params ?? node.params;
}

function replaceNodeIn(doc: GraphDocument, changed: GraphNode): GraphDocument {
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === changed.id ? changed : n)) };
}
