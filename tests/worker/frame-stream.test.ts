// Frame and preview pacing on a clock the test moves by hand: frames at the step nearest the
// interval, a cheap quick preview with every frame, the full pass at its own lower rate.
import { describe, expect, it } from 'vitest';
import { FrameStream } from '../../src/core/train/frame-stream';
import type { SessionFrame } from '../../src/core/train/frames';

interface Run {
  readonly frames: SessionFrame[];
  readonly passes: ('full' | 'quick')[];
  /** Iterations at which a frame went out. */
  readonly frameSteps: number[];
}

/**
 * Drives a stream as the session's loop does for `steps` steps of `stepMs` each: after a step, if
 * a frame is due, the due preview pass (taking `quickMs` or `fullMs`) and then the frame.
 */
function drive(
  stepMs: number,
  steps: number,
  quickMs: number | ((pass: number) => number),
  fullMs: number,
): Run {
  const quickCost = typeof quickMs === 'number' ? () => quickMs : quickMs;
  let clock = 0;
  const stream = new FrameStream({
    now: () => clock,
    frameIntervalMs: 1000 / 15,
    fullPreviewIntervalMs: 1000,
    previewShare: 0.2,
  });
  const run: Run = { frames: [], passes: [], frameSteps: [] };
  stream.subscribe((frame) => run.frames.push(frame));
  for (let i = 1; i <= steps; i++) {
    clock += stepMs;
    stream.record(i, { mse: 1 / i }, 32, stepMs);
    if (!stream.frameDue()) continue;
    const pass = stream.previewDue();
    if (pass) {
      const startedAt = clock;
      clock += pass === 'full' ? fullMs : quickCost(run.passes.length);
      stream.addPreviews([], pass, startedAt);
      run.passes.push(pass);
    }
    stream.emit({ state: 'training', iteration: i, backend: null });
    run.frameSteps.push(i);
  }
  return run;
}

describe('FrameStream pacing', () => {
  it('sends a frame after every 60 ms step instead of every other one', () => {
    const { frameSteps } = drive(60, 30, 4, 25);
    expect(frameSteps).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('gathers 30 ms steps two to a frame, about 15 frames a second', () => {
    const { frames, frameSteps } = drive(30, 100, 4, 25);
    expect(new Set(frameSteps.slice(1).map((step, i) => step - (frameSteps[i] ?? 0)))).toEqual(new Set([2]));
    const seconds = ((frames.at(-1)?.time ?? 0) - (frames[0]?.time ?? 0)) / 1000;
    expect((frames.length - 1) / seconds).toBeGreaterThan(13);
    expect((frames.length - 1) / seconds).toBeLessThan(17);
    expect(frames.slice(1).every((f) => f.history.length === 2)).toBe(true);
  });

  it('never sends two frames within 3/4 of the interval, however short the steps', () => {
    const { frames } = drive(1, 2000, 0, 0);
    for (let i = 1; i < frames.length; i++) {
      expect((frames[i]?.time ?? 0) - (frames[i - 1]?.time ?? 0)).toBeGreaterThanOrEqual(50);
    }
  });

  it('runs a cheap quick preview with every frame and the full pass about once a second', () => {
    const { passes, frames } = drive(60, 100, 4, 25);
    expect(passes).toHaveLength(frames.length);
    const full = passes.filter((p) => p === 'full').length;
    const seconds = (frames.at(-1)?.time ?? 0) / 1000;
    expect(full).toBeGreaterThanOrEqual(Math.floor(seconds));
    expect(full).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
  });

  it('spaces out a quick preview that costs more than its share of the time', () => {
    // 30 ms quick passes may take a fifth of the time: one every 150 ms, not one per 60 ms frame.
    const { passes, frames } = drive(60, 100, 30, 25);
    const quick = passes.filter((p) => p === 'quick').length;
    const seconds = (frames.at(-1)?.time ?? 0) / 1000;
    // Their time stays within the share (a little over from the half-step rounding at most).
    const share = (quick * 30) / (seconds * 1000);
    expect(share).toBeLessThan(0.21);
    expect(share).toBeGreaterThan(0.12);
  });

  it('rides a quick preview along with every frame when its time falls within half a step', () => {
    // 15 ms passes are spaced 75 ms apart; frames come after every two 30 ms steps and the pass,
    // 75 ms apart at first: a pass due inside the next step goes with the frame nearer its time.
    const { passes, frames } = drive(30, 100, 15, 25);
    expect(passes).toHaveLength(frames.length);
  });

  it('keeps the quick preview with every frame when one pass is slow (a garbage collection)', () => {
    // 4 ms passes, but the tenth takes 30 ms: with the last cost alone, the next 300 ms lose it.
    const { passes, frames } = drive(60, 100, (n) => (n === 10 ? 30 : 4), 25);
    const missing = frames.length - passes.length;
    expect(missing).toBeLessThanOrEqual(2);
  });

  it('alternates 48 ms steps one and two to a frame: about 14 frames a second, not 10', () => {
    const { frames } = drive(48, 200, 4, 25);
    const seconds = ((frames.at(-1)?.time ?? 0) - (frames[0]?.time ?? 0)) / 1000;
    const rate = (frames.length - 1) / seconds;
    expect(rate).toBeGreaterThan(12.5);
    expect(rate).toBeLessThanOrEqual(15);
    for (let i = 1; i < frames.length; i++) {
      expect((frames[i]?.time ?? 0) - (frames[i - 1]?.time ?? 0)).toBeGreaterThanOrEqual(1000 / 30);
    }
  });

  it('sends a frame before a step of the given time when that step would make it late', () => {
    let clock = 0;
    const stream = new FrameStream({
      now: () => clock,
      frameIntervalMs: 60,
      fullPreviewIntervalMs: 1000,
      previewShare: 0.3,
    });
    stream.record(1, { loss: 1 }, 10, 120);
    stream.emit({ state: 'training', iteration: 1, backend: null });
    clock = 50;
    // The iteration's 120 ms would make the frame late; the next 8 ms step would not.
    expect(stream.frameDue()).toBe(true);
    expect(stream.frameDue(8)).toBe(false);
    clock = 40; // within 3/4 of the interval, never
    expect(stream.frameDue(120)).toBe(false);
  });

  it('keeps samples a second over frames without samples, then measures from the last with some', () => {
    let clock = 0;
    const stream = new FrameStream({
      now: () => clock,
      frameIntervalMs: 50,
      fullPreviewIntervalMs: 1000,
      previewShare: 0.3,
    });
    const rates: number[] = [];
    stream.subscribe((frame) => rates.push(frame.samplesPerSec));
    const status = { state: 'training' as const, iteration: 1, backend: null };
    stream.record(1, { loss: 1 }, 100, 100);
    clock = 100;
    stream.emit(status);
    clock = 200;
    stream.record(2, { loss: 1 }, 100, 100);
    stream.emit(status); // 100 samples in 100 ms
    clock = 250;
    stream.emit(status); // within an iteration: no samples
    clock = 400;
    stream.record(3, { loss: 1 }, 100, 200);
    stream.emit(status); // 100 samples since 200 ms, not since the frame at 250 ms
    expect(rates.slice(1)).toEqual([1000, 1000, 500]);
  });
});
