// The `browser` part of `npm run bench`, in headless Debian Chromium against a production build:
// the stacked autoencoder (graphs/stacked-autoencoder.json, dense 784-256-32-256-784 on
// Fashion-MNIST, Adam, MSE) at batch 128 trained on each backend in the worker and on the main
// thread, then trained from the editor's Train button for the first frame, preview rate and long tasks.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKEND_ORDER, type BackendName } from '../../src/core/train/backend-names';
import {
  type BenchBrowser,
  type BenchServer,
  launchBenchChromium,
  serveBenchBuild,
} from './bench-browser-serve';
import type { BrowserBackendOutcome } from './bench-browser-summary';
import { benchTrainingBackends, TRAINING_PLANS, type TrainingPlan } from './bench-browser-training';
import { benchPresetFrames, type PresetsOutcome } from './bench-browser-presets';
import { benchEditorTraining, type EditorTrainingOutcome } from './bench-browser-ui';
import { messageOf, round } from './bench-stats';

export const BROWSER_MODEL =
  'graphs/stacked-autoencoder.json: dense 784-256-32-256-784 autoencoder, Fashion-MNIST, Adam, MSE';

export type BrowserResult = {
  chromium: string;
  served: string;
  buildSeconds: number;
  model: string;
  batchSize: number;
  plans: Partial<Record<BackendName, TrainingPlan>>;
  /** The editor's figures, copied from `editorTraining` (null when it failed). */
  previewFps: number | null;
  timeToFirstFrameMs: number | null;
  longTasks: number | null;
  editorTraining: EditorTrainingOutcome;
  /** Every preset at its own batch size on the editor's own backend: frames and previews per second. */
  presets: PresetsOutcome;
  seconds: number;
} & Partial<Record<BackendName, BrowserBackendOutcome>>;

export type BrowserOutcome = BrowserResult | { error: string };

export interface BrowserBenchOptions {
  readonly backends?: readonly BackendName[];
  readonly batchSize?: number;
  /** Seconds of editor training in which long tasks and preview repaints are counted. */
  readonly windowSeconds?: number;
  /** Seconds each preset trains for the per-preset frame rates (after a warm-up of half that). */
  readonly presetSeconds?: number;
  /** Presets to train for the per-preset frame rates; all of them when absent. */
  readonly presets?: readonly string[];
  /** Unminified build, for long-task attributions with readable function names. */
  readonly log?: (line: string) => void;
}

async function withBrowser<T>(work: (browser: BenchBrowser) => Promise<T>): Promise<T> {
  const browser = await launchBenchChromium();
  try {
    return await work(browser);
  } finally {
    await browser.close().catch(() => undefined);
  }
}

/** Every figure of the browser part; an error entry instead of a throw, so the rest still reports. */
export async function benchBrowser(options: BrowserBenchOptions = {}): Promise<BrowserOutcome> {
  const { backends = BACKEND_ORDER, batchSize = 128, windowSeconds = 20, presetSeconds = 3 } = options;
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const outDir = await mkdtemp(join(tmpdir(), 'latent-lab-bench-browser-'));
  let served: BenchServer | undefined;
  try {
    log('building the app and the bench page for production ...');
    served = await serveBenchBuild(outDir);
    const buildSeconds = round((performance.now() - started) / 1000, 3);
    const url = served.url;

    // The editor first, on a quiet browser; then the backends, each in a fresh tab.
    log(`editor: open the preset, press Train, ${windowSeconds} s of training with previews ...`);
    let chromium = '';
    const editorTraining = await withBrowser(async (browser): Promise<EditorTrainingOutcome> => {
      chromium = browser.version;
      try {
        return await benchEditorTraining(browser, url, { windowSeconds, batchSize });
      } catch (error) {
        return { error: messageOf(error) };
      }
    });
    log(`presets: each at its own batch size, ${presetSeconds} s of training on the editor's backend ...`);
    const presets = await withBrowser((browser) =>
      benchPresetFrames(browser, url, {
        presets: options.presets ?? [],
        warmupSeconds: presetSeconds / 2,
        seconds: presetSeconds,
      }),
    );
    const trained = await withBrowser((browser) => {
      chromium ||= browser.version;
      return benchTrainingBackends(browser, url, backends, batchSize, log);
    });
    const ok = !('error' in editorTraining);
    return {
      chromium,
      served: 'vite build (production, as vite.config.ts builds it) + vite preview, COOP/COEP on',
      buildSeconds,
      model: BROWSER_MODEL,
      batchSize,
      plans: Object.fromEntries(backends.map((b) => [b, TRAINING_PLANS[b]])),
      ...trained,
      previewFps: ok ? editorTraining.previewFps : null,
      timeToFirstFrameMs: ok ? editorTraining.timeToFirstFrameMs : null,
      longTasks: ok ? editorTraining.longTasks.count : null,
      editorTraining,
      presets,
      seconds: round((performance.now() - started) / 1000, 3),
    };
  } catch (error) {
    return { error: messageOf(error) };
  } finally {
    await served?.server.close().catch(() => undefined);
    await rm(outDir, { recursive: true, force: true });
  }
}
