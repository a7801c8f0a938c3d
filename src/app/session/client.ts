// The page's only way to the training worker: a typed client over comlink that forwards frames,
// and restarts a crashed or silent worker on the next backend with the same document.
// It imports no tfjs: everything that trains lives in the worker's own bundle.

import { proxy, releaseProxy, type Remote, wrap } from 'comlink';
import type { GraphDocument } from '../../core/graph/document';
import type { BackendReport, BackendSkip } from '../../core/train/backend-names';
import type { SessionError, SessionFrame, SessionState } from '../../core/train/frames';
import type {
  CommandResult,
  ExportedNetwork,
  LoadOptions,
  ParamRefusal,
  StepSummary,
} from '../../core/train/session';
import type { RestoreReport, WeightSnapshot } from '../../core/train/weights';
import type { ParamValue } from '../../core/types/params';
import type { ViewAnswer, ViewRequest } from '../../core/views/view-requests';
import type { BackendChoice, TrainingWorkerApi, WorkerStart } from '../../../workers/protocol';
import { moduleWorker, withTimeout, type WorkerHandle } from './worker-handle';

export type { BackendChoice } from '../../../workers/protocol';
export type { WorkerHandle } from './worker-handle';

/** What happened to the worker itself, for the toolbar. */
export type ClientEvent =
  | { readonly kind: 'started'; readonly backend: BackendReport }
  | { readonly kind: 'restarted'; readonly reason: string; readonly backend: BackendReport | null }
  | { readonly kind: 'failed'; readonly reason: string };

export interface ClientOptions {
  /** 'auto' (the default) or a backend to force. */
  readonly backend?: BackendChoice;
  /** Time between frames; the worker's default is 1000 / 15 ms. */
  readonly frameIntervalMs?: number;
  /** Most memory a graph may need per backend (bytes); the worker refuses larger ones before compiling. */
  readonly memoryLimits?: WorkerStart['memoryLimits'];
  /** Threads for the wasm backend (where the page is cross-origin isolated). */
  readonly wasmThreads?: number;
  /** Makes the worker; the real module worker by default. */
  readonly createWorker?: () => WorkerHandle;
  /** While training, a worker that sends no frame for this long is pinged (20 s). */
  readonly silenceMs?: number;
  /** A ping unanswered this long means the worker is stuck: it is restarted (10 s). */
  readonly pingTimeoutMs?: number;
  /** Longest wait for a new worker to load tfjs and start its backend (60 s). */
  readonly startTimeoutMs?: number;
}

const MAX_RESTARTS = 4;

