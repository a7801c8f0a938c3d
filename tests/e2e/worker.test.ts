// The training worker in real Chromium, through the page's client: the stacked autoencoder trains
// on each backend forced in turn (webgpu on SwiftShader included), and the automatic choice passes
// over software GPUs with the reason. Throughput per backend is written for the bench notes.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainReport } from './worker-page';
import { launchChromium, SCREENSHOT_DIR, startApp, type Browser } from './harness';

let server: ViteDevServer | undefined;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];
const measured: Record<string, Omit<TrainReport, 'losses'> & { firstLoss: number; lastLoss: number }> = {};

beforeAll(async () => {
  browser = await launchChromium({ args: ['--enable-unsafe-webgpu'] });
  const app = await startApp();
  server = app.server;
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(new URL('tests/e2e/worker-page.html', app.url).href);
  await page.locator('body[data-ready="true"]').waitFor();
});

afterAll(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await writeFile(join(SCREENSHOT_DIR, 'worker-backends.json'), JSON.stringify(measured, null, 2));
  await browser?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
});

function train(backend: string, steps: number, options: { wasmThreads?: number } = {}): Promise<TrainReport> {
  return page.evaluate(
    ([b, n, o]) =>
      (globalThis as unknown as { trainOn: (...a: unknown[]) => Promise<TrainReport> }).trainOn(
        b,
        n,
        32,
        0.005,
        o,
      ),
    [backend, steps, options] as const,
  );
}

function record(name: string, report: TrainReport): void {
  const { losses, ...rest } = report;
  measured[name] = { ...rest, firstLoss: losses[0] ?? NaN, lastLoss: losses.at(-1) ?? NaN };
}

describe('training worker in Chromium', () => {
  // webgpu runs on SwiftShader here: seconds of shader compilation, about 1 s a step.
  it.each([
    ['webgpu', 5],
    ['webgl', 6],
    ['wasm', 8],
    ['cpu', 6],
  ] as const)(
    'trains the stacked autoencoder on %s forced: loss falls, RGBA previews arrive',
    async (backend, steps) => {
      const report = await train(backend, steps);
      record(backend, report);
      expect(report.errors).toEqual([]);
      expect(report.backend).toBe(backend);
      expect(report.forced).toBe(true);
      expect(report.losses).toHaveLength(steps);
      const first = report.losses[0] ?? NaN;
      expect(Math.min(...report.losses.slice(-2))).toBeLessThan(first * 0.85);
      expect(report.frames).toBeGreaterThanOrEqual(3);
      expect(report.rgbaPreviews).toEqual(expect.arrayContaining(['data', 'image']));
    },
  );

  it("runs wasm on tfjs's threads where the page is cross-origin isolated, and on more when asked", async () => {
    const { isolated, cores } = await page.evaluate(() => ({
      isolated: crossOriginIsolated,
      cores: navigator.hardwareConcurrency,
    }));
    expect(isolated).toBe(true);
    // tfjs 4.22 takes half the logical cores (at least one, at most eight) unless asked for more.
    const own = Math.max(1, Math.min(8, Math.floor(cores / 2)));
    const plain = await train('wasm', 2);
    expect(plain.detail).toBe(`SIMD, ${own} thread${own === 1 ? '' : 's'} of ${cores} cores`);
    const report = await train('wasm', 3, { wasmThreads: own + 1 });
    record('wasm-more-threads', report);
    expect(report.errors).toEqual([]);
    expect(report.detail).toBe(`SIMD, ${own + 1} threads of ${cores} cores`);
    expect(report.losses).toHaveLength(3);
  });

  it('chooses wasm or webgl by itself, passing over software WebGPU and saying why', async () => {
    const report = await train('auto', 4);
    record('auto', report);
    expect(report.errors).toEqual([]);
    expect(['wasm', 'webgl']).toContain(report.backend);
    expect(report.forced).toBe(false);
    const webgpu = report.skipped.find((s) => s.name === 'webgpu');
    expect(webgpu?.reason).toMatch(/^software WebGPU \(SwiftShader\): it runs on the CPU/);
    expect(report.losses).toHaveLength(4);
    expect(pageErrors).toEqual([]);
  });

  it('answers a missing data file with the command that prepares the datasets', async () => {
    const answer = await page.evaluate(async () => {
      const response = await fetch('/data/cifar-train-images.u8');
      return { status: response.status, text: await response.text() };
    });
    expect(answer).toEqual({
      status: 404,
      text: 'data/cifar-train-images.u8 is missing: run `npm run data` to prepare the datasets, then reload.',
    });
  });
});
