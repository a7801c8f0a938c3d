// Training from the editor as a student does it, for `npm run bench`: open the stacked-autoencoder
// preset from the gallery, press Train, and time the first frame painted with previews; then, over
// a fixed window of training, count the preview repaints and the main thread's long tasks (over
// 50 ms, PerformanceObserver 'longtask'), each explained by its long animation frame's scripts.

import type { Page } from 'playwright-core';
import type { Browser } from '../../tests/e2e/harness';
import { openIsolated, watchPageErrors, within } from './bench-browser-serve';
import {
  type AnimationFrameMark,
  failureText,
  type LongTaskMark,
  type LongTaskSummary,
  summarizeLongTasks,
} from './bench-browser-summary';
import { round } from './bench-stats';

export interface EditorTrainingResult {
  readonly preset: string;
  /** The backend the editor chose by itself, as its toolbar chip says. */
  readonly backend: string;
  /** Train pressed to the end of the first frame painted with a preview on a node. */
  readonly timeToFirstPreviewMs: number;
  /** Train pressed to the end of the first frame painted with previews and a trained iteration. */
  readonly timeToFirstFrameMs: number;
  readonly windowSeconds: number;
  /** Repaints of the reconstruction preview (image.out) per second, the page's preview frame rate. */
  readonly previewFps: number;
  /** Repaints of all preview canvases per second. */
  readonly previewPaintsPerSec: number;
  /** The toolbar's iteration count over the window, times the batch size, per second. */
  readonly samplesPerSec: number;
  /** Long tasks in the window. */
  readonly longTasks: LongTaskSummary;
  /** Long animation frames (over 50 ms, rendering included) in the window. */
  readonly longAnimationFrames: number;
  /** Long tasks between pressing Train and the window (worker start, first load, first frames). */
  readonly startupLongTasks: LongTaskSummary;
}

export type EditorTrainingOutcome = EditorTrainingResult | { readonly error: string };

interface Paint {
  readonly at: number;
  readonly key: string;
}

interface Instrumented {
  clickAt: number;
  longTasks: LongTaskMark[];
  frames: AnimationFrameMark[];
  paints: Paint[];
  firstFrame?: Promise<{ previewAt: number; frameAt: number }>;
}

type InstrumentedGlobal = { __benchEditor: Instrumented };

/**
 * Runs in the page before its scripts: records long tasks and long animation frames, every
 * putImageData on a preview canvas (they carry data-node and data-port), and when Train is pressed.
 */
