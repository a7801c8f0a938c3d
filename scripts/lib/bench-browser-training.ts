// Training throughput in Chromium for `npm run bench`: for each backend, a fresh bench page trains
// the stacked autoencoder in the worker and on the main thread (tests/bench/browser-page.ts), and
// the figures are put side by side (bench-browser-summary.ts).

import type { Page } from 'playwright-core';
import type { BackendName } from '../../src/core/train/backend-names';
import type { Browser } from '../../tests/e2e/harness';
import type { PagePlan } from '../../tests/bench/browser-page';
import { BENCH_PAGE, openIsolated, watchPageErrors, within } from './bench-browser-serve';
import {
  type BrowserBackendOutcome,
  failureText,
  type PageBackendReport,
  summarizeBackend,
} from './bench-browser-summary';
import { messageOf } from './bench-stats';

export type TrainingPlan = Pick<PagePlan, 'warmupSeconds' | 'rounds' | 'roundSeconds' | 'budgetSeconds'>;

/**
 * Each lane gets `rounds * roundSeconds` of timed training after its warm-up. SwiftShader WebGPU
 * takes about a second a step at batch 128, so it gets fewer, longer rounds. On a quiet 2-core
 * machine the whole browser part takes about four minutes; on a loaded one, setting up (shader
 * compilation above all) takes far longer, and past `budgetSeconds` no new pair of rounds starts.
 */
export const TRAINING_PLANS: Record<BackendName, TrainingPlan> = {
  webgpu: { warmupSeconds: 3, rounds: 2, roundSeconds: 6, budgetSeconds: 150 },
  webgl: { warmupSeconds: 3, rounds: 3, roundSeconds: 5, budgetSeconds: 120 },
  wasm: { warmupSeconds: 2, rounds: 3, roundSeconds: 5, budgetSeconds: 120 },
  cpu: { warmupSeconds: 2, rounds: 3, roundSeconds: 5, budgetSeconds: 120 },
};

/** Beyond the budget: one pair of rounds begun just before it, and a slow last step or pause. */
const OVERRUN_MS = 120_000;

type BenchGlobal = { benchBackend(plan: PagePlan): Promise<PageBackendReport> };

async function runPage(page: Page, plan: PagePlan): Promise<PageBackendReport> {
  const limit = plan.budgetSeconds * 1000 + OVERRUN_MS;
  try {
    return await within(
      page.evaluate((p) => (globalThis as unknown as BenchGlobal).benchBackend(p), plan),
      limit,
      `the ${plan.backend} bench did not finish within ${limit / 1000} s`,
    );
  } catch (error) {
    const stage = await page.evaluate(() => document.body.dataset.stage).catch(() => undefined);
    throw new Error(`${messageOf(error)}${stage ? ` (it was at "${stage}")` : ''}`, { cause: error });
  }
}

/** Trains on each backend in a fresh tab; a backend that fails gets an error entry, the rest go on. */
export async function benchTrainingBackends(
  browser: Browser,
  url: string,
  backends: readonly BackendName[],
  batchSize: number,
  log: (line: string) => void,
): Promise<Partial<Record<BackendName, BrowserBackendOutcome>>> {
  const out: Partial<Record<BackendName, BrowserBackendOutcome>> = {};
  for (const backend of backends) {
    const plan = { backend, batchSize, ...TRAINING_PLANS[backend] };
    const timed = plan.rounds * plan.roundSeconds;
    log(
      `${backend} in Chromium: worker and main thread, ${plan.rounds} alternating rounds of ${plan.roundSeconds} s each (${timed} s a side) ...`,
    );
    let page: Page | undefined;
    let errors: string[] = [];
    try {
      page = await browser.context.newPage();
      errors = watchPageErrors(page);
      await openIsolated(page, new URL(BENCH_PAGE, url).href, 'body[data-ready="true"]');
      const outcome = summarizeBackend(backend, await runPage(page, plan));
      out[backend] = 'error' in outcome ? { error: failureText(outcome.error, errors) } : outcome;
    } catch (error) {
      out[backend] = { error: failureText(error, errors) };
    } finally {
      await page?.close().catch(() => undefined);
    }
  }
  return out;
}
