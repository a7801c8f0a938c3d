// The GAN views in real Chromium: the ring preset trains from the toolbar, and the discriminator
// loss's card shows D over the plane with the real and generated points, which changes as training
// goes on, with the modes the generator hits; the map enlarges with its key. On the dense
// Fashion-MNIST GAN, class shares and FID nodes load the classifier served at /data/classifiers/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../src/core/graph/document';
import { type EditorSession, openEditor, openPreset, REPO_ROOT, SCREENSHOT_DIR } from './harness';

let editor: EditorSession | undefined;
let page: Page;

beforeAll(async () => {
  editor = await openEditor();
  page = editor.page;
});

afterAll(async () => {
  await editor?.close();
});

const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const screenshot = (name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `gan-views-${name}.png`) });
const MAP = 'canvas[data-node="dLoss"][data-port="view"][data-kind="critic-map"]';

/** The map's pixels as painted on the card. */
function mapPixels(): Promise<number[]> {
  return page.evaluate((selector) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`.graph-node ${selector}`);
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return [];
    return Array.from(context.getImageData(0, 0, canvas.width, canvas.height).data);
  }, MAP);
}

/** Pans the canvas so the node sits in the middle, then zooms in around it (for a readable screenshot). */
async function bringIntoView(id: string, zoomSteps = 2): Promise<void> {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  const box = await node(id).boundingBox();
  if (!pane || !box) return;
  const start = { x: pane.x + 12, y: pane.y + 12 };
  const dx = pane.x + pane.width / 2 - (box.x + box.width / 2);
  const dy = pane.y + pane.height / 2 - (box.y + box.height / 2);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + dx, start.y + dy, { steps: 8 });
  await page.mouse.up();
  for (let i = 0; i < zoomSteps; i++) await page.getByRole('button', { name: 'Zoom In' }).click();
  await page.waitForTimeout(300);
}

async function iteration(): Promise<number> {
  const text = (await page.getByTestId('train-iteration').textContent()) ?? '';
  return Number(/\d+/.exec(text)?.[0] ?? NaN);
}

