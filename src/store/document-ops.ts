// Pure edits of nodes, edges and params: each returns a new document that keeps the object
// identity of every node it does not change, so the canvas can skip redrawing those.

import type { GraphDocument, GraphEdge, GraphNode, PortRef } from '../core/graph/document';
import { defaultParams, paramProblem, type ParamValue, type ParamSpecs } from '../core/types/params';
import { canConnect, type PortKind } from '../core/types/ports';
import { NODE_REGISTRY } from '../../nodes';
import {
  definitionOf,
  done,
  findNode,
  noSuchNode,
  nodesLabel,
  plural,
  refuse,
  titleOf,
  type Edit,
} from './edit';
import { edgeIdBase, edgeIds, idBaseForType, nodeIds, uniqueId } from './ids';
import { pruneEmptiedNetworks } from './network-ops';
import type { Position } from './types';

export function addNode(
  doc: GraphDocument,
  type: string,
  position: Position,
  overrides: Readonly<Record<string, ParamValue>> = {},
): Edit<string> {
  const def = NODE_REGISTRY.get(type);
  if (!def) return refuse(`There is no node type "${type}"`);
  const specs = def.params as ParamSpecs;
  const params: Record<string, ParamValue> = { ...defaultParams(specs) };
  for (const [key, value] of Object.entries(overrides)) {
    const spec = specs[key];
    if (!spec) return refuse(`${def.title} has no param "${key}"`);
    const problem = paramProblem(spec, value);
    if (problem) return refuse(`${spec.label ?? key}: ${problem}`);
    params[key] = value;
  }
  const id = uniqueId(idBaseForType(type), nodeIds(doc));
  const node: GraphNode = { id, type, params, position: { x: position.x, y: position.y } };
  return done({ ...doc, nodes: [...doc.nodes, node] }, id, `Add ${def.title}`);
}

/** Removes nodes with every edge touching them, and edges; null when nothing matched. */
export function removeElements(
  doc: GraphDocument,
  nodeIdList: readonly string[],
  edgeIdList: readonly string[],
): Edit | null {
  const goneNodes = new Set(nodeIdList);
  const goneEdges = new Set(edgeIdList);
  const nodes = doc.nodes.filter((n) => !goneNodes.has(n.id));
  const edges = doc.edges.filter(
    (e) => !goneEdges.has(e.id) && !goneNodes.has(e.from.node) && !goneNodes.has(e.to.node),
  );
  const removedNodes = doc.nodes.length - nodes.length;
  const removedEdges = doc.edges.length - edges.length;
  if (removedNodes === 0 && removedEdges === 0) return null;
  const next = pruneEmptiedNetworks(doc, { ...doc, nodes, edges });
  const removedIds = doc.nodes.filter((n) => goneNodes.has(n.id)).map((n) => n.id);
  const parts: string[] = [];
  if (removedNodes > 0) parts.push(nodesLabel(removedIds));
  // Edges that went with their nodes are not worth naming.
  const explicitEdges = doc.edges.filter(
    (e) => goneEdges.has(e.id) && !goneNodes.has(e.from.node) && !goneNodes.has(e.to.node),
  ).length;
  if (explicitEdges > 0) parts.push(plural(explicitEdges, 'connection'));
  return done(next, undefined, `Delete ${parts.join(' and ')}`);
}

const KIND_WORDS: Record<PortKind, string> = {
  tensor: 'a tensor',
  labels: 'labels',
  loss: 'a loss',
  network: 'a network',
};

/** Why `from` may not feed `to`, in words a student reads while dragging; null when it may. */
export function connectionProblem(doc: GraphDocument, from: PortRef, to: PortRef): string | null {
  const source = findNode(doc, from.node);
  if (!source) return noSuchNode(from.node);
  const target = findNode(doc, to.node);
  if (!target) return noSuchNode(to.node);
  if (source.id === target.id) return `${titleOf(source)} cannot feed its own input`;
  const sourceDef = definitionOf(source);
  if (!sourceDef) return `"${source.id}" has an unknown node type "${source.type}"`;
  const targetDef = definitionOf(target);
  if (!targetDef) return `"${target.id}" has an unknown node type "${target.type}"`;
  const out = sourceDef.outputs.find((p) => p.name === from.port);
  if (!out) return `${sourceDef.title} has no output "${from.port}"`;
  const input = targetDef.inputs.find((p) => p.name === to.port);
  if (!input) return `${targetDef.title} has no input "${to.port}"`;
  if (!canConnect(out.kind, input.kind)) {
    return (
      `${targetDef.title}'s input "${input.name}" takes ${KIND_WORDS[input.kind]}; ` +
      `"${out.name}" of ${sourceDef.title} carries ${KIND_WORDS[out.kind]}`
    );
  }
  if (doc.edges.some((e) => sameRef(e.from, from) && sameRef(e.to, to)))
    return `"${out.name}" of ${source.id} is already connected to "${input.name}" of ${target.id}`;
  return null;
}

const sameRef = (a: PortRef, b: PortRef): boolean => a.node === b.node && a.port === b.port;

/** Adds an edge; into a single input that is already fed, the new edge replaces the old one. */
export function connect(doc: GraphDocument, from: PortRef, to: PortRef): Edit<string> {
  const problem = connectionProblem(doc, from, to);
  if (problem) return refuse(problem);
  const source = findNode(doc, from.node) as GraphNode;
  const target = findNode(doc, to.node) as GraphNode;
  const multiple = definitionOf(target)?.inputs.find((p) => p.name === to.port)?.multiple === true;
  const kept = multiple ? doc.edges : doc.edges.filter((e) => !sameRef(e.to, to));
  const id = uniqueId(edgeIdBase(from, to), edgeIds({ ...doc, edges: kept }));
  const edge: GraphEdge = { id, from: { ...from }, to: { ...to } };
  return done({ ...doc, edges: [...kept, edge] }, id, `Connect ${source.id} to ${target.id}`);
}

function sameValue(a: ParamValue | undefined, b: ParamValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

/** Sets one param after checking it against its spec; an equal value gives back the same doc. */
export function setParam(doc: GraphDocument, nodeId: string, key: string, value: ParamValue): Edit {
  const node = findNode(doc, nodeId);
  if (!node) return refuse(noSuchNode(nodeId));
  const def = definitionOf(node);
  if (!def) return refuse(`"${nodeId}" has an unknown node type "${node.type}"`);
  const spec = (def.params as ParamSpecs)[key];
  if (!spec) return refuse(`${def.title} has no param "${key}"`);
  const problem = paramProblem(spec, value);
  if (problem) return refuse(problem);
  const label = `Set ${spec.label ?? key} of ${nodeId}`;
  if (sameValue(node.params[key], value)) return done(doc, undefined, label);
  const stored: ParamValue = Array.isArray(value) ? ([...value] as ParamValue) : value;
  const changed: GraphNode = { ...node, params: { ...node.params, [key]: stored } };
  return done(replaceNode(doc, changed), undefined, label);
}

/** Moves nodes to new positions; ids not in the document are ignored. */
export function moveNodes(doc: GraphDocument, positions: Readonly<Record<string, Position>>): GraphDocument {
  let changed = false;
  const nodes = doc.nodes.map((node) => {
    const to = positions[node.id];
    if (!to || (to.x === node.position.x && to.y === node.position.y)) return node;
    changed = true;
    return { ...node, position: { x: to.x, y: to.y } };
  });
  return changed ? { ...doc, nodes } : doc;
}

export function replaceNode(doc: GraphDocument, changed: GraphNode): GraphDocument {
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === changed.id ? changed : n)) };
}
