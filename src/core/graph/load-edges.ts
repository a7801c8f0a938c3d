// Loading the edges of a graph file: keeps each edge whose ends exist and can connect, and names
// every edge it has to drop or rename.

import type { PortSpec } from '../types/definition';
import { canConnect } from '../types/ports';
import type { GraphEdge, PortRef } from './document';
import type { LoadedNodes } from './load-nodes';
import type { WarningSink } from './load-warnings';
import { describeValue, isNonEmptyString, isRecord, ownField, pathKey, type RawRecord } from './raw';

const EDGE_FIELDS: readonly string[] = ['id', 'from', 'to'];
const REF_FIELDS: readonly string[] = ['node', 'port'];

type End = 'from' | 'to';

/** A port reference, or why the file's one is not. */
function readRef(edge: RawRecord, end: End): PortRef | string {
  const ref = ownField(edge, end);
  if (ref === undefined) return `has no "${end}"`;
  if (!isRecord(ref)) return `has ${describeValue(ref)} as "${end}" instead of {node, port}`;
  const node = ownField(ref, 'node');
  const port = ownField(ref, 'port');
  if (!isNonEmptyString(node)) return `has ${describeValue(node)} as "${end}.node" instead of a node id`;
  if (!isNonEmptyString(port)) return `has ${describeValue(port)} as "${end}.port" instead of a port name`;
  return { node, port };
}

const portNames = (ports: readonly PortSpec[]): string =>
  ports.length === 0 ? 'none' : ports.map((p) => `"${p.name}"`).join(', ');

const describeRef = (ref: PortRef): string => `${ref.node}.${ref.port}`;

export function loadEdges(entries: readonly unknown[], loaded: LoadedNodes, warn: WarningSink): GraphEdge[] {
  const edges: GraphEdge[] = [];
  const usedIds = new Set<string>();
  const firstWithPorts = new Map<string, string>();
  // Renamed edges must not take an id a later edge already has.
  const fileIds = new Set(entries.map((e) => (isRecord(e) ? ownField(e, 'id') : undefined)));

  entries.forEach((entry, index) => {
    const at = `edges[${index}]`;
    if (!isRecord(entry)) {
      warn('MALFORMED_EDGE', at, {
        owner: `the entry ${at}`,
        detail: `is ${describeValue(entry)}, not an edge`,
      });
      return;
    }
    const id = ownField(entry, 'id');
    if (!isNonEmptyString(id)) {
      const detail =
        id === undefined ? 'has no id' : `has ${describeValue(id)} as its id, which is not a name`;
      warn('MALFORMED_EDGE', `${at}.id`, { owner: `the edge at ${at}`, detail });
      return;
    }
    const refs = { from: readRef(entry, 'from'), to: readRef(entry, 'to') };
    for (const end of ['from', 'to'] as const) {
      const ref = refs[end];
      if (typeof ref === 'string') {
        warn('MALFORMED_EDGE', `${at}.${end}`, { edge: id, owner: `edge "${id}"`, detail: ref });
        return;
      }
    }
    const from = refs.from as PortRef;
    const to = refs.to as PortRef;

    for (const [end, ref] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (loaded.definitions.has(ref.node)) continue;
      const path = `${at}.${end}.node`;
      const reason = loaded.dropped.get(ref.node);
      if (reason !== undefined) {
        warn('EDGE_OF_DROPPED_NODE', path, { edge: id, node: ref.node, detail: reason });
      } else {
        const detail = end === 'from' ? 'comes from' : 'goes to';
        warn('DANGLING_EDGE', path, { edge: id, node: ref.node, detail });
      }
      return;
    }

    const fromDefinition = loaded.definitions.get(from.node);
    const toDefinition = loaded.definitions.get(to.node);
    if (fromDefinition === undefined || toDefinition === undefined) return;
    const output = fromDefinition.outputs.find((p) => p.name === from.port);
    if (output === undefined) {
      warn('UNKNOWN_PORT', `${at}.from.port`, {
        edge: id,
        node: from.node,
        type: fromDefinition.type,
        port: from.port,
        detail: `output (its outputs: ${portNames(fromDefinition.outputs)})`,
      });
      return;
    }
    const input = toDefinition.inputs.find((p) => p.name === to.port);
    if (input === undefined) {
      warn('UNKNOWN_PORT', `${at}.to.port`, {
        edge: id,
        node: to.node,
        type: toDefinition.type,
        port: to.port,
        detail: `input (its inputs: ${portNames(toDefinition.inputs)})`,
      });
      return;
    }
    if (!canConnect(output.kind, input.kind)) {
      warn('PORT_KIND_MISMATCH', at, {
        edge: id,
        node: to.node,
        actual: `the ${output.kind} output "${from.port}" of node "${from.node}"`,
        expected: `the ${input.kind} input "${to.port}" of node "${to.node}"`,
      });
      return;
    }

    const ports = JSON.stringify([from.node, from.port, to.node, to.port]);
    const twin = firstWithPorts.get(ports);
    if (twin !== undefined) {
      warn('DUPLICATE_EDGE', at, { edge: id, detail: twin });
      return;
    }

    let keptId = id;
    if (usedIds.has(id)) {
      for (let n = 2; usedIds.has(keptId) || fileIds.has(keptId); n++) keptId = `${id}-${n}`;
      const owner = `${describeRef(from)} → ${describeRef(to)}`;
      warn('DUPLICATE_EDGE_ID', `${at}.id`, { edge: keptId, owner, detail: id });
    }

    reportUnknownFields(entry, at, keptId, warn);
    usedIds.add(keptId);
    firstWithPorts.set(ports, keptId);
    edges.push({ id: keptId, from, to });
  });

  return edges;
}

function reportUnknownFields(entry: RawRecord, at: string, id: string, warn: WarningSink): void {
  const owner = `edge "${id}"`;
  for (const key of Object.keys(entry)) {
    if (!EDGE_FIELDS.includes(key)) warn('UNKNOWN_FIELD', pathKey(at, key), { edge: id, owner, field: key });
  }
  for (const end of ['from', 'to'] as const) {
    const ref = ownField(entry, end);
    if (!isRecord(ref)) continue;
    for (const key of Object.keys(ref)) {
      if (!REF_FIELDS.includes(key)) {
        warn('UNKNOWN_FIELD', pathKey(`${at}.${end}`, key), {
          edge: id,
          owner: `${owner} ${end}`,
          field: key,
        });
      }
    }
  }
}
