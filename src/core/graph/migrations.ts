// Numbered migrations of the graph file format: each small pure function lifts version n to n + 1.
//
// Migrations work on raw parsed JSON and pass through whatever they do not understand, so the
// loader that runs after them can name every problem at its place in the current format.

import { GRAPH_VERSION } from './document';
import { isRecord, ownField, type RawRecord } from './raw';

/** The first format version that was ever written. */
export const OLDEST_GRAPH_VERSION = 1;

export interface Migration {
  readonly from: number;
  readonly to: number;
  /** What changed, for the changelog of the file format. */
  readonly summary: string;
  readonly migrate: (doc: RawRecord) => Record<string, unknown>;
}

// ---------------------------------------------------------------- version 1

/** The draft format: flat title and settings, React-Flow-style edges, networks named by node `group`. */
export interface GraphDocumentV1 {
  readonly format: 'latent-lab.graph';
  readonly version: 1;
  readonly title: string;
  readonly description: string;
  readonly nodes: readonly {
    readonly id: string;
    readonly type: string;
    readonly x: number;
    readonly y: number;
    readonly params: Readonly<Record<string, unknown>>;
    /** The display name of the network the node belongs to. */
    readonly group?: string;
  }[];
  readonly edges: readonly {
    readonly id: string;
    readonly source: string;
    readonly sourceHandle: string;
    readonly target: string;
    readonly targetHandle: string;
  }[];
  readonly settings: { readonly batch: number; readonly seed: number; readonly steps: number };
}

/** A network id from a display name: "Décodeur 2" becomes "decodeur-2". */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'network' : slug;
}

/** Copies `source` without the named keys, keeping what a migration does not handle. */
function without(source: RawRecord, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    if (!keys.includes(key))
      Object.defineProperty(out, key, { value: source[key], enumerable: true, writable: true });
  }
  return out;
}

/** Sets only the fields the old document had, so a missing one stays missing (the loader fills it). */
function present(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
}

function groupName(node: unknown): string | undefined {
  if (!isRecord(node)) return undefined;
  const group = ownField(node, 'group');
  return typeof group === 'string' && group.trim() !== '' ? group : undefined;
}

function version1To2(doc: RawRecord): Record<string, unknown> {
  const rawNodes = ownField(doc, 'nodes');
  const rawEdges = ownField(doc, 'edges');
  const settings = ownField(doc, 'settings');

  // Networks come from the distinct group names, in the order nodes first use them.
  const networkIdByName = new Map<string, string>();
  const usedIds = new Set<string>();
  for (const node of Array.isArray(rawNodes) ? rawNodes : []) {
    const name = groupName(node);
    if (name === undefined || networkIdByName.has(name)) continue;
    const base = slugify(name);
    let id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
    usedIds.add(id);
    networkIdByName.set(name, id);
  }

  const nodes = Array.isArray(rawNodes)
    ? rawNodes.map((node: unknown) => {
        if (!isRecord(node)) return node;
        const group = ownField(node, 'group');
        const name = groupName(node);
        // A group that is not a name is passed on as is, so the loader reports it.
        const network =
          name !== undefined ? networkIdByName.get(name) : typeof group === 'string' ? undefined : group;
        const x = ownField(node, 'x');
        const y = ownField(node, 'y');
        return {
          ...without(node, ['id', 'type', 'x', 'y', 'params', 'group']),
          ...present({ id: ownField(node, 'id'), type: ownField(node, 'type'), network }),
          ...(x !== undefined || y !== undefined ? { position: present({ x, y }) } : {}),
          ...present({ params: ownField(node, 'params') }),
        };
      })
    : rawNodes;

  const edges = Array.isArray(rawEdges)
    ? rawEdges.map((edge: unknown) => {
        if (!isRecord(edge)) return edge;
        return {
          ...without(edge, ['id', 'source', 'sourceHandle', 'target', 'targetHandle']),
          ...present({ id: ownField(edge, 'id') }),
          from: present({ node: ownField(edge, 'source'), port: ownField(edge, 'sourceHandle') }),
          to: present({ node: ownField(edge, 'target'), port: ownField(edge, 'targetHandle') }),
        };
      })
    : rawEdges;

  const training = isRecord(settings)
    ? {
        ...without(settings, ['batch', 'seed', 'steps']),
        ...present({
          batchSize: ownField(settings, 'batch'),
          seed: ownField(settings, 'seed'),
          steps: ownField(settings, 'steps'),
        }),
      }
    : settings;

  return {
    ...without(doc, ['format', 'version', 'title', 'description', 'settings', 'nodes', 'edges']),
    ...present({ format: ownField(doc, 'format') }),
    version: 2,
    meta: present({ title: ownField(doc, 'title'), description: ownField(doc, 'description') }),
    ...present({ training }),
    networks: [...networkIdByName].map(([name, id]) => ({ id, name })),
    ...present({ nodes, edges }),
  };
}

// ---------------------------------------------------------------- the chain

/** Every migration in order; migration i lifts version OLDEST_GRAPH_VERSION + i by one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    from: 1,
    to: 2,
    summary:
      'title and description move into meta, settings become training (batch -> batchSize), ' +
      'node x/y become position, edges name from/to ports, node groups become networks',
    migrate: version1To2,
  },
];

/**
 * Lifts a raw document of `version` to GRAPH_VERSION by running each migration after it in turn.
 * Throws only if a migration does; the loader catches that and reports it.
 */
export function migrateToCurrent(doc: RawRecord, version: number): Record<string, unknown> {
  let current: Record<string, unknown> = { ...doc };
  for (let at = version; at < GRAPH_VERSION;) {
    const migration = MIGRATIONS[at - OLDEST_GRAPH_VERSION];
    if (migration === undefined || migration.from !== at) throw new Error(`no migration from version ${at}`);
    current = migration.migrate(current);
    at = migration.to;
  }
  return current;
}
