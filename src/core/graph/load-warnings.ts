// The one table of what loading a graph file can report, and the words each report uses.

import { GRAPH_VERSION } from './document';

/** A warning means something in the file was replaced or dropped; a notice means nothing of value was lost. */
export type LoadSeverity = 'warning' | 'notice';

/** Facts a message is built from; every field optional so one shape serves all codes. */
export interface LoadFacts {
  /** Who holds the problem, in words: `node "enc"`, `edge "e3"`, `the entry nodes[4]`, `the file`. */
  readonly owner?: string;
  readonly node?: string;
  readonly type?: string;
  readonly edge?: string;
  readonly network?: string;
  readonly field?: string;
  readonly param?: string;
  readonly port?: string;
  readonly expected?: string;
  readonly actual?: string;
  /** What was used instead of the bad value. */
  readonly fallback?: string;
  readonly detail?: string;
}

interface LoadWarningEntry {
  readonly severity: LoadSeverity;
  readonly message: (f: LoadFacts) => string;
}

const LOAD_WARNING_TABLE = {
  NOT_JSON: {
    severity: 'warning',
    message: (f) => `the file is not valid JSON (${f.detail}), so an empty graph was opened instead`,
  },
  NOT_AN_OBJECT: {
    severity: 'warning',
    message: (f) =>
      `the file holds ${f.actual} instead of a graph object, so an empty graph was opened instead`,
  },
  LOAD_FAILED: {
    severity: 'warning',
    message: (f) => `the file could not be read (${f.detail}), so an empty graph was opened instead`,
  },
  WRONG_FORMAT: {
    severity: 'warning',
    message: (f) =>
      f.actual === undefined
        ? 'the file does not say it is a Latent Lab graph (it has no "format" field); it was read as one anyway'
        : `the file's format is ${f.actual}, not "latent-lab.graph"; it was read as a Latent Lab graph anyway`,
  },
  BAD_VERSION: {
    severity: 'warning',
    message: (f) =>
      f.actual === undefined
        ? `the file has no format version; it was read as version ${GRAPH_VERSION}`
        : `the file's version ${f.actual} is not a format version (a whole number from 1 up); it was read as version ${GRAPH_VERSION}`,
  },
  NEWER_VERSION: {
    severity: 'warning',
    message: (f) =>
      `the file was saved in format version ${f.actual} by a newer Latent Lab; this build knows version ${GRAPH_VERSION}, so it kept only what it understands`,
  },
  MIGRATED: {
    severity: 'notice',
    message: (f) =>
      `the file was saved in format version ${f.actual} and was updated to version ${f.expected}`,
  },
  MIGRATION_FAILED: {
    severity: 'warning',
    message: (f) =>
      `updating the file from format version ${f.actual} failed (${f.detail}); it was read as version ${GRAPH_VERSION}`,
  },
  UNKNOWN_FIELD: {
    severity: 'notice',
    message: (f) => `${f.owner} has a field "${f.field}" that this build does not know; it was dropped`,
  },
  NOT_A_LIST: {
    severity: 'warning',
    message: (f) =>
      `"${f.field}" should be a list, but the file has ${f.actual}; it was read as an empty list`,
  },
  NOT_A_SECTION: {
    severity: 'warning',
    message: (f) => `"${f.field}" should be an object, but the file has ${f.actual}; defaults were used`,
  },
  BAD_META: {
    severity: 'warning',
    message: (f) => `the graph's ${f.field} should be text, but the file has ${f.actual}; ${f.fallback}`,
  },
  BAD_TRAINING: {
    severity: 'warning',
    message: (f) =>
      `training setting "${f.field}" must be ${f.expected}, but the file has ${f.actual}; the default ${f.fallback} was used`,
  },
  MALFORMED_NETWORK: {
    severity: 'warning',
    message: (f) => `${f.owner} ${f.detail}; it was dropped`,
  },
  DUPLICATE_NETWORK_ID: {
    severity: 'warning',
    message: (f) => `network id "${f.network}" is used twice; the second one (${f.owner}) was dropped`,
  },
  BAD_NETWORK_FIELD: {
    severity: 'warning',
    message: (f) =>
      `network "${f.network}" ${f.field} should be text, but the file has ${f.actual}; ${f.fallback}`,
  },
  MALFORMED_NODE: {
    severity: 'warning',
    message: (f) => `${f.owner} ${f.detail}; it was dropped`,
  },
  DUPLICATE_NODE_ID: {
    severity: 'warning',
    message: (f) => `node id "${f.node}" is used twice; the second node (${f.owner}) was dropped`,
  },
  UNKNOWN_NODE_TYPE: {
    severity: 'warning',
    message: (f) =>
      `node "${f.node}" has type "${f.type}", which this build does not know; the node and its edges were dropped`,
  },
  BAD_POSITION: {
    severity: 'warning',
    message: (f) =>
      `node "${f.node}" ${f.field} should be ${f.expected}, but the file has ${f.actual}; ${f.fallback} was used`,
  },
  BAD_PARAMS: {
    severity: 'warning',
    message: (f) =>
      `node "${f.node}" (${f.type}) params should be an object, but the file has ${f.actual}; every param was set to its default`,
  },
  BAD_PARAM: {
    severity: 'warning',
    message: (f) =>
      `node "${f.node}" (${f.type}) param "${f.param}": ${f.detail}; the default ${f.fallback} was used`,
  },
  UNKNOWN_PARAM: {
    severity: 'notice',
    message: (f) =>
      `node "${f.node}" (${f.type}) has no param "${f.param}"; its value ${f.actual} was dropped`,
  },
  UNKNOWN_NETWORK: {
    severity: 'warning',
    message: (f) =>
      `node "${f.node}" names network ${f.actual}, but the file has no such network; the node was taken out of it`,
  },
  MALFORMED_EDGE: {
    severity: 'warning',
    message: (f) => `${f.owner} ${f.detail}; it was dropped`,
  },
  EDGE_OF_DROPPED_NODE: {
    severity: 'warning',
    message: (f) =>
      `edge "${f.edge}" was dropped because it connects to node "${f.node}", which was dropped (${f.detail})`,
  },
  DANGLING_EDGE: {
    severity: 'warning',
    message: (f) =>
      `edge "${f.edge}" ${f.detail} node "${f.node}", which does not exist; the edge was dropped`,
  },
  UNKNOWN_PORT: {
    severity: 'warning',
    message: (f) =>
      `edge "${f.edge}" uses port "${f.port}" of node "${f.node}" (${f.type}), which has no such ${f.detail}; the edge was dropped`,
  },
  PORT_KIND_MISMATCH: {
    severity: 'warning',
    message: (f) =>
      `edge "${f.edge}" connects ${f.actual} to ${f.expected}; those kinds cannot connect, so the edge was dropped`,
  },
  DUPLICATE_EDGE: {
    severity: 'warning',
    message: (f) =>
      `edge "${f.edge}" repeats edge "${f.detail}" between the same ports; the copy was dropped`,
  },
  DUPLICATE_EDGE_ID: {
    severity: 'warning',
    message: (f) =>
      `edge id "${f.detail}" is used twice; the second edge (${f.owner}) was renamed "${f.edge}"`,
  },
} as const satisfies Record<string, LoadWarningEntry>;

export type LoadWarningCode = keyof typeof LOAD_WARNING_TABLE;

export const LOAD_WARNING_CODES = Object.keys(LOAD_WARNING_TABLE) as LoadWarningCode[];

/** One problem met while loading, with where it is in the file (`nodes[3].params.units`). */
export interface LoadWarning {
  readonly code: LoadWarningCode;
  readonly severity: LoadSeverity;
  readonly path: string;
  readonly node?: string;
  readonly edge?: string;
  readonly message: string;
}

export function makeLoadWarning(code: LoadWarningCode, path: string, facts: LoadFacts = {}): LoadWarning {
  const entry: LoadWarningEntry = LOAD_WARNING_TABLE[code];
  return {
    code,
    severity: entry.severity,
    path,
    ...(facts.node !== undefined && { node: facts.node }),
    ...(facts.edge !== undefined && { edge: facts.edge }),
    message: entry.message(facts),
  };
}

/** Collects warnings as a load goes; passed to each part of the loader. */
export type WarningSink = (code: LoadWarningCode, path: string, facts?: LoadFacts) => void;