describe('GAN views in Chromium', () => {
  it('shows the discriminator over the plane on the ring preset, live, with the mode coverage', async () => {
    await openPreset(page, 'gan-ring');
    await node('dLoss').waitFor();

    await page.getByTestId('train-toggle').click();
    await node('dLoss').locator(MAP).waitFor({ timeout: 60_000 });
    const coverage = node('dLoss').getByTestId('mode-coverage');
    await coverage.waitFor();
    const first = await mapPixels();
    const firstAt = await iteration();
    await screenshot('early');

    // Training for a few seconds moves the generated points and reshapes D's map.
    await page.waitForFunction(
      (least) =>
        Number(
          /\d+/.exec(document.querySelector('[data-testid="train-iteration"]')?.textContent ?? '')?.[0] ?? 0,
        ) > least,
      firstAt + 150,
      { timeout: 60_000 },
    );
    await page.waitForTimeout(1500);
    const later = await mapPixels();
    const coverageText = (await coverage.textContent()) ?? '';
    await screenshot('later');
    await bringIntoView('dLoss');
    await screenshot('card');

    expect(first.length).toBeGreaterThan(0);
    expect(later).toHaveLength(first.length);
    const changed = later.filter((v, i) => Math.abs(v - (first[i] ?? 0)) > 8).length;
    expect(changed / later.length).toBeGreaterThan(0.05);
    // The ring has 8 modes; the generated points are counted against them.
    expect(coverageText).toMatch(/modes hit: \d of 8/);
    expect(coverageText).toMatch(/\d+% within 3 std/);
    const key = (await node('dLoss').getByTestId('critic-map-key').textContent()) ?? '';
    expect(key).toContain('real');
    expect(key).toContain('generated');
    expect(key).toContain("D's verdict");

    // The map enlarges with its key, and closes with Escape.
    await node('dLoss').locator('.node-view-button').click();
    await page.locator(`.preview-modal ${MAP}`).waitFor();
    expect(await page.locator('.preview-modal').getByTestId('mode-coverage').textContent()).toMatch(
      /\d+% of generated points within 3 std of a mode/,
    );
    await screenshot('enlarged');
    await page.keyboard.press('Escape');
    await page.locator('.preview-modal').waitFor({ state: 'detached' });

    await page.getByTestId('train-toggle').click();
    await page.waitForSelector('[data-testid="train-state"]:text-is("paused")');
    expect(editor?.pageErrors).toEqual([]);
  }, 150_000);

  it('measures class shares and FID of the fashion GAN with the served classifier, charted over training', async () => {
    // A missing classifier file is answered with the command that makes it.
    const missing = await page.evaluate(async () => {
      const response = await fetch('/data/classifiers/nothing/model.json');
      return { status: response.status, text: await response.text() };
    });
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('npm run classifiers');
    // The real one is there (`npm test` trains it first, in its pretest step).
    const served = await page.evaluate(
      async () => (await fetch('/data/classifiers/fashion/model.json')).status,
    );
    expect(served, 'data/classifiers/fashion is missing: run `npm run classifiers`').toBe(200);

    const doc = JSON.parse(
      readFileSync(join(REPO_ROOT, 'graphs/gan-fashion-dense.json'), 'utf8'),
    ) as GraphDocument;
    const metric = { dataset: 'fashion', samples: 200, every: 15 };
    const added: GraphDocument = {
      ...doc,
      nodes: [
        ...doc.nodes,
        { id: 'shares', type: 'metric.class-shares', params: metric, position: { x: 1500, y: 450 } },
        { id: 'fid', type: 'metric.fid', params: metric, position: { x: 1500, y: 750 } },
      ],
      edges: [
        ...doc.edges,
        { id: 'g-shares', from: { node: 'gOut', port: 'out' }, to: { node: 'shares', port: 'images' } },
        { id: 'g-fid', from: { node: 'gOut', port: 'out' }, to: { node: 'fid', port: 'images' } },
      ],
    };
    await page.evaluate((next) => {
      const store = (
        globalThis as {
          __latentLabStore?: { getState(): { replaceDocument(d: unknown, l: string, f: null): void } };
        }
      ).__latentLabStore;
      store?.getState().replaceDocument(next, 'fashion GAN with sample metrics', null);
    }, added);
    await node('shares').waitFor();
    if ((await page.getByTestId('charts-toggle').getAttribute('aria-pressed')) !== 'true') {
      await page.getByTestId('charts-toggle').click();
    }
    await page.getByTestId('train-toggle').click();
    const histogram = node('shares').locator('canvas[data-port="view"][data-kind="class-shares"]');
    await histogram.waitFor({ timeout: 90_000 });
    // A second FID value arrives after `every` more iterations.
    const chartedFids = () =>
      page.evaluate(() => {
        const charts = (globalThis as { __latentLabCharts?: Record<string, { data: unknown[][] }> })
          .__latentLabCharts;
        return (charts?.['sample:fid']?.data[1] ?? []).filter((v): v is number => typeof v === 'number');
      });
    let fids: number[] = [];
    for (let waited = 0; waited < 120 && fids.length < 2; waited++) {
      await page.waitForTimeout(1000);
      fids = await chartedFids();
    }
    if (fids.length < 2) {
      const charts = await page.evaluate(() =>
        Object.keys((globalThis as { __latentLabCharts?: object }).__latentLabCharts ?? {}),
      );
      const notes = await page.getByTestId('node-note').allTextContents();
      console.log(`after 120 s: iteration ${await iteration()}, charts ${charts.join(', ')}, notes ${notes}`);
    }
    await page.getByTestId('train-toggle').click();
    await page.waitForSelector('[data-testid="train-state"]:text-is("paused")');
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await page.waitForTimeout(300);
    await screenshot('fashion');
    await page.getByTestId('charts-toggle').click();
    await bringIntoView('shares', 4);
    await screenshot('shares');
    await node('shares').locator('.node-view-button').click();
    const table = page.locator('.preview-modal').getByTestId('class-shares-table');
    expect(await table.locator('li').count()).toBe(10);
    expect(await table.textContent()).toContain('Ankle boot');
    await screenshot('shares-enlarged');
    await page.keyboard.press('Escape');
    // The ring's map on dLoss was forgotten when this graph (whose D sees images) was loaded.
    expect(await node('dLoss').getByTestId('node-view').count()).toBe(0);

    expect(fids.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    expect(await node('shares').getByTestId('class-shares-key').textContent()).toMatch(
      /Most: .+ \(\d+%\)\. Used: \d+ of 10 classes/,
    );
    expect(await page.getByTestId('node-note').count()).toBe(0);
    expect(await node('shares').getByTestId('loss-value').textContent()).toMatch(/^\d/);
    expect(editor?.pageErrors).toEqual([]);
  }, 240_000);
});
