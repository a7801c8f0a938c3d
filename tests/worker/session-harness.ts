// Shared setup for the session tests: a backend chooser over Node's backends, a session on the
// real catalogue and prepared data, and a recorder of the frames it streams.
import { NODE_REGISTRY } from '../../nodes';
import { type NodeBackend, useBackend } from '../../scripts/lib/backends';
import { loadDataset } from '../../scripts/lib/node-data';
import type { SessionFrame } from '../../src/core/train/frames';
import { type SessionOptions, TrainingSession } from '../../src/core/train/session';
import { type WeightSnapshot } from '../../src/core/train/weights';
import { BackendChooser, type BackendChoice } from '../../workers/backend-choice';
import { tf } from '../core/helpers';

export { bitIdentical, preset } from '../core/helpers';
export { tf };

/** The worker's chooser with Node's own backends (no webgpu or webgl in these tests). */
export function nodeBackends(choice: BackendChoice = 'cpu', names: readonly NodeBackend[] = ['cpu']) {
  const activators = Object.fromEntries(
    names.map((name) => [name, async () => ({ ok: true as const, detail: (await useBackend(name)).detail })]),
  );
  return BackendChooser.start({ choice, activators });
}

export interface Recorded {
  readonly session: TrainingSession;
  readonly frames: SessionFrame[];
  /** Resolves with the first frame from now on that satisfies `test`. */
  next(test: (frame: SessionFrame) => boolean, timeoutMs?: number): Promise<SessionFrame>;
}

export async function recordedSession(
  options: Partial<SessionOptions> = {},
  choice: BackendChoice = 'cpu',
): Promise<Recorded> {
  const session = new TrainingSession({
    tf,
    registry: NODE_REGISTRY,
    loadDataset: (name, split) => loadDataset(name, split),
    backends: options.backends ?? (await nodeBackends(choice)),
    previewSize: 64,
    ...options,
  });
  const frames: SessionFrame[] = [];
  const waiters: { test: (f: SessionFrame) => boolean; resolve: (f: SessionFrame) => void }[] = [];
  session.subscribe((frame) => {
    frames.push(frame);
    for (const w of [...waiters]) {
      if (w.test(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  });
  const next = (test: (f: SessionFrame) => boolean, timeoutMs = 30_000) =>
    new Promise<SessionFrame>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching frame in time')), timeoutMs);
      waiters.push({
        test,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  return { session, frames, next };
}

/** The weights of one layer node, flattened into one array per variable. */
export function layerWeights(snapshot: WeightSnapshot, node: string): Float32Array[] {
  const layer = snapshot.find((l) => l.node === node);
  if (!layer) throw new Error(`no weights for ${node}`);
  return layer.weights.map((w) => new Float32Array(w.values));
}

export function expectOk<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`command failed: ${JSON.stringify((result as { error?: unknown }).error)}`);
  return result as Extract<T, { ok: true }>;
}
