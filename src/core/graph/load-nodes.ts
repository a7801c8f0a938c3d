// Loading the nodes of a graph file: keeps each node the registry knows, repairs its fields, and
// names every node it has to drop.

import type { AnyNodeDefinition, NodeRegistry } from '../types/definition';
import { paramProblem, type ParamSpec, type ParamValue } from '../types/params';
import type { GraphNode } from './document';
import type { WarningSink } from './load-warnings';
import {
  describeValue,
  formatValue,
  isNonEmptyString,
  isRecord,
  ownField,
  pathKey,
  type RawRecord,
} from './raw';

const NODE_FIELDS: readonly string[] = ['id', 'type', 'network', 'position', 'params'];

export interface LoadedNodes {
  readonly nodes: readonly GraphNode[];
  readonly definitions: ReadonlyMap<string, AnyNodeDefinition>;
  /** Ids of nodes that were dropped, with why in a few words, so their edges can say so. */
  readonly dropped: ReadonlyMap<string, string>;
}

export function loadNodes(
  entries: readonly unknown[],
  registry: NodeRegistry,
  networkIds: ReadonlySet<string>,
  warn: WarningSink,
): LoadedNodes {
  const nodes: GraphNode[] = [];
  const definitions = new Map<string, AnyNodeDefinition>();
  const dropped = new Map<string, string>();
  // An id belongs to the first entry that claims it, even if that entry is dropped later.
  const claimed = new Set<string>();

  entries.forEach((entry, index) => {
    const at = `nodes[${index}]`;
    if (!isRecord(entry)) {
      warn('MALFORMED_NODE', at, {
        owner: `the entry ${at}`,
        detail: `is ${describeValue(entry)}, not a node`,
      });
      return;
    }
    const id = ownField(entry, 'id');
    if (!isNonEmptyString(id)) {
      const detail =
        id === undefined ? 'has no id' : `has ${describeValue(id)} as its id, which is not a name`;
      warn('MALFORMED_NODE', `${at}.id`, { owner: `the node at ${at}`, detail });
      return;
    }
    const type = ownField(entry, 'type');
    if (claimed.has(id)) {
      const owner = typeof type === 'string' ? `${at}, type "${type}"` : at;
      warn('DUPLICATE_NODE_ID', `${at}.id`, { node: id, owner });
      return;
    }
    claimed.add(id);
    if (!isNonEmptyString(type)) {
      const detail = type === undefined ? 'has no type' : `has ${describeValue(type)} as its type`;
      warn('MALFORMED_NODE', `${at}.type`, { node: id, owner: `node "${id}"`, detail });
      dropped.set(id, `it ${detail}`);
      return;
    }
    const definition = registry.get(type);
    if (definition === undefined) {
      warn('UNKNOWN_NODE_TYPE', `${at}.type`, { node: id, type });
      dropped.set(id, `unknown type "${type}"`);
      return;
    }

    for (const key of Object.keys(entry)) {
      if (!NODE_FIELDS.includes(key)) {
        warn('UNKNOWN_FIELD', pathKey(at, key), { node: id, owner: `node "${id}"`, field: key });
      }
    }
    const network = readNetwork(entry, at, id, networkIds, warn);
    nodes.push({
      id,
      type,
      ...(network !== undefined && { network }),
      position: readPosition(entry, at, id, warn),
      params: readParams(entry, at, id, definition, warn),
    });
    definitions.set(id, definition);
  });

  return { nodes, definitions, dropped };
}

function readNetwork(
  entry: RawRecord,
  at: string,
  id: string,
  networkIds: ReadonlySet<string>,
  warn: WarningSink,
): string | undefined {
  const network = ownField(entry, 'network');
  // null is how some writers say "no network"; it means the same as leaving the field out.
  if (network === undefined || network === null) return undefined;
  if (typeof network === 'string' && networkIds.has(network)) return network;
  const actual = typeof network === 'string' ? JSON.stringify(network) : describeValue(network);
  warn('UNKNOWN_NETWORK', `${at}.network`, { node: id, actual });
  return undefined;
}

function readPosition(entry: RawRecord, at: string, id: string, warn: WarningSink): { x: number; y: number } {
  const position = ownField(entry, 'position');
  if (position === undefined) return { x: 0, y: 0 };
  if (!isRecord(position)) {
    warn('BAD_POSITION', `${at}.position`, {
      node: id,
      field: 'position',
      expected: 'an object {x, y}',
      actual: describeValue(position),
      fallback: '(0, 0)',
    });
    return { x: 0, y: 0 };
  }
  const coordinate = (axis: 'x' | 'y'): number => {
    const value = ownField(position, axis);
    if (value === undefined) return 0;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    warn('BAD_POSITION', `${at}.position.${axis}`, {
      node: id,
      field: `position.${axis}`,
      expected: 'a number',
      actual: describeValue(value),
      fallback: '0',
    });
    return 0;
  };
  const point = { x: coordinate('x'), y: coordinate('y') };
  for (const key of Object.keys(position)) {
    if (key !== 'x' && key !== 'y') {
      warn('UNKNOWN_FIELD', pathKey(`${at}.position`, key), {
        node: id,
        owner: `node "${id}" position`,
        field: key,
      });
    }
  }
  return point;
}

function copyValue(value: ParamValue): ParamValue {
  return Array.isArray(value) ? ([...(value as readonly unknown[])] as ParamValue) : value;
}

/** paramProblem with two guards: a hostile value (an object without a prototype) must not stop the
 * load, and an object found where a value belongs reads as "an object", not "[object Object]". */
function problemOf(spec: ParamSpec, value: unknown): string | null {
  try {
    return paramProblem(spec, value)?.replace(/(object )?\[object [^\]]*\]/g, 'an object') ?? null;
  } catch {
    return `the value ${describeValue(value)} does not fit`;
  }
}

function readParams(
  entry: RawRecord,
  at: string,
  id: string,
  definition: AnyNodeDefinition,
  warn: WarningSink,
): Record<string, ParamValue> {
  const type = definition.type;
  const raw = ownField(entry, 'params');
  let source: RawRecord = {};
  if (isRecord(raw)) source = raw;
  else if (raw !== undefined)
    warn('BAD_PARAMS', `${at}.params`, { node: id, type, actual: describeValue(raw) });

  const specs: Readonly<Record<string, ParamSpec>> = definition.params;
  const params: Record<string, ParamValue> = {};
  const set = (key: string, value: ParamValue) =>
    Object.defineProperty(params, key, { value, enumerable: true, writable: true });
  for (const [key, spec] of Object.entries(specs)) {
    const fallback = copyValue(spec.default);
    // A missing param is not a problem: files written before it existed simply lack it.
    if (!Object.hasOwn(source, key)) {
      set(key, fallback);
      continue;
    }
    const value = source[key];
    const problem = problemOf(spec, value);
    if (problem === null) {
      set(key, copyValue(value as ParamValue));
    } else {
      const path = pathKey(`${at}.params`, key);
      warn('BAD_PARAM', path, {
        node: id,
        type,
        param: key,
        detail: problem,
        fallback: formatValue(fallback),
      });
      set(key, fallback);
    }
  }
  for (const key of Object.keys(source)) {
    if (!Object.hasOwn(specs, key)) {
      const actual = formatValue(source[key]);
      warn('UNKNOWN_PARAM', pathKey(`${at}.params`, key), { node: id, type, param: key, actual });
    }
  }
  return params;
}
