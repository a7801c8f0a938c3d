// The training worker's API as the page sees it through comlink: the session's commands plus
// starting on a backend, a frame subscription and a ping. Types only, so the page bundles none of it.

import type { GraphDocument } from '../src/core/graph/document';
import type { BackendName, BackendReport, BackendSkip } from '../src/core/train/backend-names';
import type { SessionFrame } from '../src/core/train/frames';
import type {
  CommandResult,
  ExportedNetwork,
  LoadOptions,
  ParamRefusal,
  StepSummary,
} from '../src/core/train/session';
import type { ParamValue } from '../src/core/types/params';
import type { RestoreReport, WeightSnapshot } from '../src/core/train/weights';
import type { BackendChoice } from './backend-choice';
import type { ViewAnswer, ViewRequest } from '../src/core/views/view-requests';

export type { BackendChoice } from './backend-choice';

export interface WorkerStart {
  /** 'auto' tries webgpu, webgl, wasm, cpu in turn; a name forces that backend. */
  readonly backend: BackendChoice;
  /** Backends an earlier worker gave up on, with the reason (skipped by 'auto'). */
  readonly exclude?: readonly BackendSkip[];
  /** Time between frames (ms); 1000 / 15 unless a test asks otherwise. */
  readonly frameIntervalMs?: number;
  /** Most memory a graph may need per backend (bytes); DEFAULT_MEMORY_LIMITS otherwise. */
  readonly memoryLimits?: Partial<Record<BackendName, number>>;
  /** Threads for the wasm backend where the page is cross-origin isolated; tfjs takes half the cores. */
  readonly wasmThreads?: number;
}

export type FrameCallback = (frame: SessionFrame) => void;

export interface TrainingWorkerApi {
  /** Chooses and starts the backend; every other command needs this first. */
  init(options: WorkerStart): Promise<CommandResult<{ backend: BackendReport }>>;
  /** Frames go to this callback (a comlink proxy) from now on, replacing an earlier one. */
  subscribe(callback: FrameCallback): void;
  load(doc: GraphDocument, options?: LoadOptions): Promise<CommandResult<{ kept: string[] }>>;
  start(options?: { iterations?: number }): Promise<CommandResult>;
  pause(): Promise<CommandResult>;
  resume(): Promise<CommandResult>;
  stop(): Promise<CommandResult>;
  step(n?: number): Promise<CommandResult<StepSummary>>;
  reset(options?: { seed?: number }): Promise<CommandResult>;
  setParams(
    nodeId: string,
    changes: Readonly<Record<string, ParamValue>>,
  ): Promise<CommandResult<{ applied: string[]; refused: ParamRefusal[] }>>;
  readWeights(): Promise<CommandResult<{ weights: WeightSnapshot }>>;
  writeWeights(weights: WeightSnapshot): Promise<CommandResult<RestoreReport>>;
  exportNetworks(): Promise<CommandResult<{ networks: ExportedNetwork[] }>>;
  /** Codings of test images at a port, or images decoded from given codes (src/core/views). */
  view(request: ViewRequest): Promise<CommandResult<{ answer: ViewAnswer }>>;
  /** Answers as soon as the worker's event loop is free: the client's liveness check. */
  ping(): Promise<number>;
  /** Stops training and frees every tensor (before the worker is terminated). */
  dispose(): Promise<void>;
}