function instrument(): void {
  const state: Instrumented = { clickAt: -1, longTasks: [], frames: [], paints: [] };
  (globalThis as unknown as InstrumentedGlobal).__benchEditor = state;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const attribution = (entry as PerformanceEntry & { attribution?: readonly Record<string, string>[] })
        .attribution;
      state.longTasks.push({
        startTime: entry.startTime,
        duration: entry.duration,
        attribution: (attribution ?? []).map((a) =>
          [a.name, a.containerType, a.containerName, a.containerSrc].filter(Boolean).join(' '),
        ),
      });
    }
  }).observe({ type: 'longtask', buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const e = entry as PerformanceEntry &
          Omit<AnimationFrameMark, 'scripts'> & { scripts: FrameScript[] };
        state.frames.push({
          startTime: e.startTime,
          duration: e.duration,
          blockingDuration: e.blockingDuration,
          renderStart: e.renderStart,
          styleAndLayoutStart: e.styleAndLayoutStart,
          scripts: e.scripts.map((s) => ({
            invoker: s.invoker,
            invokerType: s.invokerType,
            sourceURL: s.sourceURL,
            sourceFunctionName: s.sourceFunctionName,
            sourceCharPosition: s.sourceCharPosition,
            duration: s.duration,
            forcedStyleAndLayoutDuration: s.forcedStyleAndLayoutDuration,
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // A browser without the Long Animation Frames API: long tasks go unexplained.
  }
  const put = CanvasRenderingContext2D.prototype.putImageData;
  CanvasRenderingContext2D.prototype.putImageData = function (this: CanvasRenderingContext2D, ...args) {
    const { node, port } = this.canvas.dataset;
    if (node) state.paints.push({ at: performance.now(), key: `${node}.${port ?? ''}` });
    return (put as (...a: unknown[]) => void).apply(this, args);
  } as typeof put;
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target as Element | null;
      if (state.clickAt < 0 && target?.closest?.('[data-testid="train-toggle"]'))
        state.clickAt = performance.now();
    },
    true,
  );
}

type FrameScript = AnimationFrameMark['scripts'][number];

/** Runs in the page before Train is pressed: watches each animation frame for the first previews. */
function watchFirstFrame(): void {
  const state = (globalThis as unknown as InstrumentedGlobal).__benchEditor;
  state.firstFrame = new Promise((resolve, reject) => {
    const began = performance.now();
    let previewAt = -1;
    let frameAt = -1;
    // A task queued from an animation frame runs once that frame's style, layout and paint are done.
    const afterPaint = (set: (t: number) => void) => setTimeout(() => set(performance.now()), 0);
    const onFrame = () => {
      const clicked = state.clickAt >= 0;
      const painted = clicked && state.paints.some((p) => p.at >= state.clickAt);
      const text = document.querySelector('[data-testid="train-iteration"]')?.textContent ?? '';
      const iteration = Number(/\d+/.exec(text)?.[0] ?? 0);
      if (painted && previewAt < 0) {
        previewAt = 0;
        afterPaint((t) => (previewAt = t));
      }
      if (painted && iteration > 0 && frameAt < 0) {
        frameAt = 0;
        afterPaint((t) => {
          frameAt = t;
          const settle = () => (previewAt > 0 ? resolve({ previewAt, frameAt }) : setTimeout(settle, 0));
          settle();
        });
      }
      const error = document.querySelector('[data-testid="training-message"].error')?.textContent;
      if (frameAt < 0 && error) reject(new Error(`training stopped: ${error.replace(/×$/, '')}`));
      else if (frameAt < 0 && performance.now() - began > 120_000) {
        reject(new Error(`no trained frame with previews within 120 s (iteration text "${text}")`));
      } else if (frameAt < 0) requestAnimationFrame(onFrame);
    };
    requestAnimationFrame(onFrame);
  });
}

async function iterationNow(page: Page): Promise<number> {
  const text = (await page.getByTestId('train-iteration').textContent()) ?? '';
  return Number(/\d+/.exec(text)?.[0] ?? Number.NaN);
}

const pageNow = (page: Page): Promise<number> => page.evaluate(() => performance.now());

export interface EditorTrainingOptions {
  readonly windowSeconds?: number;
  readonly batchSize?: number;
  readonly preset?: string;
}

/** Opens the preset in the editor at `url`, presses Train and measures; closes its tab. */
export async function benchEditorTraining(
  browser: Browser,
  url: string,
  options: EditorTrainingOptions = {},
): Promise<EditorTrainingResult> {
  const { windowSeconds = 20, batchSize = 128, preset = 'stacked-autoencoder' } = options;
  const page = await browser.context.newPage();
  const errors = watchPageErrors(page);
  try {
    await openIsolated(page, url, '.react-flow__pane', instrument);
    await page.getByRole('button', { name: 'Gallery' }).click();
    await page.locator(`[data-preset="${preset}"]`).click();
    await page.locator('.gallery-dialog').waitFor({ state: 'detached' });
    await page.locator('.react-flow__node[data-id="image"]').waitFor();
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    const batch = Number(await page.locator('#doc-batch').inputValue());
    if (batch !== batchSize)
      throw new Error(`the ${preset} preset trains at batch ${batch}, not ${batchSize}`);

    await page.evaluate(watchFirstFrame);
    await page.getByTestId('train-toggle').click();
    const first = await within(
      page.evaluate(() => (globalThis as unknown as InstrumentedGlobal).__benchEditor.firstFrame),
      130_000,
      'the first frame never came',
    );
    const clickAt = await page.evaluate(
      () => (globalThis as unknown as InstrumentedGlobal).__benchEditor.clickAt,
    );
    if (!first) throw new Error('the first-frame watch was not armed');

    const from = await pageNow(page);
    const fromIteration = await iterationNow(page);
    await page.waitForTimeout(windowSeconds * 1000);
    const to = await pageNow(page);
    const toIteration = await iterationNow(page);
    const state = await page.evaluate(() => {
      const s = (globalThis as unknown as InstrumentedGlobal).__benchEditor;
      return { longTasks: s.longTasks, frames: s.frames, paints: s.paints };
    });
    const backend = (await page.getByTestId('backend').textContent()) ?? '?';
    await page.getByTestId('train-toggle').click();

    const seconds = (to - from) / 1000;
    const inWindow = state.paints.filter((p) => p.at >= from && p.at < to);
    return {
      preset,
      backend,
      timeToFirstPreviewMs: round(first.previewAt - clickAt),
      timeToFirstFrameMs: round(first.frameAt - clickAt),
      windowSeconds: round(seconds),
      previewFps: round(inWindow.filter((p) => p.key === 'image.out').length / seconds),
      previewPaintsPerSec: round(inWindow.length / seconds),
      samplesPerSec: round(((toIteration - fromIteration) * batchSize) / seconds),
      longTasks: summarizeLongTasks(state.longTasks, state.frames, from, to),
      longAnimationFrames: state.frames.filter((f) => f.startTime >= from && f.startTime < to).length,
      startupLongTasks: summarizeLongTasks(state.longTasks, state.frames, clickAt, from),
    };
  } catch (error) {
    throw new Error(failureText(error, errors), { cause: error });
  } finally {
    await page.close().catch(() => undefined);
  }
}