const failure = (message: string, code: SessionError['code'] = 'internal') => ({
  ok: false as const,
  error: { code, message, fatal: false },
});

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class TrainingClient {
  private handle: WorkerHandle | null = null;
  private remote: Remote<TrainingWorkerApi> | null = null;
  private ready: Promise<boolean>;
  private generation = 0;
  private choice: BackendChoice;
  private readonly excluded: BackendSkip[] = [];
  private doc: GraphDocument | null = null;
  private loadOptions: LoadOptions = {};
  private report: BackendReport | null = null;
  private lastFrame: SessionFrame | null = null;
  private lastSign = Date.now();
  private restarting: Promise<void> | null = null;
  private restarts = 0;
  private checking = false;
  private disposed = false;
  private readonly pending = new Set<(reason: string) => void>();
  private readonly frameListeners = new Set<(frame: SessionFrame) => void>();
  private readonly eventListeners = new Set<(event: ClientEvent) => void>();
  private readonly watchdog: ReturnType<typeof setInterval>;

  constructor(private readonly options: ClientOptions = {}) {
    this.choice = options.backend ?? 'auto';
    this.ready = this.spawn();
    const silence = options.silenceMs ?? 20_000;
    this.watchdog = setInterval(() => void this.watch(), Math.max(50, silence / 4));
  }

  /** The backend the worker trains on, once it has started. */
  get backend(): BackendReport | null {
    return this.report;
  }

  get state(): SessionState {
    return this.lastFrame?.state ?? 'empty';
  }

  /** Resolves once a worker has started (true) or none could (false). */
  started(): Promise<boolean> {
    return this.ready;
  }

  onFrame(listener: (frame: SessionFrame) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  onEvent(listener: (event: ClientEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  load(doc: GraphDocument, options: LoadOptions = {}): Promise<CommandResult<{ kept: string[] }>> {
    // Remembered, so a restarted worker gets the same graph back.
    this.doc = doc;
    this.loadOptions = options;
    return this.call((api) => api.load(doc, options));
  }

  start(options: { iterations?: number } = {}): Promise<CommandResult> {
    return this.call((api) => api.start(options));
  }

  pause(): Promise<CommandResult> {
    return this.call((api) => api.pause());
  }

  resume(): Promise<CommandResult> {
    return this.call((api) => api.resume());
  }

  stop(): Promise<CommandResult> {
    return this.call((api) => api.stop());
  }

  step(n = 1): Promise<CommandResult<StepSummary>> {
    return this.call((api) => api.step(n));
  }

  reset(options: { seed?: number } = {}): Promise<CommandResult> {
    return this.call((api) => api.reset(options));
  }

  setParams(
    nodeId: string,
    changes: Readonly<Record<string, ParamValue>>,
  ): Promise<CommandResult<{ applied: string[]; refused: ParamRefusal[] }>> {
    return this.call((api) => api.setParams(nodeId, changes));
  }

  readWeights(): Promise<CommandResult<{ weights: WeightSnapshot }>> {
    return this.call((api) => api.readWeights());
  }

  writeWeights(weights: WeightSnapshot): Promise<CommandResult<RestoreReport>> {
    return this.call((api) => api.writeWeights(weights));
  }

  exportNetworks(): Promise<CommandResult<{ networks: ExportedNetwork[] }>> {
    return this.call((api) => api.exportNetworks());
  }

  view(request: ViewRequest): Promise<CommandResult<{ answer: ViewAnswer }>> {
    return this.call((api) => api.view(request));
  }

  /** Starts a fresh worker on another backend (or 'auto') and loads the same document into it. */
  async setBackend(choice: BackendChoice): Promise<BackendReport | null> {
    this.choice = choice;
    this.excluded.length = 0;
    this.restarts = 0;
    await this.replace(`switching to ${choice}`);
    return this.report;
  }

  /** Ends the worker for good. */
  dispose(): void {
    this.disposed = true;
    clearInterval(this.watchdog);
    this.teardown('the client was closed');
  }

  // ------------------------------------------------------------------ worker life

  private async spawn(): Promise<boolean> {
    const generation = ++this.generation;
    const handle = (this.options.createWorker ?? moduleWorker)();
    const remote = wrap<TrainingWorkerApi>(handle.endpoint);
    this.handle = handle;
    this.remote = remote;
    this.lastSign = Date.now();
    handle.onError((message) => {
      if (generation === this.generation) void this.check(`the worker reported an error (${message})`);
    });
    try {
      await remote.subscribe(proxy((frame: SessionFrame) => this.receive(generation, frame)));
      const { frameIntervalMs, memoryLimits, wasmThreads } = this.options;
      const start = (): Promise<CommandResult<{ backend: BackendReport }>> =>
        withTimeout(
          remote.init({
            backend: this.choice,
            exclude: [...this.excluded],
            ...(frameIntervalMs !== undefined && { frameIntervalMs }),
            ...(memoryLimits !== undefined && { memoryLimits }),
            ...(wasmThreads !== undefined && { wasmThreads }),
          }) as Promise<CommandResult<{ backend: BackendReport }>>,
          this.options.startTimeoutMs ?? 60_000,
          'the training worker did not start in time',
        );
      let started = await start();
      if (!started.ok && this.choice !== 'auto') {
        // A forced backend that cannot start gives way to the automatic order, which says why.
        this.excluded.push({ name: this.choice, reason: started.error.message });
        this.choice = 'auto';
        started = await start();
      }
      if (!started.ok) throw new Error(started.error.message);
      if (generation !== this.generation) return false;
      this.report = started.backend;
      this.emitEvent({ kind: 'started', backend: started.backend });
      return true;
    } catch (error) {
      if (generation === this.generation) this.emitEvent({ kind: 'failed', reason: messageOf(error) });
      return false;
    }
  }

  private receive(generation: number, frame: SessionFrame): void {
    if (generation !== this.generation) return;
    this.lastFrame = frame;
    this.lastSign = Date.now();
    if (frame.backend) this.report = frame.backend;
    for (const listener of this.frameListeners) listener(frame);
    if (frame.error?.fatal) void this.restart(frame.error.message);
  }

  /** Every call waits for a started worker and answers even if the worker dies meanwhile. */
  private async call<T extends object>(
    command: (api: Remote<TrainingWorkerApi>) => Promise<CommandResult<T>>,
  ): Promise<CommandResult<T>> {
    let ok = false;
    let generation = -1;
    // A worker replaced while this call waited is not the one to ask: wait for its successor.
    while (generation !== this.generation && !this.disposed) {
      if (this.restarting) await this.restarting;
      generation = this.generation;
      ok = await this.ready;
    }
    const remote = this.remote;
    if (this.disposed) return failure('The training client was closed.');
    if (!ok || !remote)
      return failure('No training worker is running (see the toolbar for why).', 'no-backend');
    return new Promise((resolve) => {
      const abort = (reason: string) =>
        resolve(failure(`The training worker was restarted before it answered (${reason}).`));
      this.pending.add(abort);
      command(remote)
        .then(resolve, (error: unknown) => resolve(failure(messageOf(error))))
        .finally(() => this.pending.delete(abort));
    });
  }

  /** While training, a silent worker gets a ping; no answer in time means it is restarted. */
  private async watch(): Promise<void> {
    const silence = this.options.silenceMs ?? 20_000;
    if (this.state !== 'training' || this.restarting || Date.now() - this.lastSign < silence) return;
    const seconds = Math.round(silence / 1000);
    await this.check(
      `the training worker stopped answering (no frame for ${seconds} s, and no answer to a ping)`,
    );
  }

  private async check(reason: string): Promise<void> {
    const remote = this.remote;
    if (this.checking || !remote || this.disposed) return;
    this.checking = true;
    try {
      await withTimeout(remote.ping(), this.options.pingTimeoutMs ?? 10_000, 'no answer');
      this.lastSign = Date.now();
    } catch {
      await this.restart(reason);
    } finally {
      this.checking = false;
    }
  }

  /** Gives up on the current backend and starts a new worker on the next one. */
  private restart(reason: string): Promise<void> {
    const from = this.report?.name;
    // cpu is the last resort and always stays in the order; the restart limit stops a loop.
    if (from && from !== 'cpu' && !this.excluded.some((s) => s.name === from)) {
      this.excluded.push({ name: from, reason });
    }
    if (this.choice !== 'auto') this.choice = 'auto';
    if (++this.restarts > MAX_RESTARTS) {
      this.teardown(reason);
      this.emitEvent({ kind: 'failed', reason: `gave up after ${MAX_RESTARTS} restarts: ${reason}` });
      return Promise.resolve();
    }
    return this.replace(reason);
  }

  private replace(reason: string): Promise<void> {
    if (this.restarting || this.disposed) return this.restarting ?? Promise.resolve();
    const hadWorker = this.handle !== null;
    this.teardown(reason);
    this.report = null;
    this.lastFrame = null;
    this.restarting = (async () => {
      this.ready = this.spawn();
      const ok = await this.ready;
      const remote = this.remote;
      if (ok && remote && this.doc) await remote.load(this.doc, this.loadOptions).catch(() => undefined);
      if (hadWorker) this.emitEvent({ kind: 'restarted', reason, backend: this.report });
    })().finally(() => {
      this.restarting = null;
    });
    return this.restarting;
  }

  private teardown(reason: string): void {
    this.generation++;
    for (const abort of [...this.pending]) abort(reason);
    this.pending.clear();
    const remote = this.remote;
    this.remote = null;
    if (remote) {
      void remote.dispose().catch(() => undefined);
      remote[releaseProxy]();
    }
    this.handle?.terminate();
    this.handle = null;
  }

  private emitEvent(event: ClientEvent): void {
    for (const listener of this.eventListeners) listener(event);
  }
}
