// How the client reaches a training worker: the real module Web Worker in the page, or any
// message endpoint (tests use a MessageChannel with the worker's API on the other end).

import type { Endpoint } from 'comlink';

export interface WorkerHandle {
  /** Where comlink sends the calls. */
  readonly endpoint: Endpoint;
  terminate(): void;
  /** Called when the worker reports an error nobody caught, or its script fails to load. */
  onError(listener: (message: string) => void): void;
}

/** The training worker as a module worker; Vite bundles it (and tfjs) apart from the page. */
export function moduleWorker(): WorkerHandle {
  const worker = new Worker(new URL('../../../workers/training.worker.ts', import.meta.url), {
    type: 'module',
    name: 'latent-lab-training',
  });
  return {
    endpoint: worker,
    terminate: () => worker.terminate(),
    onError(listener) {
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        listener(event.message || 'the worker script could not be loaded');
      });
      worker.addEventListener('messageerror', () => listener('a message from the worker could not be read'));
    },
  };
}

/** Resolves like `promise`, or rejects after `ms` with `message`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
