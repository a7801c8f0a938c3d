// The object the training worker exposes: a TrainingSession behind the protocol, started on the
// backend the page asks for, with frames sent to the page's callback as transferables.

import type * as tfjs from '@tensorflow/tfjs';
import { transfer } from 'comlink';
import { type CommandResult, TrainingSession } from '../src/core/train/session';
import type { BackendHost } from '../src/core/train/session-support';
import type { DatasetLoader } from '../src/core/train/trainer';
import { snapshotBuffers } from '../src/core/train/weights';
import { answerBuffers } from '../src/core/views/view-requests';
import type { NodeRegistry } from '../src/core/types/definition';
import type { FrameCallback, TrainingWorkerApi, WorkerStart } from './protocol';

export interface WorkerDeps {
  readonly tf: typeof tfjs;
  readonly registry: NodeRegistry;
  readonly loadDataset: DatasetLoader;
  /** Starts the backend; `lost` is called if it dies later (a lost GPU device). */
  startBackend(options: WorkerStart, lost: (error: unknown) => void): Promise<BackendHost>;
}

const notStarted = {
  ok: false as const,
  error: { code: 'not-loaded' as const, message: 'The training worker has not started yet.', fatal: false },
};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createWorkerApi(deps: WorkerDeps): TrainingWorkerApi {
  let session: TrainingSession | null = null;
  let callback: FrameCallback | null = null;

  // Every command answers with a result; nothing thrown here reaches the page as a bare rejection.
  const withSession = async <T extends object>(
    command: (s: TrainingSession) => Promise<CommandResult<T>>,
  ): Promise<CommandResult<T>> => {
    if (!session) return notStarted;
    try {
      return await command(session);
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: messageOf(error), fatal: false } };
    }
  };

  return {
    async init(options) {
      if (session) {
        return {
          ok: false,
          error: { code: 'bad-request', message: 'The worker has already started.', fatal: false },
        };
      }
      let host: BackendHost;
      try {
        host = await deps.startBackend(options, (error) => void session?.backendFailed(error));
      } catch (error) {
        return { ok: false, error: { code: 'no-backend', message: messageOf(error), fatal: true } };
      }
      session = new TrainingSession({
        tf: deps.tf,
        registry: deps.registry,
        loadDataset: deps.loadDataset,
        backends: host,
        ...(options.frameIntervalMs !== undefined && { frameIntervalMs: options.frameIntervalMs }),
        ...(options.memoryLimits !== undefined && { memoryLimits: options.memoryLimits }),
      });
      session.subscribe((frame, buffers) => {
        // Through comlink the callback answers with a promise; a page that went away rejects it.
        const sent: unknown = callback?.(transfer(frame, buffers));
        if (sent instanceof Promise) sent.catch(() => undefined);
      });
      return { ok: true, backend: host.current() };
    },
    subscribe(next) {
      callback = next;
    },
    load: (doc, options) => withSession((s) => s.load(doc, options)),
    start: (options) => withSession((s) => s.start(options)),
    pause: () => withSession((s) => s.pause()),
    resume: () => withSession((s) => s.resume()),
    stop: () => withSession((s) => s.stop()),
    step: (n) => withSession((s) => s.step(n)),
    reset: (options) => withSession((s) => s.reset(options)),
    setParams: (nodeId, changes) => withSession((s) => s.setParams(nodeId, changes)),
    async readWeights() {
      const result = await withSession((s) => s.readWeights());
      return result.ok ? transfer(result, snapshotBuffers(result.weights)) : result;
    },
    writeWeights: (weights) => withSession((s) => s.writeWeights(weights)),
    async exportNetworks() {
      const result = await withSession((s) => s.exportNetworks());
      return result.ok
        ? transfer(
            result,
            result.networks.map((n) => n.weightData),
          )
        : result;
    },
    async view(request) {
      const result = await withSession((s) => s.view(request));
      return result.ok ? transfer(result, answerBuffers(result.answer)) : result;
    },
    ping: async () => performance.now(),
    async dispose() {
      await session?.dispose();
      session = null;
      callback = null;
    },
  };
}
