// The first page in real Chromium: presets in lecture order with their inferred types, cross-origin
// isolation, and a broken graph file that shows its warnings beside the rest of the graph.

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, REPO_ROOT, SCREENSHOT_DIR, startApp, type Browser } from './harness';

let server: ViteDevServer | undefined;
let browser: Browser | undefined;
let page: Page;
let fileDir: string | undefined;
const consoleErrors: string[] = [];

beforeAll(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  fileDir = await mkdtemp(join(tmpdir(), 'latent-lab-files-'));
  // Chromium first: when it is missing the file fails at once with how to install it.
  browser = await launchChromium();
  const app = await startApp();
  server = app.server;
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await page.goto(app.url);
  await page.locator('article.graph').waitFor();
});

afterAll(async () => {
  // Each step runs even when an earlier one failed, so nothing is left running.
  await browser?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  if (fileDir !== undefined) await rm(fileDir, { recursive: true, force: true });
});

async function showPreset(id: string): Promise<void> {
  await page.locator(`button[data-preset="${id}"]`).click();
  await page.locator(`article.graph[data-source="preset graphs/${id}.json"]`).waitFor();
}

const portType = (node: string, port: string) =>
  page.locator(`tr[data-node="${node}"] li[data-port="${port}"] .port-type`).textContent();

const networkOf = async (node: string) =>
  (await page.locator(`tr[data-node="${node}"] td:nth-child(4)`).textContent())?.trim();

async function screenshot(name: string): Promise<void> {
  // Away from the preset list, so no hover outline looks like a selection in the picture.
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

describe('preset page in Chromium', () => {
  it('loads cross-origin isolated, titled Latent Lab, with no console errors', async () => {
    expect(await page.title()).toBe('Latent Lab');
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    expect(await page.locator('h1').textContent()).toBe('Latent Lab');
    expect(consoleErrors).toEqual([]);
  });

  it('lists the presets in lecture order with their titles and descriptions', async () => {
    const ids = await page
      .locator('button[data-preset]')
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-preset')));
    const known = ids.filter((id) => id === 'stacked-autoencoder' || id === 'vae' || id === 'gan-ring');
    expect(known).toEqual(['stacked-autoencoder', 'vae', 'gan-ring']);
    const vae = page.locator('button[data-preset="vae"]');
    expect(await vae.locator('.preset-title').textContent()).toBe('Variational autoencoder (MNIST)');
    expect(await vae.locator('.preset-description').textContent()).toContain('reparameterised sample');
  });

  it('shows the stacked autoencoder with its coding and reconstruction types and no problems', async () => {
    await showPreset('stacked-autoencoder');
    expect(await portType('data', 'images')).toBe('image [B,28,28,1]');
    expect(await portType('coding', 'out')).toBe('vector [B,32]');
    expect(await portType('image', 'out')).toBe('image [B,28,28,1]');
    expect(await networkOf('coding')).toBe('Encoder');
    expect(await networkOf('image')).toBe('Decoder');
    expect(await page.locator('tr[data-node="image"] td:nth-child(3)').textContent()).toBe('Reshape');
    const order = await page.locator('tr[data-node]').evaluateAll((rows) => rows.map((r) => r.dataset.node));
    expect(order.indexOf('coding')).toBeLessThan(order.indexOf('dec1'));
    expect(await page.locator('[data-testid="no-problems"]').count()).toBe(1);
    await screenshot('stacked-autoencoder');
  });

  it('shows the VAE sampling a 16-dimensional coding and applying the decoder to the prior', async () => {
    await showPreset('vae');
    expect(await portType('mu', 'out')).toBe('vector [B,16]');
    expect(await portType('sample', 'out')).toBe('vector [B,16]');
    expect(await portType('generate', 'out')).toBe('image [B,28,28,1]');
    expect(await networkOf('generate')).toBe('applies Decoder');
    expect(await page.locator('[data-testid="no-problems"]').count()).toBe(1);
    await screenshot('vae');
  });

  it('shows the GAN generator making 2-D points and no problems', async () => {
    await showPreset('gan-ring');
    expect(await portType('gOut', 'out')).toBe('vector [B,2]');
    expect(await portType('real', 'points')).toBe('vector [B,2]');
    expect(await portType('dFake', 'out')).toBe('vector [B,1]');
    expect(await networkOf('gOut')).toBe('Generator');
    expect(await page.locator('[data-testid="no-problems"]').count()).toBe(1);
    expect(consoleErrors).toEqual([]);
    await screenshot('gan-ring');
  });

  it('opens a broken file with warnings naming the node and field, and still shows the rest', async () => {
    const graph = JSON.parse(await readFile(join(REPO_ROOT, 'graphs/stacked-autoencoder.json'), 'utf8'));
    for (const node of graph.nodes) {
      if (node.id === 'enc1') node.type = 'layer.mystery';
      if (node.id === 'coding') node.params.units = -5;
    }
    const path = join(fileDir ?? tmpdir(), 'broken-autoencoder.json');
    await writeFile(path, JSON.stringify(graph));
    await page.locator('input[type="file"]').setInputFiles(path);
    await page.locator('article.graph[data-source="file broken-autoencoder.json"]').waitFor();

    const warnings = await page.locator('.load-warning').allTextContents();
    expect(warnings.some((w) => w.includes('node "enc1"') && w.includes('"layer.mystery"'))).toBe(true);
    expect(warnings.some((w) => w.includes('node "coding"') && w.includes('param "units"'))).toBe(true);
    // The loader dropped the unknown node and kept the rest, so inference names the gap it left.
    expect(await page.locator('tr[data-node="enc1"]').count()).toBe(0);
    expect(await portType('flatten', 'out')).toBe('vector [B,784]');
    expect(await page.locator('tr[data-node="image"]').count()).toBe(1);
    expect(await page.locator('.issue.error[data-node="coding"]').textContent()).toContain('not connected');
    expect(await page.locator('[data-testid="no-problems"]').count()).toBe(0);
    await screenshot('broken-file');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot('broken-file-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('opens a file that is not JSON as an empty graph with a warning, not a blank page', async () => {
    const path = join(fileDir ?? tmpdir(), 'notes.json');
    await writeFile(path, 'this is not a graph {');
    await page.locator('input[type="file"]').setInputFiles(path);
    await page.locator('article.graph[data-source="file notes.json"]').waitFor();
    expect(await page.locator('.load-warning[data-code="NOT_JSON"]').count()).toBe(1);
    expect(await page.locator('.graph .empty').textContent()).toBe('This graph has no nodes.');
    expect(await page.locator('button[data-preset]').count()).toBeGreaterThanOrEqual(3);
    expect(consoleErrors).toEqual([]);
  });
});
