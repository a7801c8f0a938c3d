// The browser bench's page (built into the production bundle by scripts/lib/bench-browser.ts): trains
// the stacked-autoencoder preset on one forced backend twice over, in the real training worker
// through the editor's TrainingClient, and with the very same worker API (TrainingSession, backend
// start, dataset fetch) on this page's main thread as the reference. Rounds alternate between the
// two so a machine whose load drifts treats both alike. Only this bench page trains on the main
// thread; the app never does.

import * as tf from '@tensorflow/tfjs';
import { NODE_REGISTRY } from '../../nodes';
import stacked from '../../graphs/stacked-autoencoder.json';
import { type BackendChoice, TrainingClient } from '../../src/app/session/client';
import type { GraphDocument } from '../../src/core/graph/document';
import { loadGraph } from '../../src/core/graph/load';
import type { BackendReport } from '../../src/core/train/backend-names';
import type { SessionFrame } from '../../src/core/train/frames';
import type { CommandResult } from '../../src/core/train/session';
import { createWorkerApi } from '../../workers/api';
import { startBrowserBackend } from '../../workers/browser-backends';
import { fetchDatasets } from '../../workers/browser-data';
import {
  type FrameMark,
  type LaneReport,
  type PageBackendReport,
  type RoundSample,
  roundFromFrames,
} from '../../scripts/lib/bench-browser-summary';
import './browser-page-presets';

export interface PagePlan {
  readonly backend: BackendChoice;
  readonly batchSize: number;
  /** Untimed training in each lane after the first steps (previews compile their kernels too). */
  readonly warmupSeconds: number;
  readonly rounds: number;
  readonly roundSeconds: number;
  /** No new round pair starts after this many seconds (a loaded machine): fewer rounds, still figures. */
  readonly budgetSeconds: number;
}

type LaneName = 'worker' | 'main';
const LANES: readonly LaneName[] = ['worker', 'main'];

/** One place the session trains: behind the worker's client, or on this page's main thread. */
interface Lane {
  readonly frames: FrameMark[];
  backend(): BackendReport | null;
  /** Starts the backend; an error message if it did not. */
  init(): Promise<string | null>;
  load(doc: GraphDocument, batchSize: number): Promise<CommandResult>;
  step(n: number): Promise<CommandResult>;
  start(): Promise<CommandResult>;
  pause(): Promise<CommandResult>;
  resume(): Promise<CommandResult>;
  /** Live tensors, where this page can count them. */
  tensors(): number | undefined;
  dispose(): Promise<void>;
}

const mark = (frame: SessionFrame): FrameMark => ({
  at: performance.now(),
  time: frame.time,
  iteration: frame.iteration,
  state: frame.state,
  previews: frame.previews.length,
});

const RUN = { iterations: 1_000_000 };

function workerLane(choice: BackendChoice): Lane {
  const client = new TrainingClient({ backend: choice });
  const frames: FrameMark[] = [];
  const failures: string[] = [];
  client.onFrame((frame) => frames.push(mark(frame)));
  client.onEvent((event) => {
    if (event.kind !== 'started') failures.push(`${event.kind}: ${event.reason}`);
  });
  return {
    frames,
    backend: () => client.backend,
    init: async () => ((await client.started()) ? null : failures.join('; ') || 'the worker did not start'),
    load: (doc, batchSize) => client.load(doc, { batchSize }),
    step: (n) => client.step(n),
    start: () => client.start(RUN),
    pause: () => client.pause(),
    resume: () => client.resume(),
    tensors: () => undefined,
    dispose: async () => client.dispose(),
  };
}

function mainThreadLane(choice: BackendChoice): Lane {
  const api = createWorkerApi({
    tf,
    registry: NODE_REGISTRY,
    loadDataset: fetchDatasets(new URL(`${import.meta.env.BASE_URL}data/`, location.href)),
    startBackend: startBrowserBackend,
  });
  const frames: FrameMark[] = [];
  let report: BackendReport | null = null;
  void api.subscribe((frame) => frames.push(mark(frame)));
  return {
    frames,
    backend: () => report,
    async init() {
      const started = await api.init({ backend: choice });
      if (!started.ok) return started.error.message;
      report = started.backend;
      return null;
    },
    load: (doc, batchSize) => api.load(doc, { batchSize }),
    step: (n) => api.step(n),
    start: () => api.start(RUN),
    pause: () => api.pause(),
    resume: () => api.resume(),
    tensors: () => tf.memory().numTensors,
    dispose: () => api.dispose(),
  };
}

