// Small pieces the training session is built from: a command queue, a yield to the event loop,
// the backend host it is given, and a dataset cache.

import type { DatasetName, DataSplit, ImageDataset } from '../data/datasets';
import type { BackendReport } from './backend-names';
import type { LoadedDatasets } from './passes';
import type { DatasetLoader } from './trainer';

/** Where the session's tfjs backend comes from; the worker implements it for the browser. */
export interface BackendHost {
  /** The active backend and how it was chosen. */
  current(): BackendReport;
  /**
   * Passes over the active backend for `reason` (said in the report's skip list) and activates
   * the next one in order; null when none is left or the backend was forced.
   */
  fallback(reason: string): Promise<BackendReport | null>;
}

/** The host's active backend, or null when none is (every one failed). */
export function currentBackend(host: BackendHost): BackendReport | null {
  try {
    return host.current();
  } catch {
    return null;
  }
}

/** Runs tasks one at a time in call order, so commands never interleave with a training step. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

let channel: { port1: MessagePort; port2: MessagePort } | undefined;
const waiting: (() => void)[] = [];

/**
 * Resolves after the event loop has had a turn, so queued messages (pause, new params) are handled
 * between steps. A message to ourselves has no 4 ms clamp, unlike a nested setTimeout.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  const port = channel.port2;
  return new Promise((resolve) => {
    waiting.push(resolve);
    port.postMessage(null);
  });
}

/** Fetches each dataset split once per session; every recompile shares them. */
export class DatasetCache {
  private readonly pending = new Map<string, Promise<ImageDataset>>();
  private readonly loaded = new Map<string, { train?: ImageDataset; test?: ImageDataset }>();

  constructor(private readonly loadDataset: DatasetLoader) {}

  readonly load: DatasetLoader = (name: DatasetName, split: DataSplit) => {
    const key = `${name}:${split}`;
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.loadDataset(name, split).then((data) => {
        this.loaded.set(name, { ...this.loaded.get(name), [split]: data });
        return data;
      });
      // A failed fetch is tried again next time (the student may have run `npm run data`).
      pending.catch(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return pending;
  };

  /** The datasets whose splits have both arrived. */
  ready(): LoadedDatasets {
    const out = new Map<string, { train: ImageDataset; test: ImageDataset }>();
    for (const [name, { train, test }] of this.loaded) if (train && test) out.set(name, { train, test });
    return out;
  }
}
