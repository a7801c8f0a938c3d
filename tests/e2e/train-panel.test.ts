// The training panel in real Chromium: the stacked autoencoder's loss chart falls (read from uPlot's
// own data), the charts follow the theme, the history downloads as CSV, an enlarged preview names its
// node and iteration and saves as PNG (a scatter too), the VAE's chart is labelled as the negative
// ELBO with the sum of its two terms, and a backend forced in the settings restarts the worker on it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorSession, openEditor, openPreset, REPO_ROOT, SCREENSHOT_DIR, setBatch } from './harness';

let editor: EditorSession | undefined;
let page: Page;

beforeAll(async () => {
  editor = await openEditor();
  page = editor.page;
});

afterAll(async () => {
  await editor?.close();
});

const screenshot = (name: string) =>
  page.screenshot({ path: join(SCREENSHOT_DIR, `train-panel-${name}.png`) });

interface ChartState {
  readonly labels: string[];
  readonly rows: (number | null)[][];
  readonly axisStroke: string;
  readonly distr: number;
}

/** A chart's series labels and data as uPlot holds them (dev builds expose every chart). */
function chart(id: string): Promise<ChartState | null> {
  return page.evaluate((chartId) => {
    interface Plot {
      data: (number | null)[][];
      series: { label?: string }[];
      axes: { stroke?: unknown }[];
      scales: Record<string, { distr?: number }>;
    }
    const plot = (globalThis as { __latentLabCharts?: Record<string, Plot> }).__latentLabCharts?.[chartId];
    if (!plot) return null;
    const stroke = plot.axes[0]?.stroke;
    return {
      labels: plot.series.map((s) => s.label ?? ''),
      rows: plot.data.map((row) => Array.from(row)),
      axisStroke:
        typeof stroke === 'function'
          ? String((stroke as (...a: unknown[]) => unknown)(plot, 0))
          : String(stroke),
      distr: plot.scales.y?.distr ?? 1,
    };
  }, id);
}

/** Waits until the chart has at least `points` iterations with a value in its first series. */
async function waitForPoints(id: string, points: number, timeout = 40_000): Promise<void> {
  await page.waitForFunction(
    ({ chartId, least }) => {
      const plot = (globalThis as { __latentLabCharts?: Record<string, { data: (number | null)[][] }> })
        .__latentLabCharts?.[chartId];
      return (plot?.data[1]?.filter((v) => v !== null).length ?? 0) >= least;
    },
    { chartId: id, least: points },
    { timeout },
  );
}

const mean = (values: readonly (number | null)[]) => {
  const finite = values.filter((v): v is number => v !== null);
  return finite.reduce((a, b) => a + b, 0) / finite.length;
};

