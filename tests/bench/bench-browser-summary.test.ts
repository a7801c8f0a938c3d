// The browser bench's arithmetic: a round's throughput from session frames, worker against main
// thread side by side (and refused when a lane ran elsewhere), long tasks matched to the animation
// frames that explain them, and a partial run merged into an earlier results file.
import { describe, expect, it } from 'vitest';
import {
  type AnimationFrameMark,
  failureText,
  type FrameMark,
  type LaneReport,
  type LongTaskMark,
  roundFromFrames,
  samplesPerSec,
  summarizeBackend,
  summarizeLongTasks,
} from '../../scripts/lib/bench-browser-summary';
import { type BenchResults, mergeResults } from '../../scripts/lib/bench-report';

const frame = (at: number, time: number, iteration: number, state = 'training', previews = 0): FrameMark => ({
  at,
  time,
  iteration,
  state,
  previews,
});

function lane(backend: string | null, rounds: [iterations: number, seconds: number][]): LaneReport {
  return {
    backend,
    detail: '',
    startMs: 100,
    loadMs: 200,
    firstStepsMs: 300,
    rounds: rounds.map(([iterations, seconds]) => ({
      iterations,
      seconds,
      frames: 10,
      previewFrames: 5,
      pageSeconds: seconds,
    })),
    errors: [],
  };
}

describe('roundFromFrames', () => {
  it('measures from the frame sent at resume to the last training frame, leaving out the pause', () => {
    const round = roundFromFrames([
      frame(1000, 50, 10),
      frame(1100, 150, 12, 'training', 2),
      frame(1300, 350, 16),
      frame(2100, 1050, 30, 'training', 2),
      frame(2600, 1600, 31, 'paused', 2),
    ]);
    expect(round).toEqual({ iterations: 20, seconds: 1, frames: 4, previewFrames: 2, pageSeconds: 1.1 });
  });

  it('gives an empty round when fewer than two training frames came', () => {
    expect(roundFromFrames([frame(0, 0, 4), frame(900, 900, 9, 'paused')])).toMatchObject({
      iterations: 0,
      seconds: 0,
      frames: 1,
    });
  });
});

describe('samplesPerSec', () => {
  it('weighs rounds by their time, not averaging their rates', () => {
    // 10 + 30 iterations of 128 over 1 + 3 s: 1280 samples/s whatever the split.
    const rounds = lane('wasm', [
      [10, 1],
      [30, 3],
    ]).rounds;
    expect(samplesPerSec(rounds, 128)).toBe(1280);
    expect(samplesPerSec([], 128)).toBeNaN();
  });
});

describe('summarizeBackend', () => {
  it('puts the worker over the main thread, overall and round by round', () => {
    const result = summarizeBackend('wasm', {
      batchSize: 100,
      worker: lane('wasm', [
        [9, 1],
        [18, 2],
        [10, 1],
      ]),
      main: lane('wasm', [
        [10, 1],
        [20, 2],
        [8, 1],
      ]),
    });
    if ('error' in result) throw new Error(result.error);
    expect(result.samplesPerSec).toBe(925);
    expect(result.mainThreadSamplesPerSec).toBe(950);
    expect(result.ratio).toBe(0.974);
    // Per round 0.9, 0.9, 1.25: the median is 0.9.
    expect(result.pairedRatio).toBe(0.9);
    expect(result.worker.roundSamplesPerSec).toEqual([900, 900, 1000]);
    expect(result.worker.loadMs).toBe(200);
  });

  it('refuses a lane that fell back to another backend or made no progress', () => {
    const result = summarizeBackend('webgpu', {
      batchSize: 128,
      worker: lane('wasm', [[10, 1]]),
      main: lane('webgpu', [[0, 0]]),
    });
    expect(result).toEqual({
      error: 'worker: asked for webgpu but trained on wasm; main thread: no timed round made progress',
    });
  });

  it('passes on the errors a lane reported', () => {
    const failed = { ...lane(null, []), errors: ['start: no WebGPU adapter'] };
    const result = summarizeBackend('webgpu', {
      batchSize: 128,
      worker: failed,
      main: lane('webgpu', [[3, 1]]),
    });
    expect(result).toEqual({ error: 'worker: start: no WebGPU adapter' });
  });

  it('says the lane after a failed one was not run, rather than finding fault with it', () => {
    const failed = { ...lane(null, []), errors: ['start: the training worker did not start in time'] };
    const result = summarizeBackend('wasm', { batchSize: 128, worker: failed, main: lane(null, []) });
    expect(result).toEqual({
      error: 'worker: start: the training worker did not start in time; main thread: not run',
    });
  });
});

