// The shapes a training session's commands take and answer with, shared by the session, the
// worker protocol and the page's client.

import type * as tfjs from '@tensorflow/tfjs';
import type { NodeRegistry } from '../types/definition';
import type { BackendName } from './backend-names';
import type { NonFiniteReport, SessionError, SessionErrorCode } from './frames';
import type { BackendHost } from './session-support';
import type { ClassifierLoader } from './sample-metrics';
import type { DatasetLoader } from './trainer';

export interface SessionOptions {
  readonly tf: typeof tfjs;
  readonly registry: NodeRegistry;
  readonly loadDataset: DatasetLoader;
  /** The classifiers behind FID, IS and class shares; without it those nodes say they cannot measure. */
  readonly loadClassifier?: ClassifierLoader;
  readonly backends: BackendHost;
  /** Time between frames while training (1000 / 15): the step nearest it, never under 3/4 of it. */
  readonly frameIntervalMs?: number;
  /** Most samples in a preview pass (256): scatters use them all, a graph showing less runs fewer. */
  readonly previewSize?: number;
  /** Least time between full preview passes (1000 ms). */
  readonly fullPreviewIntervalMs?: number;
  /** Share of the time the quick preview pass may take from training (0.3); the full pass, half of it. */
  readonly previewShare?: number;
  /** Most memory a graph may need on each backend (bytes); DEFAULT_MEMORY_LIMITS fill the rest. */
  readonly memoryLimits?: Partial<Record<BackendName, number>>;
  readonly now?: () => number;
  readonly yieldToEventLoop?: () => Promise<void>;
}

export interface LoadOptions {
  /** Overrides the document's batch size and seed. */
  readonly batchSize?: number;
  readonly seed?: number;
}

export interface Failure {
  readonly ok: false;
  readonly error: SessionError;
}
export type CommandResult<T extends object = object> = ({ readonly ok: true } & T) | Failure;

export interface StepSummary {
  readonly iteration: number;
  readonly losses: Readonly<Record<string, number>>;
  readonly nonFinite?: NonFiniteReport;
}

export const fail = (code: SessionErrorCode, message: string): Failure => ({
  ok: false,
  error: { code, message, fatal: false },
});
