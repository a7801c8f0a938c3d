// Tolerant loading of a graph file: never throws, keeps everything valid, migrates old versions,
// and names each problem it repaired or dropped.

import type { NodeRegistry } from '../types/definition';
import {
  DEFAULT_TRAINING,
  GRAPH_FORMAT,
  GRAPH_VERSION,
  emptyDocument,
  type GraphDocument,
  type GraphMeta,
  type NetworkDef,
  type TrainingSettings,
} from './document';
import { loadEdges } from './load-edges';
import { loadNodes } from './load-nodes';
import { makeLoadWarning, type LoadWarning, type WarningSink } from './load-warnings';
import { OLDEST_GRAPH_VERSION, migrateToCurrent } from './migrations';
import { describeValue, errorText, formatValue, isNonEmptyString, isRecord, ownField, pathKey } from './raw';
import type { RawRecord } from './raw';
import { TRAINING_LIMITS, trainingFieldSchemas } from './schema';

export type { LoadWarning, LoadWarningCode, LoadSeverity } from './load-warnings';

export interface LoadResult {
  readonly doc: GraphDocument;
  readonly warnings: readonly LoadWarning[];
}

const TOP_FIELDS: readonly string[] = ['format', 'version', 'meta', 'training', 'networks', 'nodes', 'edges'];

/**
 * Reads a graph from JSON text or an already-parsed value. Never throws: what cannot be read is
 * replaced by defaults or dropped, and each such repair comes back as a warning.
 * The registry decides which node types, ports and params exist.
 */
export function loadGraph(input: unknown, registry: NodeRegistry): LoadResult {
  const warnings: LoadWarning[] = [];
  const warn: WarningSink = (code, path, facts) => warnings.push(makeLoadWarning(code, path, facts));
  try {
    return { doc: readDocument(input, registry, warn), warnings };
  } catch (error) {
    // Only a hostile value (a throwing getter, a revoked proxy) gets here; the half-made warnings
    // would point at things that are not in the empty document, so they are not returned.
    let detail = 'unknown error';
    try {
      detail = errorText(error);
    } catch {
      // keep the generic words
    }
    return { doc: emptyDocument(), warnings: [makeLoadWarning('LOAD_FAILED', '', { detail })] };
  }
}

function parse(input: unknown, warn: WarningSink): { value: unknown } | undefined {
  if (typeof input !== 'string') return { value: input };
  try {
    // Editors on some systems save a byte-order mark, which JSON.parse rejects.
    return { value: JSON.parse(input.replace(/^\uFEFF/, '')) };
  } catch (error) {
    warn('NOT_JSON', '', { detail: errorText(error) });
    return undefined;
  }
}

function readDocument(input: unknown, registry: NodeRegistry, warn: WarningSink): GraphDocument {
  const parsed = parse(input, warn);
  if (parsed === undefined) return emptyDocument();
  if (!isRecord(parsed.value)) {
    warn('NOT_AN_OBJECT', '', { actual: describeValue(parsed.value) });
    return emptyDocument();
  }
  const raw = upToDate(parsed.value, warn);

  for (const key of Object.keys(raw)) {
    if (!TOP_FIELDS.includes(key)) warn('UNKNOWN_FIELD', pathKey('', key), { owner: 'the file', field: key });
  }
  const meta = readMeta(ownField(raw, 'meta'), warn);
  const training = readTraining(ownField(raw, 'training'), warn);
  const networks = readNetworks(list(raw, 'networks', warn), warn);
  const networkIds = new Set(networks.map((n) => n.id));
  const loaded = loadNodes(list(raw, 'nodes', warn), registry, networkIds, warn);
  const edges = loadEdges(list(raw, 'edges', warn), loaded, warn);
  return {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    meta,
    training,
    networks,
    nodes: loaded.nodes,
    edges,
  };
}

/** Checks format and version, and migrates an older document to the current version. */
function upToDate(value: RawRecord, warn: WarningSink): RawRecord {
  const format = ownField(value, 'format');
  if (format !== GRAPH_FORMAT) {
    warn('WRONG_FORMAT', 'format', { actual: format === undefined ? undefined : formatValue(format) });
  }
  const version = ownField(value, 'version');
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < OLDEST_GRAPH_VERSION) {
    warn('BAD_VERSION', 'version', { actual: version === undefined ? undefined : formatValue(version) });
    return value;
  }
  if (version > GRAPH_VERSION) {
    warn('NEWER_VERSION', 'version', { actual: String(version) });
    return value;
  }
  if (version === GRAPH_VERSION) return value;
  try {
    const migrated = migrateToCurrent(value, version);
    warn('MIGRATED', 'version', { actual: String(version), expected: String(GRAPH_VERSION) });
    return migrated;
  } catch (error) {
    warn('MIGRATION_FAILED', 'version', { actual: String(version), detail: errorText(error) });
    return value;
  }
}