/** What the page is doing now, for a bench that gave up waiting to say where it stuck. */
function progress(stage: string): void {
  document.body.dataset.stage = stage;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function check(result: CommandResult, what: string): void {
  if (!result.ok) throw new Error(`${what}: ${result.error.message}`);
}

interface Setup {
  startMs: number;
  loadMs: number;
  firstStepsMs: number;
}

async function setUp(name: LaneName, lane: Lane, doc: GraphDocument, batchSize: number): Promise<Setup> {
  const t0 = performance.now();
  progress(`${name}: starting the backend`);
  const failed = await lane.init();
  if (failed) throw new Error(`start: ${failed}`);
  const t1 = performance.now();
  progress(`${name}: loading the graph`);
  check(await lane.load(doc, batchSize), 'load');
  const t2 = performance.now();
  progress(`${name}: first two steps`);
  check(await lane.step(2), 'first steps');
  const t3 = performance.now();
  return { startMs: t1 - t0, loadMs: t2 - t1, firstStepsMs: t3 - t2 };
}

async function timedRound(lane: Lane, seconds: number): Promise<RoundSample> {
  const from = lane.frames.length;
  check(await lane.resume(), 'resume');
  await sleep(seconds * 1000);
  check(await lane.pause(), 'pause');
  return roundFromFrames(lane.frames.slice(from));
}

function report(lane: Lane, setup: Setup | undefined, rounds: RoundSample[], errors: string[]): LaneReport {
  const backend = lane.backend();
  return {
    backend: backend?.name ?? null,
    detail: backend?.detail ?? '',
    startMs: setup?.startMs ?? Number.NaN,
    loadMs: setup?.loadMs ?? Number.NaN,
    firstStepsMs: setup?.firstStepsMs ?? Number.NaN,
    rounds,
    errors,
  };
}

/** Sets up both lanes one after the other, warms each up, then runs the rounds, alternating. */
async function benchBackend(plan: PagePlan): Promise<PageBackendReport> {
  const began = performance.now();
  const { doc } = loadGraph(stacked, NODE_REGISTRY);
  const lanes: Record<LaneName, Lane> = {
    worker: workerLane(plan.backend),
    main: mainThreadLane(plan.backend),
  };
  const setups: Partial<Record<LaneName, Setup>> = {};
  const rounds: Record<LaneName, RoundSample[]> = { worker: [], main: [] };
  const errors: Record<LaneName, string[]> = { worker: [], main: [] };
  let tensorsBefore: number | undefined;
  let tensorsAfter: number | undefined;
  // The lane being driven, to which an error belongs.
  let at: LaneName = 'worker';
  try {
    for (const name of LANES) {
      at = name;
      setups[name] = await setUp(name, lanes[name], doc, plan.batchSize);
    }
    for (const name of LANES) {
      at = name;
      progress(`${name}: warm-up`);
      check(await lanes[name].start(), 'warm-up');
      await sleep(plan.warmupSeconds * 1000);
      check(await lanes[name].pause(), 'pause after warm-up');
    }
    tensorsBefore = lanes.main.tensors();
    for (let r = 0; r < plan.rounds; r++) {
      if (r > 0 && performance.now() - began > plan.budgetSeconds * 1000) break;
      for (const name of r % 2 === 0 ? LANES : [...LANES].reverse()) {
        at = name;
        progress(`${name}: round ${r + 1} of ${plan.rounds}`);
        rounds[name].push(await timedRound(lanes[name], plan.roundSeconds));
      }
    }
    tensorsAfter = lanes.main.tensors();
  } catch (error) {
    errors[at].push(messageOf(error));
  } finally {
    for (const name of LANES) await lanes[name].dispose().catch(() => undefined);
  }
  return {
    batchSize: plan.batchSize,
    worker: report(lanes.worker, setups.worker, rounds.worker, errors.worker),
    main: {
      ...report(lanes.main, setups.main, rounds.main, errors.main),
      ...(tensorsBefore !== undefined && { tensorsBefore }),
      ...(tensorsAfter !== undefined && { tensorsAfter }),
    },
  };
}

Object.assign(globalThis, { benchBackend });
document.body.dataset.ready = 'true';
