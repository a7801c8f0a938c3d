// A training "worker" inside the test process: the real worker API (createWorkerApi) exposed over a
// MessageChannel, on Node's backends, that a test can make hang or lose its device.
import { type Endpoint, expose } from 'comlink';
import { NODE_REGISTRY } from '../../nodes';
import { type NodeBackend, useBackend } from '../../scripts/lib/backends';
import { loadDataset } from '../../scripts/lib/node-data';
import type { WorkerHandle } from '../../src/app/session/client';
import { type Activator, BackendChooser } from '../../workers/backend-choice';
import { createWorkerApi } from '../../workers/api';
import type { FrameCallback } from '../../workers/protocol';
import { tf } from '../core/helpers';

export interface FakeWorker {
  readonly handle: WorkerHandle;
  /** From now on the worker neither receives nor sends anything, like a thread stuck in a kernel. */
  hang(): void;
  /** Tells the session its device was lost, as a WebGPU device.lost would. */
  loseDevice(): void;
}

export function fakeWorker(backends: Partial<Record<NodeBackend | 'webgpu', Activator>>): FakeWorker {
  const { port1, port2 } = new MessageChannel();
  let hung = false;
  let lost: ((error: unknown) => void) | undefined;
  const inner = createWorkerApi({
    tf,
    registry: NODE_REGISTRY,
    loadDataset: (name, split) => loadDataset(name, split),
    startBackend: (options, onLost) => {
      lost = onLost;
      return BackendChooser.start({
        choice: options.backend,
        exclude: options.exclude ?? [],
        activators: backends,
      });
    },
  });
  // Frames travel on the callback's own channel, so a hang has to silence them too.
  const api = {
    ...inner,
    subscribe: (callback: FrameCallback) => inner.subscribe((f) => hung || callback(f)),
  };
  const wrapped = new Map<unknown, EventListener>();
  const workerSide: Endpoint = {
    postMessage: (message: unknown, transfer?: Transferable[]) => {
      if (!hung) port2.postMessage(message, transfer ?? []);
    },
    addEventListener: (type: string, listener: EventListenerOrEventListenerObject) => {
      const inner: EventListener = (event) => {
        if (hung) return;
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      };
      wrapped.set(listener, inner);
      port2.addEventListener(type, inner);
    },
    removeEventListener: (type: string, listener: EventListenerOrEventListenerObject) => {
      const inner = wrapped.get(listener);
      if (inner) port2.removeEventListener(type, inner);
    },
    start: () => port2.start(),
  };
  expose(api, workerSide);
  return {
    handle: {
      endpoint: port1,
      terminate() {
        hung = true;
        void api.dispose();
        port1.close();
        port2.close();
      },
      onError: () => undefined,
    },
    hang: () => (hung = true),
    loseDevice: () => lost?.(new Error('WebGPU device lost (unknown): the GPU process went away')),
  };
}

/** Activators for Node's own backends. */
export function nodeActivators(...names: NodeBackend[]): Partial<Record<NodeBackend, Activator>> {
  return Object.fromEntries(
    names.map((name) => [name, async () => ({ ok: true as const, detail: (await useBackend(name)).detail })]),
  );
}
