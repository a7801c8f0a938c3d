// Canonical JSON of a graph document: one text per document, so saved files diff cleanly and
// loading then saving again changes nothing.

import type { GraphDocument, GraphEdge, GraphNode, NetworkDef, PortRef } from './document';
import type { ParamValue } from '../types/params';

/** An object with its keys in the order given (a Map, because plain objects put keys such as
 * "10" first whatever order they were added in); undefined values are left out. */
type Ordered = ReadonlyMap<string, unknown>;

function ordered(entries: readonly (readonly [string, unknown])[]): Ordered {
  return new Map(entries.filter(([, value]) => value !== undefined));
}

function sortedParams(params: Readonly<Record<string, ParamValue>>): Ordered {
  const keys = Object.keys(params).sort();
  return ordered(
    keys.map((key) => {
      const value = params[key];
      return [key, Array.isArray(value) ? [...(value as readonly unknown[])] : value] as const;
    }),
  );
}

const portRef = (ref: PortRef) =>
  ordered([
    ['node', ref.node],
    ['port', ref.port],
  ]);

const network = (net: NetworkDef) =>
  ordered([
    ['id', net.id],
    ['name', net.name],
    ['color', net.color],
  ]);

const node = (n: GraphNode) =>
  ordered([
    ['id', n.id],
    ['type', n.type],
    ['network', n.network],
    [
      'position',
      ordered([
        ['x', n.position.x],
        ['y', n.position.y],
      ]),
    ],
    ['params', sortedParams(n.params)],
  ]);

const edge = (e: GraphEdge) =>
  ordered([
    ['id', e.id],
    ['from', portRef(e.from)],
    ['to', portRef(e.to)],
  ]);

/** The document as text: fixed key order, params sorted by name, 2-space indent, trailing newline.
 * Only known fields are written; arrays keep their order. */
export function toCanonicalJson(doc: GraphDocument): string {
  const canonical = ordered([
    ['format', doc.format],
    ['version', doc.version],
    [
      'meta',
      ordered([
        ['title', doc.meta.title],
        ['description', doc.meta.description],
        ['lecture', doc.meta.lecture],
        ['author', doc.meta.author],
      ]),
    ],
    [
      'training',
      ordered([
        ['batchSize', doc.training.batchSize],
        ['seed', doc.training.seed],
        ['steps', doc.training.steps],
      ]),
    ],
    ['networks', doc.networks.map(network)],
    ['nodes', doc.nodes.map(node)],
    ['edges', doc.edges.map(edge)],
  ]);
  return `${write(canonical, '', 0, 0)}\n`;
}

// ---------------------------------------------------------------- layout
//
// The layout is the one Prettier gives JSON under this repository's settings (objects one key
// per line, short lists of numbers or names on one line), so saved graphs and fixtures pass
// `prettier --check` unchanged and a file's text never depends on which tool wrote it last.

/** Prettier's printWidth in .prettierrc.json. */
const LINE_WIDTH = 110;
const INDENT = '  ';

type Scalar = string | number | boolean | null;

const isScalar = (value: unknown): value is Scalar =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** JSON text of one value; numbers as Prettier writes them (1e21, not 1e+21). */
function scalarText(value: Scalar): string {
  return typeof value === 'number' ? JSON.stringify(value).replace('e+', 'e') : JSON.stringify(value);
}

/**
 * `value` laid out at `indent`, starting `column` characters into its line and followed by
 * `tail` characters (a comma) on the same line.
 */
function write(value: unknown, indent: string, column: number, tail: number): string {
  if (isScalar(value)) return scalarText(value);
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isScalar)) {
      const items = value.map(scalarText);
      const flat = `[${items.join(', ')}]`;
      if (column + flat.length + tail <= LINE_WIDTH) return flat;
      const lines = value.every((v) => typeof v === 'number')
        ? fill(items, inner)
        : items.map((t) => inner + t);
      return `[\n${lines.join(',\n')}\n${indent}]`;
    }
    const last = value.length - 1;
    const lines = value.map((item, i) => inner + write(item, inner, inner.length, i < last ? 1 : 0));
    return `[\n${lines.join(',\n')}\n${indent}]`;
  }
  const entries = [...(value as Ordered)];
  if (entries.length === 0) return '{}';
  const last = entries.length - 1;
  const lines = entries.map(([key, item], i) => {
    const lead = `${inner}${JSON.stringify(key)}: `;
    return lead + write(item, inner, lead.length, i < last ? 1 : 0);
  });
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

/** Long lists of numbers: as many per line as fit, each followed by its comma. Returns the lines
 * without their final commas, which the caller joins with. */
function fill(items: readonly string[], inner: string): string[] {
  const lines: string[] = [];
  let line = '';
  items.forEach((item, i) => {
    const width = item.length + (i < items.length - 1 ? 1 : 0);
    if (line === '') line = inner + item;
    else if (line.length + 2 + width <= LINE_WIDTH) line += `, ${item}`;
    else {
      lines.push(line);
      line = inner + item;
    }
  });
  lines.push(line);
  return lines;
}
