// The one table of problem codes that inference, loading and compiling report.
// Every message a student reads about a graph is built here, so wording stays consistent.

export type Severity = 'error' | 'warning';

/** Facts a message is built from; every field optional so one shape serves all codes. */
export interface IssueFacts {
  readonly port?: string;
  readonly param?: string;
  readonly expected?: string;
  readonly actual?: string;
  readonly detail?: string;
  readonly network?: string;
}

interface IssueEntry {
  readonly severity: Severity;
  readonly message: (f: IssueFacts) => string;
  readonly hint?: string;
}

const ISSUE_TABLE = {
  E_UNCONNECTED: {
    severity: 'error',
    message: (f) => `input "${f.port}" is not connected`,
    hint: 'Drag an edge from an output of the right kind to this port.',
  },
  E_TOO_MANY_INPUTS: {
    severity: 'error',
    message: (f) => `input "${f.port}" takes one edge, it has ${f.actual}`,
  },
  E_TOO_FEW_INPUTS: {
    severity: 'error',
    message: (f) => `input "${f.port}" needs at least ${f.expected} edges, it has ${f.actual}`,
    hint: 'Connect another output to this port.',
  },
  E_WRONG_KIND: {
    severity: 'error',
    message: (f) => `input "${f.port}" expects ${f.expected}, got ${f.actual}`,
  },
  E_RANK: {
    severity: 'error',
    message: (f) => `input "${f.port}" expects ${f.expected}, got ${f.actual}`,
    hint: 'Insert a Flatten or Reshape node to change the rank.',
  },
  E_SHAPE_MISMATCH: {
    severity: 'error',
    message: (f) => `input "${f.port}" expects ${f.expected}, got ${f.actual}`,
  },
  E_BAD_PARAM: {
    severity: 'error',
    message: (f) => `param "${f.param}": ${f.detail}`,
  },
  E_TOO_SMALL: {
    severity: 'error',
    message: (f) => `input "${f.port}" ${f.actual} is too small: ${f.detail}`,
    hint: 'Use a smaller kernel or stride, or padding "same".',
  },
  E_CYCLE: {
    severity: 'error',
    message: () => 'this node is part of a cycle; a graph must flow one way',
    hint: 'Remove one of the edges that loop back.',
  },
  E_UNKNOWN_NETWORK: {
    severity: 'error',
    message: (f) => `network "${f.network}" does not exist`,
    hint: "Choose one of the document's networks.",
  },
  E_NETWORK_SHAPE: {
    severity: 'error',
    message: (f) => `network "${f.network}": ${f.detail}`,
  },
  E_NETWORK_LOOP: {
    severity: 'error',
    message: (f) => `network "${f.network}" feeds itself through nodes outside it (${f.detail})`,
    hint: 'Keep the layers of one network connected directly, or split it into two networks.',
  },
  E_NOT_LAYER: {
    severity: 'error',
    message: () => 'only layer nodes can belong to a network',
  },
  E_UNKNOWN_TYPE: {
    severity: 'error',
    message: (f) => `unknown node type "${f.actual}"`,
  },
  E_NO_PORT: {
    severity: 'error',
    message: (f) => `this node type has no port "${f.port}"`,
  },
  E_INTERNAL: {
    severity: 'error',
    message: (f) => `inference failed: ${f.detail}`,
    hint: 'This is a bug in Latent Lab; please report it with the graph file.',
  },
  W_CHECKERBOARD: {
    severity: 'warning',
    message: (f) =>
      `kernel ${f.actual} is not divisible by stride ${f.expected}: the output may show checkerboard artefacts`,
    hint: 'Use a kernel size that is a multiple of the stride (e.g. 4 with stride 2).',
  },
  W_LOSS_UNUSED: {
    severity: 'warning',
    message: () => 'this loss feeds no optimizer, so nothing is trained by it',
    hint: 'Connect it to an optimizer node.',
  },
  W_NOTHING_TO_TRAIN: {
    severity: 'warning',
    message: () => 'no trainable network is upstream of this loss',
  },
  W_NETWORK_UNTRAINED: {
    severity: 'warning',
    message: (f) =>
      `network "${f.network}" is trained by no optimizer; its weights stay at their initial values`,
  },
  W_CLASSIFIER_DATASET: {
    severity: 'warning',
    message: (f) =>
      `the samples are judged by the ${f.actual} classifier, but the graph's data is ${f.expected}`,
    hint: 'Set "dataset" to the dataset the generator imitates, or its figures compare unlike images.',
  },
  W_NO_OPTIMIZER: {
    severity: 'warning',
    message: () => 'the graph has no optimizer node, so training does nothing',
  },
} as const satisfies Record<string, IssueEntry>;

export type IssueCode = keyof typeof ISSUE_TABLE;

/** A problem attached to a node (and to one of its ports or params when it is about one). */
export interface GraphIssue {
  readonly code: IssueCode;
  readonly severity: Severity;
  readonly node?: string;
  readonly port?: string;
  readonly param?: string;
  readonly message: string;
  readonly hint?: string;
}

export function makeIssue(code: IssueCode, facts: IssueFacts = {}, node?: string): GraphIssue {
  const entry: IssueEntry = ISSUE_TABLE[code];
  return {
    code,
    severity: entry.severity,
    ...(node !== undefined && { node }),
    ...(facts.port !== undefined && { port: facts.port }),
    ...(facts.param !== undefined && { param: facts.param }),
    message: entry.message(facts),
    ...(entry.hint !== undefined && { hint: entry.hint }),
  };
}

/** Thrown inside a definition's `infer` to stop with one error; the engine turns it into a GraphIssue. */
export class InferError extends Error {
  constructor(
    readonly code: IssueCode,
    readonly facts: IssueFacts,
  ) {
    super(ISSUE_TABLE[code].message(facts));
  }
}