/** Serious or critical accessibility problems axe finds on the page as it is. */
async function seriousAxeProblems(): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) {
    await page.addScriptTag({
      content: await readFile(join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'),
    });
  }
  return page.evaluate(async () => {
    interface AxeResults {
      violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
    }
    const axe = (globalThis as { axe?: { run(context: Document): Promise<AxeResults> } }).axe;
    const results = await axe?.run(document);
    return (results?.violations ?? [])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

async function pauseTraining(): Promise<void> {
  await page.getByTestId('train-toggle').click();
  await page.waitForSelector('[data-testid="train-state"]:text-is("paused")');
}

describe('the training panel in Chromium', () => {
  it('charts the falling loss of the stacked autoencoder, in both themes, and exports CSV and PNG', async () => {
    await openPreset(page, 'stacked-autoencoder');
    await setBatch(page, 32);
    // Closed, the panel takes nothing from the canvas.
    expect(await page.getByTestId('training-panel').count()).toBe(0);
    await page.getByTestId('charts-toggle').click();
    await page.getByTestId('training-panel').waitFor();
    expect(await page.getByTestId('chart-title').allTextContents()).toEqual(['Loss terms of adam (Adam)']);

    await page.getByTestId('train-toggle').click();
    await waitForPoints('optimizer:adam', 60);
    const trained = await chart('optimizer:adam');
    expect(trained?.labels).toEqual(['iteration', 'mse (Mean squared error)']);
    const losses = trained?.rows[1] ?? [];
    expect(mean(losses.slice(-10))).toBeLessThan(mean(losses.slice(0, 10)) * 0.8);
    // The legend shows the current value as a number.
    expect(Number(await page.getByTestId('legend-value').first().textContent())).toBeGreaterThan(0);
    await screenshot('light');

    // Frames reach the chart through uPlot alone: its data grows while the panel does not re-render.
    await page.evaluate(() => void ((globalThis as { __latentLabRenders?: object }).__latentLabRenders = {}));
    const pointsBefore = (await chart('optimizer:adam'))?.rows[0]?.length ?? 0;
    await page.waitForTimeout(1500);
    expect((await chart('optimizer:adam'))?.rows[0]?.length ?? 0).toBeGreaterThan(pointsBefore);
    const renders = await page.evaluate(() => ({
      ...(globalThis as { __latentLabRenders?: Record<string, number> }).__latentLabRenders,
    }));
    expect(Object.entries(renders).filter(([, n]) => n > 0)).toEqual([]);
    expect(await seriousAxeProblems()).toEqual([]);

    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await page.waitForTimeout(300);
    const darkMuted = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--muted').trim(),
    );
    expect((await chart('optimizer:adam'))?.axisStroke).toBe(darkMuted);
    await screenshot('dark');
    expect(await seriousAxeProblems()).toEqual([]);

    await page.getByLabel('Log scale').check();
    await page.waitForTimeout(200);
    expect((await chart('optimizer:adam'))?.distr).toBe(3);

    const csvDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const csv = await readFile((await (await csvDownload).path()) ?? '', 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('iteration,mse');
    expect(lines.length).toBeGreaterThan(60);
    expect(lines.slice(1).every((line) => /^\d+,\d/.test(line))).toBe(true);

    // By keyboard: where the canvas is fitted, the minimap may lie over this node's preview.
    await page.locator('.react-flow__node[data-id="image"] .port-preview').press('Enter');
    const modal = page.locator('.preview-modal');
    await modal.waitFor();
    expect(await modal.locator('header').textContent()).toMatch(/image \(Reshape\).*iteration \d+/);
    const pngDownload = page.waitForEvent('download');
    await modal.getByRole('button', { name: 'Download PNG' }).click();
    const png = await pngDownload;
    expect(png.suggestedFilename()).toMatch(/^image-out-it\d+\.png$/);
    const bytes = await readFile((await png.path()) ?? '');
    expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    await screenshot('enlarged');
    await page.keyboard.press('Escape');
    await pauseTraining();
  }, 120_000);

  it('labels the VAE chart as the negative ELBO and draws the sum of reconstruction and KL', async () => {
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
    await page.getByLabel('Log scale').uncheck();
    await openPreset(page, 'vae');
    await page.getByTestId('chart-title').filter({ hasText: 'negative ELBO' }).waitFor();
    expect(await page.getByTestId('chart-title').allTextContents()).toEqual([
      'negative ELBO (nats per image) = reconstruction + KL',
    ]);
    await setBatch(page, 32);
    await page.getByTestId('train-toggle').click();
    await waitForPoints('optimizer:adam', 5);
    const vae = await chart('optimizer:adam');
    expect(vae?.labels).toEqual([
      'iteration',
      'reconstruction (Binary cross-entropy)',
      'kl (KL to N(0, I))',
      '−ELBO = reconstruction + KL',
    ]);
    const [, reconstruction = [], kl = [], elbo = []] = vae?.rows ?? [];
    const last = elbo.length - 1;
    expect(elbo[last]).toBeCloseTo((reconstruction[last] ?? NaN) + (kl[last] ?? NaN), 3);
    await screenshot('vae');
    await pauseTraining();
  }, 120_000);

  it('restarts the worker on the backend picked in the settings, remembers it, and enlarges a scatter', async () => {
    await page.getByTestId('training-settings').click();
    await page.getByRole('radio', { name: /^cpu/ }).check();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="backend"]')?.textContent === 'cpu',
      null,
      {
        timeout: 60_000,
      },
    );
    expect(await page.getByTestId('backend').getAttribute('title')).toMatch(/^cpu \(forced/);
    await screenshot('settings');
    await page.keyboard.press('Escape');

    await openPreset(page, 'gan-ring');
    await page.getByTestId('train-toggle').click();
    const scatter = page.locator('.react-flow__node[data-id="gOut"] .port-preview');
    await scatter.waitFor({ timeout: 40_000 });
    await scatter.click();
    const canvas = page.locator('.preview-modal canvas[data-kind="scatter"]');
    await canvas.waitFor();
    expect(await page.locator('.preview-modal header').textContent()).toMatch(
      /gOut \(Dense\).*iteration \d+/,
    );
    // Redrawn from the points at full size, not the card's small picture blown up.
    expect(await canvas.evaluate((c) => (c as HTMLCanvasElement).width)).toBeGreaterThanOrEqual(560);
    await screenshot('scatter');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('chart-title').allTextContents()).toEqual([
      'Loss terms of dAdam (Adam)',
      'Loss terms of gAdam (Adam)',
      'Metrics',
    ]);
    await pauseTraining();

    await page.reload();
    await page.locator('.react-flow__pane').waitFor();
    await page.getByTestId('training-settings').click();
    expect(await page.getByRole('radio', { name: /^cpu/ }).isChecked()).toBe(true);
    // The panel stayed open across the reload too.
    await page.getByTestId('training-panel').waitFor();
    expect(editor?.pageErrors).toEqual([]);
  }, 120_000);
});
