// The editor in real Chromium: build Dataset → Flatten → Dense from the palette and see the shapes,
// a wrong connection refused with its reason, a bad param refused, undo and redo, a network made
// from a box selection, the quick-add menu, each preset from the gallery without errors, a broken
// file opened with its warnings, and render counts that show one edit does not redraw every node.
// Screenshots go to test-results/e2e/.

import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorSession, openEditor, REPO_ROOT, SCREENSHOT_DIR } from './harness';

let editor: EditorSession | undefined;
let page: Page;
let consoleErrors: string[] = [];

beforeAll(async () => {
  editor = await openEditor();
  page = editor.page;
  consoleErrors = editor.consoleErrors;
});

afterAll(async () => {
  await editor?.close();
});

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `editor-${name}.png`) });
}

/** The canvas id of the one node of a type (the store makes ids; the tests know types). */
async function nodeIdOf(type: string): Promise<string> {
  const id = await page
    .locator(`.react-flow__node:has(.graph-node[data-node-type="${type}"])`)
    .first()
    .getAttribute('data-id');
  if (id === null) throw new Error(`no ${type} node on the canvas`);
  return id;
}

const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const handle = (id: string, port: string, side: 'source' | 'target') =>
  node(id).locator(`.react-flow__handle-${side === 'source' ? 'right' : 'left'}[data-handleid="${port}"]`);
const outputType = (id: string, port = 'out') =>
  node(id).locator(`.node-port[data-port="${port}"] .node-port-type`).textContent();

