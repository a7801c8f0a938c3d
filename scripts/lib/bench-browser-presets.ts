// Preview frame rates of every preset for `npm run bench`: the bench page trains each preset in
// turn in the training worker, at its own batch size, on the backend the editor would choose
// (tests/bench/browser-page-presets.ts), and the frames it receives are counted here.

import type { Browser } from '../../tests/e2e/harness';
import type { PresetFramesReport, PresetPlan } from '../../tests/bench/browser-page-presets';
import { BENCH_PAGE, openIsolated, watchPageErrors, within } from './bench-browser-serve';
import { failureText } from './bench-browser-summary';
import { round } from './bench-stats';

export interface PresetFrames {
  readonly preset: string;
  readonly backend: string;
  readonly batchSize: number;
  readonly iterationsPerSec: number;
  /** Wall time per iteration, the preview passes and frames between iterations included. */
  readonly msPerIteration: number;
  /** Frames the page received per second while training, and those that carried previews. */
  readonly framesPerSec: number;
  readonly previewFramesPerSec: number;
}

export type PresetFramesOutcome = PresetFrames | { readonly preset: string; readonly error: string };

export interface PresetsResult {
  readonly warmupSeconds: number;
  readonly seconds: number;
  readonly presets: readonly PresetFramesOutcome[];
}

export type PresetsOutcome = PresetsResult | { readonly error: string };

type PresetGlobal = { benchPresets(plan: PresetPlan): Promise<PresetFramesReport[]> };

/** Figures of one preset from what the page counted. */
export function presetFrames(report: PresetFramesReport): PresetFramesOutcome {
  if ('error' in report) return report;
  const { round: r } = report;
  if (r.seconds <= 0 || r.pageSeconds <= 0 || r.iterations <= 0) {
    return {
      preset: report.preset,
      error: `too slow to measure: ${r.iterations} iterations between ${r.frames} training frames`,
    };
  }
  const iterationsPerSec = r.iterations / r.seconds;
  return {
    preset: report.preset,
    backend: report.backend,
    batchSize: report.batchSize,
    iterationsPerSec: round(iterationsPerSec),
    msPerIteration: round(1000 / iterationsPerSec),
    framesPerSec: round((r.frames - 1) / r.pageSeconds),
    previewFramesPerSec: round(r.previewFrames / r.pageSeconds),
  };
}

/** Trains every preset (or those named) for `seconds` each after `warmupSeconds`, in a fresh tab. */
export async function benchPresetFrames(
  browser: Browser,
  url: string,
  plan: PresetPlan,
): Promise<PresetsOutcome> {
  const page = await browser.context.newPage();
  const errors = watchPageErrors(page);
  try {
    await openIsolated(page, new URL(BENCH_PAGE, url).href, 'body[data-ready="true"]');
    // Loading a preset takes seconds on a loaded machine (a conv graph's gradient probe on wasm).
    const limit = (plan.presets.length || 30) * (plan.warmupSeconds + plan.seconds + 30) * 1000;
    const reports = await within(
      page.evaluate((p) => (globalThis as unknown as PresetGlobal).benchPresets(p), plan),
      limit,
      `the presets did not finish within ${limit / 1000} s`,
    );
    return {
      warmupSeconds: plan.warmupSeconds,
      seconds: plan.seconds,
      presets: reports.map(presetFrames),
    };
  } catch (error) {
    const stage = await page.evaluate(() => document.body.dataset.stage).catch(() => undefined);
    return { error: `${failureText(error, errors)}${stage ? ` (it was at "${stage}")` : ''}` };
  } finally {
    await page.close().catch(() => undefined);
  }
}