function list(raw: RawRecord, field: string, warn: WarningSink): readonly unknown[] {
  const value = ownField(raw, field);
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  warn('NOT_A_LIST', field, { field, actual: describeValue(value) });
  return [];
}

/** A section object, or an empty one (with a warning when the file had something else there). */
function section(value: unknown, field: string, warn: WarningSink): RawRecord {
  if (isRecord(value)) return value;
  if (value !== undefined) warn('NOT_A_SECTION', field, { field, actual: describeValue(value) });
  return {};
}

function reportUnknown(
  record: RawRecord,
  at: string,
  known: readonly string[],
  owner: string,
  warn: WarningSink,
) {
  for (const key of Object.keys(record)) {
    if (!known.includes(key)) warn('UNKNOWN_FIELD', pathKey(at, key), { owner, field: key });
  }
}

const DEFAULT_META = emptyDocument().meta;

function readMeta(value: unknown, warn: WarningSink): GraphMeta {
  const meta = section(value, 'meta', warn);
  const text = (field: keyof GraphMeta, fallback: string): string | undefined => {
    const found = ownField(meta, field);
    if (found === undefined || typeof found === 'string') return found;
    warn('BAD_META', `meta.${field}`, { field, actual: describeValue(found), fallback });
    return undefined;
  };
  const title = text('title', `the title "${DEFAULT_META.title}" was used`) ?? DEFAULT_META.title;
  const description = text('description', 'an empty description was used') ?? DEFAULT_META.description;
  const lecture = text('lecture', 'it was dropped');
  const author = text('author', 'it was dropped');
  reportUnknown(meta, 'meta', ['title', 'description', 'lecture', 'author'], 'the meta section', warn);
  return {
    title,
    description,
    ...(lecture !== undefined && { lecture }),
    ...(author !== undefined && { author }),
  };
}

function readTraining(value: unknown, warn: WarningSink): TrainingSettings {
  const training = section(value, 'training', warn);
  const setting = (field: keyof TrainingSettings): number => {
    const found = ownField(training, field);
    if (found === undefined) return DEFAULT_TRAINING[field];
    const checked = trainingFieldSchemas[field].safeParse(found);
    if (checked.success) return checked.data;
    warn('BAD_TRAINING', `training.${field}`, {
      field,
      expected: TRAINING_LIMITS[field].words,
      actual: formatValue(found),
      fallback: String(DEFAULT_TRAINING[field]),
    });
    return DEFAULT_TRAINING[field];
  };
  const settings = { batchSize: setting('batchSize'), seed: setting('seed'), steps: setting('steps') };
  reportUnknown(training, 'training', Object.keys(settings), 'the training section', warn);
  return settings;
}

function readNetworks(entries: readonly unknown[], warn: WarningSink): NetworkDef[] {
  const networks: NetworkDef[] = [];
  const ids = new Set<string>();
  entries.forEach((entry, index) => {
    const at = `networks[${index}]`;
    if (!isRecord(entry)) {
      warn('MALFORMED_NETWORK', at, {
        owner: `the entry ${at}`,
        detail: `is ${describeValue(entry)}, not a network`,
      });
      return;
    }
    const id = ownField(entry, 'id');
    if (!isNonEmptyString(id)) {
      const detail =
        id === undefined ? 'has no id' : `has ${describeValue(id)} as its id, which is not a name`;
      warn('MALFORMED_NETWORK', `${at}.id`, { owner: `the network at ${at}`, detail });
      return;
    }
    if (ids.has(id)) {
      warn('DUPLICATE_NETWORK_ID', `${at}.id`, { network: id, owner: at });
      return;
    }
    ids.add(id);
    const text = (field: 'name' | 'color', fallback: string): string | undefined => {
      const found = ownField(entry, field);
      if (found === undefined || typeof found === 'string') return found;
      warn('BAD_NETWORK_FIELD', `${at}.${field}`, {
        network: id,
        field,
        actual: describeValue(found),
        fallback,
      });
      return undefined;
    };
    // A network without a name is shown by its id.
    const name = text('name', `its id "${id}" was used as its name`) ?? id;
    const color = text('color', 'it was dropped');
    reportUnknown(entry, at, ['id', 'name', 'color'], `network "${id}"`, warn);
    networks.push({ id, name, ...(color !== undefined && { color }) });
  });
  return networks;
}