async function centre(locator: ReturnType<Page['locator']>): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses on one port, moves over another in steps (as a hand would), and lets go unless told. */
async function dragPort(from: ReturnType<Page['locator']>, to: ReturnType<Page['locator']>, release = true) {
  const a = await centre(from);
  const b = await centre(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 10, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  if (release) await page.mouse.up();
}

async function dropFromPalette(type: string, x: number, y: number): Promise<void> {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no canvas');
  await page
    .locator(`.palette-option[data-type="${type}"]`)
    .dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
}

const docStats = () =>
  page.evaluate(() => {
    const store = (
      globalThis as {
        __latentLabStore?: {
          getState(): { doc: { nodes: unknown[]; edges: unknown[]; networks: { name: string }[] } };
        };
      }
    ).__latentLabStore;
    const doc = store?.getState().doc;
    return {
      nodes: doc?.nodes.length ?? -1,
      edges: doc?.edges.length ?? -1,
      networks: doc?.networks.map((n) => n.name) ?? [],
    };
  });

async function openPreset(id: string): Promise<void> {
  await page.getByRole('button', { name: 'Gallery' }).click();
  await page.locator(`[data-preset="${id}"]`).click();
  await page.locator('.gallery-dialog').waitFor({ state: 'detached' });
  await page.locator('.react-flow__node-graph').first().waitFor();
  await page.waitForTimeout(400);
}

describe('editor in Chromium', () => {
  it('opens cross-origin isolated with toolbar, palette, canvas, inspector and problems', async () => {
    expect(await page.title()).toBe('Latent Lab');
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    expect(await page.getByRole('toolbar', { name: 'Editor toolbar' }).count()).toBe(1);
    expect(await page.locator('.palette-option').count()).toBeGreaterThan(20);
    expect(await page.locator('.inspector').count()).toBe(1);
    expect(await page.locator('.problems').count()).toBe(1);
    expect(consoleErrors).toEqual([]);
    await screenshot('empty');
  });

  it('builds Dataset → Flatten → Dense from the palette and shows vector [B,64] on the dense output', async () => {
    await dropFromPalette('source.dataset', 100, 200);
    await dropFromPalette('layer.flatten', 400, 200);
    await dropFromPalette('layer.dense', 700, 200);
    expect((await docStats()).nodes).toBe(3);
    const data = await nodeIdOf('source.dataset');
    const flatten = await nodeIdOf('layer.flatten');
    const dense = await nodeIdOf('layer.dense');
    // Unconnected inputs are errors on their port, and the card is outlined.
    expect(await node(dense).locator('.graph-node.has-error').count()).toBe(1);

    await dragPort(handle(data, 'images', 'source'), handle(flatten, 'in', 'target'));
    await dragPort(handle(flatten, 'out', 'source'), handle(dense, 'in', 'target'));
    expect((await docStats()).edges).toBe(2);
    expect(await outputType(data, 'images')).toBe('image [B,28,28,1]');
    expect(await outputType(flatten)).toBe('vector [B,784]');
    expect(await outputType(dense)).toBe('vector [B,64]');
    expect(await node(dense).locator('.graph-node.has-error').count()).toBe(0);
    expect(await page.locator('.edge-shape').allTextContents()).toContain('[B,784]');
    await screenshot('built');
  });

  it('refuses labels into a dense layer and shows the reason beside the cursor while dragging', async () => {
    const data = await nodeIdOf('source.dataset');
    const dense = await nodeIdOf('layer.dense');
    await dragPort(handle(data, 'labels', 'source'), handle(dense, 'in', 'target'), false);
    const hint = page.locator('[data-testid="connection-hint"]');
    await hint.waitFor();
    expect(await hint.getAttribute('class')).toContain('refused');
    expect(await hint.textContent()).toMatch(/label/i);
    await screenshot('refused-connection');
    await page.mouse.up();
    expect((await docStats()).edges).toBe(2);
    expect(await hint.count()).toBe(0);
  });

  it('refuses a bad param typed in the inspector with its message, then undoes and redoes a good one', async () => {
    const dense = await nodeIdOf('layer.dense');
    await node(dense).locator('.graph-node-header').click();
    const units = page.locator('.inspector .param-field[data-param="units"]');
    await units.locator('input').fill('-5');
    await units.locator('input').press('Enter');
    expect(await units.locator('.param-message').textContent()).toMatch(/minimum/);
    expect(await outputType(dense)).toBe('vector [B,64]');
    await screenshot('bad-param');

    await units.locator('input').fill('32');
    await units.locator('input').press('Enter');
    expect(await outputType(dense)).toBe('vector [B,32]');
    expect(await page.getByTestId('undo').getAttribute('aria-label')).toMatch(/^Undo /);
    await page.getByTestId('undo').click();
    expect(await outputType(dense)).toBe('vector [B,64]');
    await page.getByTestId('redo').click();
    expect(await outputType(dense)).toBe('vector [B,32]');
  });

  it('moves a node by dragging as one undo step', async () => {
    const flatten = await nodeIdOf('layer.flatten');
    const before = await node(flatten).boundingBox();
    const header = await centre(node(flatten).locator('.graph-node-header'));
    await page.mouse.move(header.x, header.y);
    await page.mouse.down();
    await page.mouse.move(header.x + 30, header.y + 60, { steps: 8 });
    await page.mouse.move(header.x + 60, header.y + 120, { steps: 8 });
    await page.mouse.up();
    const after = await node(flatten).boundingBox();
    expect(Math.round((after?.y ?? 0) - (before?.y ?? 0))).toBeGreaterThan(100);
    expect(await page.getByTestId('undo').getAttribute('aria-label')).toBe(`Undo Move ${flatten}`);
    await page.getByTestId('undo').click();
    const back = await node(flatten).boundingBox();
    expect(Math.abs((back?.y ?? 0) - (before?.y ?? 0))).toBeLessThan(1);
  });

  it('makes a network from a box selection, renames it, and collapses it to its boundary ports', async () => {
    const flatten = await nodeIdOf('layer.flatten');
    const dense = await nodeIdOf('layer.dense');
    const a = await node(flatten).boundingBox();
    const b = await node(dense).boundingBox();
    if (!a || !b) throw new Error('nodes not drawn');
    await page.keyboard.down('Shift');
    await page.mouse.move(a.x - 20, Math.min(a.y, b.y) - 20);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width + 20, Math.max(a.y + a.height, b.y + b.height) + 20, { steps: 10 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    expect(await page.locator('.react-flow__node-graph.selected').count()).toBe(2);

    await page.getByRole('toolbar').getByRole('button', { name: 'Make network' }).click();
    const frame = page.locator('.react-flow__node-frame');
    await frame.waitFor();
    expect((await docStats()).networks).toHaveLength(1);
    // The box selection may have panned the view; bring everything back into sight.
    await page.getByRole('toolbar').getByRole('button', { name: 'Fit view' }).click();
    await page.waitForTimeout(300);
    await screenshot('network-made');
    await frame.locator('.frame-name').dblclick();
    await frame.locator('input[aria-label="Network name"]').fill('Encoder');
    await frame.locator('input[aria-label="Network name"]').press('Enter');
    expect(await frame.locator('.frame-name').textContent()).toBe('Encoder');
    expect((await docStats()).networks).toEqual(['Encoder']);
    await screenshot('network');

    // Dragging the frame's title bar moves its members, as one undo step.
    const memberBefore = await node(flatten).boundingBox();
    const title = await centre(frame.locator('.frame-count'));
    await page.mouse.move(title.x, title.y);
    await page.mouse.down();
    await page.mouse.move(title.x + 20, title.y + 40, { steps: 6 });
    await page.mouse.move(title.x + 40, title.y + 80, { steps: 6 });
    await page.mouse.up();
    const memberAfter = await node(flatten).boundingBox();
    expect(Math.round((memberAfter?.y ?? 0) - (memberBefore?.y ?? 0))).toBeGreaterThan(40);
    expect(await page.getByTestId('undo').getAttribute('aria-label')).toBe('Undo Move 2 nodes');

    await frame.getByRole('button', { name: 'Collapse network Encoder' }).click();
    const collapsed = page.locator('.react-flow__node-collapsed');
    await collapsed.waitFor();
    expect(await node(flatten).isVisible()).toBe(false);
    // The network takes images from outside and offers the dense output: its boundary ports.
    expect(await collapsed.locator('.node-port.input').count()).toBe(1);
    expect(await collapsed.locator('.node-port.output .node-port-type').textContent()).toBe('vector [B,32]');
    await screenshot('collapsed');
    await collapsed.getByRole('button', { name: 'Expand network Encoder' }).click();
    await frame.waitFor();
    expect(await node(flatten).isVisible()).toBe(true);
  });

  it('offers only fitting node types when a connection is dropped on empty canvas, and connects the pick', async () => {
    const dense = await nodeIdOf('layer.dense');
    const pane = await page.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no canvas');
    const from = await centre(handle(dense, 'out', 'source'));
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(pane.x + 260, pane.y + pane.height - 140, { steps: 10 });
    await page.mouse.up();
    const menu = page.locator('.quick-add');
    await menu.waitFor();
    expect(await menu.getAttribute('aria-label')).toBe('Add node that takes a tensor input');
    // Nothing that only takes losses (an optimizer) is offered for a tensor output.
    expect(await menu.locator('.quick-add-option[data-type="optimizer.adam"]').count()).toBe(0);
    expect(await menu.locator('.quick-add-option[data-type="loss.mse"]').count()).toBe(1);
    await screenshot('quick-add');
    await menu.locator('.quick-add-option[data-type="loss.mse"]').click();
    await menu.waitFor({ state: 'detached' });
    const loss = await nodeIdOf('loss.mse');
    expect((await docStats()).edges).toBe(3);
    expect(await page.locator(`.react-flow__edge[data-id*="${loss}"]`).count()).toBe(1);
    // Delete removes the selected node with its edge; Ctrl+Z brings both back.
    await node(loss).locator('.graph-node-header').click();
    await page.keyboard.press('Delete');
    expect(await docStats()).toMatchObject({ nodes: 3, edges: 2, networks: ['Encoder'] });
    await page.keyboard.press('Control+z');
    expect(await docStats()).toMatchObject({ nodes: 4, edges: 3 });

    await page.mouse.dblclick(pane.x + 60, pane.y + 60);
    await menu.waitFor();
    expect(await menu.getAttribute('aria-label')).toBe('Add node');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
  });

  it('redraws only the moved node on a drag and only the edited node on a param change', async () => {
    await openPreset('vae');
    const counts = () =>
      page.evaluate(() => ({
        ...(globalThis as { __latentLabRenders?: Record<string, number> }).__latentLabRenders,
      }));
    const reset = () =>
      page.evaluate(() => void ((globalThis as { __latentLabRenders?: object }).__latentLabRenders = {}));
    const nodeCount = await page.locator('.react-flow__node-graph').count();
    expect(nodeCount).toBe(14);

    await reset();
    const prior = await centre(node('prior').locator('.graph-node-header'));
    await page.mouse.move(prior.x, prior.y);
    await page.mouse.down();
    await page.mouse.move(prior.x + 40, prior.y + 40, { steps: 10 });
    await page.mouse.up();
    const afterDrag = await counts();
    expect(Object.keys(afterDrag)).toEqual(['prior']);

    await node('kl').locator('.graph-node-header').click();
    await reset();
    const weight = page.locator('.inspector .param-field[data-param="weight"] input');
    await weight.fill('2');
    await weight.press('Enter');
    await node('kl').locator('.graph-node-params li.changed').first().waitFor();
    const afterEdit = await counts();
    expect(Object.keys(afterEdit)).toEqual(['kl']);
    console.log(`render counts: drag of 1 of ${nodeCount} nodes ->`, afterDrag, '; param edit ->', afterEdit);
    await page.getByTestId('undo').click();
    await page.getByTestId('undo').click();
  });

  it('lays the graph out as one undo step', async () => {
    const before = await page.getByTestId('undo').getAttribute('aria-label');
    await page.getByRole('button', { name: 'Auto layout' }).click();
    await page.waitForFunction(
      (label) => document.querySelector('[data-testid="undo"]')?.getAttribute('aria-label') !== label,
      before,
    );
    expect(await page.getByTestId('undo').getAttribute('aria-label')).toMatch(/^Undo Move \d+ nodes$/);
    await page.waitForTimeout(400);
    const boxes = await page
      .locator('.react-flow__node-graph')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    const overlaps = boxes.filter((a, i) =>
      boxes.some(
        (b, j) => j > i && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom,
      ),
    );
    expect(overlaps).toEqual([]);
    await screenshot('vae-laid-out');
  });

  it('opens each preset from the gallery with no errors', async () => {
    await page.getByRole('button', { name: 'Gallery' }).click();
    const ids = await page
      .locator('[data-preset]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-preset') ?? ''));
    await page.keyboard.press('Escape');
    // Lecture order: the stacked autoencoder, then the VAE, then the GAN (other presets fall between).
    const firstThree = ['stacked-autoencoder', 'vae', 'gan-ring'];
    expect(ids.filter((id) => firstThree.includes(id))).toEqual(firstThree);
    for (const id of ids) {
      await openPreset(id);
      expect(await page.locator('.graph-node.has-error').count(), id).toBe(0);
      expect(await page.getByTestId('no-problems').count(), id).toBe(1);
      await screenshot(`preset-${id}`);
      if (id === 'stacked-autoencoder') {
        expect(await outputType('data', 'images')).toBe('image [B,28,28,1]');
        expect(await outputType('coding')).toBe('vector [B,32]');
        expect(await outputType('image')).toBe('image [B,28,28,1]');
        expect(await page.locator('.react-flow__node-frame .frame-name').allTextContents()).toEqual([
          'Encoder',
          'Decoder',
        ]);
      }
      if (id === 'vae') {
        expect(await outputType('sample')).toBe('vector [B,16]');
        expect(await node('generate').getByTestId('applies').textContent()).toBe('applies Decoder');
        expect(await node('adam').getByTestId('trains').textContent()).toBe(
          'trains Decoder, Encoder (all upstream)',
        );
      }
      if (id === 'gan-ring') {
        expect(await outputType('gOut')).toBe('vector [B,2]');
        expect(await outputType('dFake')).toBe('vector [B,1]');
      }
    }
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await screenshot('dark');
    expect(consoleErrors).toEqual([]);
  });

  it('has no serious or critical accessibility problems (axe) in either theme', async () => {
    await openPreset('vae');
    await node('kl').locator('.graph-node-header').click();
    await page.addScriptTag({
      content: await readFile(join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'),
    });
    for (const theme of ['light', 'dark'] as const) {
      await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
      const found = await page.evaluate(async () => {
        const axe = (globalThis as { axe?: { run(context: Document): Promise<AxeResults> } }).axe;
        interface AxeResults {
          violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
        }
        const results = await axe?.run(document);
        return (results?.violations ?? [])
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      expect(found, theme).toEqual([]);
    }
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
  });

  it('opens a broken file with warnings naming the node and field, and draws the rest', async () => {
    const graph = JSON.parse(await readFile(join(REPO_ROOT, 'graphs/stacked-autoencoder.json'), 'utf8'));
    for (const item of graph.nodes) {
      if (item.id === 'enc1') item.type = 'layer.mystery';
      if (item.id === 'coding') item.params.units = -5;
    }
    const path = join(tmpdir(), `broken-autoencoder-${process.pid}.json`);
    await writeFile(path, JSON.stringify(graph));
    try {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Open…' }).click();
      await (await chooser).setFiles(path);
      const notice = page.locator('.file-notice[data-kind="load"]');
      await notice.waitFor();
      const warnings = await notice.locator('li').allTextContents();
      expect(warnings.some((w) => w.includes('node "enc1"') && w.includes('"layer.mystery"'))).toBe(true);
      expect(warnings.some((w) => w.includes('node "coding"') && w.includes('param "units"'))).toBe(true);
      // The unknown node is dropped and the rest drawn; the gap it left shows on the next layer.
      expect(await node('enc1').count()).toBe(0);
      expect(await outputType('flatten')).toBe('vector [B,784]');
      expect(await node('coding').locator('.graph-node.has-error').count()).toBe(1);
      expect(await node('coding').locator('.issue-line.error').first().textContent()).toContain(
        'not connected',
      );
      await screenshot('broken-file');
    } finally {
      await rm(path, { force: true });
    }
    expect(consoleErrors).toEqual([]);
  });
});
