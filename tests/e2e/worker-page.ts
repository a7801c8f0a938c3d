// Test page for the browser tests: trains a preset in the training worker through the same client
// the editor uses, and reports what happened as plain data for Playwright to check.
import { NODE_REGISTRY } from '../../nodes';
import { type BackendChoice, type ClientOptions, TrainingClient } from '../../src/app/session/client';
import type { SessionFrame } from '../../src/core/train/frames';
import { loadGraph } from '../../src/core/graph/load';
import stacked from '../../graphs/stacked-autoencoder.json';

export interface TrainReport {
  readonly backend: string | null;
  readonly detail: string;
  readonly forced: boolean;
  readonly skipped: readonly { name: string; reason: string }[];
  /** The mse loss of every iteration, in order. */
  readonly losses: readonly number[];
  readonly frames: number;
  /** Previews whose RGBA size matches width * height * 4, by node. */
  readonly rgbaPreviews: readonly string[];
  readonly startMs: number;
  readonly loadMs: number;
  /** The first step: shader compilation and other warm-up. */
  readonly firstStepMs: number;
  /** Samples per second over the steps after the first, closing preview included. */
  readonly samplesPerSec: number;
  readonly errors: readonly string[];
}

async function train(
  choice: BackendChoice,
  steps: number,
  batchSize: number,
  learningRate?: number,
  options: Omit<ClientOptions, 'backend'> = {},
): Promise<TrainReport> {
  const errors: string[] = [];
  const frames: SessionFrame[] = [];
  const t0 = performance.now();
  const client = new TrainingClient({ ...options, backend: choice });
  client.onFrame((f) => {
    frames.push(f);
    if (f.error) errors.push(f.error.message);
  });
  client.onEvent((e) => {
    if (e.kind !== 'started') errors.push(`${e.kind}: ${e.reason}`);
  });
  try {
    await client.started();
    const t1 = performance.now();
    const { doc } = loadGraph(JSON.stringify(stacked), NODE_REGISTRY);
    const loaded = await client.load(doc, { batchSize });
    if (!loaded.ok) errors.push(loaded.error.message);
    if (learningRate !== undefined) {
      const set = await client.setParams('adam', { learningRate });
      if (!set.ok) errors.push(set.error.message);
    }
    const t2 = performance.now();
    const first = await client.step(1);
    if (!first.ok) errors.push(first.error.message);
    const t3 = performance.now();
    const rest = await client.step(steps - 1);
    if (!rest.ok) errors.push(rest.error.message);
    const t4 = performance.now();
    const report = client.backend;
    const previews = frames.flatMap((f) => f.previews);
    return {
      backend: report?.name ?? null,
      detail: report?.detail ?? '',
      forced: report?.forced ?? false,
      skipped: report?.skipped ?? [],
      losses: frames.flatMap((f) => f.history.map((p) => p.losses.mse ?? NaN)),
      frames: frames.length,
      rgbaPreviews: [
        ...new Set(
          previews.filter((p) => p.rgba.length === p.width * p.height * 4 && p.width > 0).map((p) => p.node),
        ),
      ],
      startMs: t1 - t0,
      loadMs: t2 - t1,
      firstStepMs: t3 - t2,
      samplesPerSec: ((steps - 1) * batchSize * 1000) / (t4 - t3),
      errors,
    };
  } finally {
    client.dispose();
  }
}

export interface SpeedReport {
  readonly backend: string | null;
  readonly detail: string;
  /** Training samples per second over the whole window, previews included. */
  readonly samplesPerSec: number;
  /** Frames per second received while training, and how many carried previews. */
  readonly framesPerSec: number;
  readonly previewFramesPerSec: number;
  readonly firstFrameMs: number;
}

/** Trains for `seconds` after a warm-up and reports the steady speed the toolbar would show. */
async function measure(
  choice: BackendChoice,
  seconds: number,
  batchSize: number,
  options: Omit<ClientOptions, 'backend'> = {},
): Promise<SpeedReport> {
  const client = new TrainingClient({ ...options, backend: choice });
  const frames: { at: number; frame: SessionFrame }[] = [];
  client.onFrame((frame) => frames.push({ at: performance.now(), frame }));
  try {
    await client.started();
    const { doc } = loadGraph(JSON.stringify(stacked), NODE_REGISTRY);
    await client.load(doc, { batchSize });
    await client.step(2);
    const startAt = performance.now();
    const startIteration = frames.at(-1)?.frame.iteration ?? 0;
    await client.start({ iterations: 1_000_000 });
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    await client.pause();
    const window = frames.filter((f) => f.at > startAt && f.frame.state === 'training');
    const elapsed = ((window.at(-1)?.at ?? startAt) - startAt) / 1000;
    const iterations = (window.at(-1)?.frame.iteration ?? startIteration) - startIteration;
    return {
      backend: client.backend?.name ?? null,
      detail: client.backend?.detail ?? '',
      samplesPerSec: (iterations * batchSize) / elapsed,
      framesPerSec: window.length / elapsed,
      previewFramesPerSec: window.filter((f) => f.frame.previews.length > 0).length / elapsed,
      firstFrameMs: (window.find((f) => f.frame.history.length > 0)?.at ?? NaN) - startAt,
    };
  } finally {
    client.dispose();
  }
}

Object.assign(globalThis, { trainOn: train, measureOn: measure });
document.body.dataset.ready = 'true';