describe('summarizeLongTasks', () => {
  const tasks: LongTaskMark[] = [
    { startTime: 90, duration: 60, attribution: ['unknown window'] },
    { startTime: 500, duration: 80, attribution: ['unknown window'] },
    { startTime: 900, duration: 120, attribution: [] },
    { startTime: 2000, duration: 70, attribution: [] },
  ];
  const frames: AnimationFrameMark[] = [
    {
      startTime: 480,
      duration: 130,
      blockingDuration: 80,
      renderStart: 580,
      styleAndLayoutStart: 590,
      scripts: [
        {
          invoker: 'MessagePort.onmessage',
          invokerType: 'event-listener',
          sourceURL: 'http://127.0.0.1:4173/assets/app-abc.js?v=1',
          sourceFunctionName: 'performWorkUntilDeadline',
          sourceCharPosition: 20382,
          duration: 70,
          forcedStyleAndLayoutDuration: 0,
        },
        {
          invoker: 'FrameRequestCallback',
          invokerType: 'user-callback',
          sourceURL: '',
          sourceFunctionName: '',
          sourceCharPosition: -1,
          duration: 8,
          forcedStyleAndLayoutDuration: 0,
        },
      ],
    },
  ];

  it('counts the tasks that start inside the window and explains each from its animation frame', () => {
    const summary = summarizeLongTasks(tasks, frames, 100, 1100);
    expect(summary.count).toBe(2);
    expect(summary.totalMs).toBe(200);
    expect(summary.maxMs).toBe(120);
    expect(summary.details[0]).toEqual({
      atMs: 400,
      durationMs: 80,
      attribution: ['unknown window'],
      scriptMs: 78,
      renderingMs: 30,
      styleAndLayoutMs: 20,
      scripts: [
        'MessagePort.onmessage (performWorkUntilDeadline @ app-abc.js:20382) 70 ms',
        'FrameRequestCallback (anonymous @ ?:-1) 8 ms',
      ],
    });
    expect(summary.details[1]).toEqual({ atMs: 800, durationMs: 120, attribution: [] });
  });

  it('reports none in a quiet window', () => {
    expect(summarizeLongTasks(tasks, frames, 1100, 1900)).toEqual({
      count: 0,
      totalMs: 0,
      maxMs: 0,
      details: [],
    });
  });
});

describe('mergeResults', () => {
  const machine = {
    cpus: 2,
    cpuModel: 'x',
    node: '20',
    platform: 'linux-x64',
    loadAverage: { before: 1, after: 1 },
  };
  const earlier: BenchResults = {
    date: 'monday',
    measured: { data: 'monday', browser: 'monday' },
    machine,
    data: { fashionTrainLoadMs: 12, runs: 3 },
    browser: { error: 'old' },
    totalSeconds: 100,
  };

  it('replaces the sections measured now and keeps the others with their dates', () => {
    const later: BenchResults = {
      date: 'tuesday',
      measured: { browser: 'tuesday' },
      machine,
      browser: { error: 'new' },
      totalSeconds: 5,
    };
    const merged = mergeResults(earlier, later);
    expect(merged.browser).toEqual({ error: 'new' });
    expect(merged.data).toEqual({ fashionTrainLoadMs: 12, runs: 3 });
    expect(merged.measured).toEqual({ data: 'monday', browser: 'tuesday' });
    expect(merged.date).toBe('tuesday');
  });

  it('takes the new results as they are when there is no earlier file', () => {
    const later: BenchResults = { date: 'tuesday', measured: {}, machine, totalSeconds: 5 };
    expect(mergeResults(null, later)).toBe(later);
  });
});

describe('failureText', () => {
  it("keeps the first line without Playwright's prefix and adds what the page threw", () => {
    const error = new Error(
      'page.evaluate: Error: training stopped: no worker\n    at eval (eval at evaluate)',
    );
    expect(failureText(error, ['e is not defined', 'b', 'c', 'd'])).toBe(
      'training stopped: no worker (uncaught in the page: "e is not defined", "b", "c")',
    );
    expect(failureText('plain')).toBe('plain');
  });
});
