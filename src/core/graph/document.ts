// The graph document: the one JSON truth that files, autosave, share links and PNG exports carry.

import type { ParamValue } from '../types/params';

export const GRAPH_FORMAT = 'latent-lab.graph';
/** The version this build writes; older versions migrate forward (see migrations.ts). */
export const GRAPH_VERSION = 2;

export interface GraphNode {
  readonly id: string;
  readonly type: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly position: { readonly x: number; readonly y: number };
  /** The network this layer node belongs to; absent for nodes outside any frame. */
  readonly network?: string;
}

export interface PortRef {
  readonly node: string;
  readonly port: string;
}

export interface GraphEdge {
  readonly id: string;
  readonly from: PortRef;
  readonly to: PortRef;
}

export interface NetworkDef {
  readonly id: string;
  readonly name: string;
  readonly color?: string;
}

export interface TrainingSettings {
  readonly batchSize: number;
  readonly seed: number;
  /** Default length of a run (the CLI's --steps overrides it). */
  readonly steps: number;
}

export interface GraphMeta {
  readonly title: string;
  readonly description: string;
  /** The lecture section this graph illustrates, e.g. "Denoising autoencoders". */
  readonly lecture?: string;
  readonly author?: string;
}

export interface GraphDocument {
  readonly format: typeof GRAPH_FORMAT;
  readonly version: typeof GRAPH_VERSION;
  readonly meta: GraphMeta;
  readonly training: TrainingSettings;
  readonly networks: readonly NetworkDef[];
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

export const DEFAULT_TRAINING: TrainingSettings = { batchSize: 64, seed: 1, steps: 1000 };

export function emptyDocument(title = 'Untitled graph'): GraphDocument {
  return {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    meta: { title, description: '' },
    training: { ...DEFAULT_TRAINING },
    networks: [],
    nodes: [],
    edges: [],
  };
}
