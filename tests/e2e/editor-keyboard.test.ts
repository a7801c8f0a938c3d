// Wiring a graph with the keyboard alone in real Chromium: nodes added from the palette search, a
// node reached with Tab, its ports joined through the Connect menu (Shift+C), a refused port shown
// with its reason, and the menu free of serious accessibility problems in both themes.
// Screenshots go to test-results/e2e/.

import { readFile } from 'node:fs/promises';
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

interface StoreView {
  nodes: { id: string; type: string }[];
  edges: { from: { node: string; port: string }; to: { node: string; port: string } }[];
  undo: string | undefined;
}

const storeView = (): Promise<StoreView> =>
  page.evaluate(() => {
    const store = (
      globalThis as {
        __latentLabStore?: {
          getState(): { doc: Omit<StoreView, 'undo'>; past: { label: string }[] };
        };
      }
    ).__latentLabStore;
    if (!store) throw new Error('the store is not exposed');
    const { doc, past } = store.getState();
    return { nodes: doc.nodes, edges: doc.edges, undo: past.at(-1)?.label };
  });

const idOfType = async (type: string): Promise<string> => {
  const id = (await storeView()).nodes.find((n) => n.type === type)?.id;
  if (id === undefined) throw new Error(`no ${type} node`);
  return id;
};

const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const menu = () => page.getByTestId('connect-menu');
const focusedNodeId = () =>
  page.evaluate(() => document.activeElement?.closest('.react-flow__node')?.getAttribute('data-id') ?? null);

/** Types into the palette search (focused with "/") and adds the first match with Enter. */
async function addFromPalette(query: string): Promise<void> {
  const inSearch = await page.evaluate(() => document.activeElement?.classList.contains('palette-search'));
  // "/" focuses the search from anywhere but the search itself, where it would be typed.
  if (!inSearch) await page.keyboard.press('/');
  await page.keyboard.type(query);
  await page.keyboard.press('Enter');
  // Escape empties the search field (and stays in it).
  await page.keyboard.press('Escape');
}

/** Presses Tab until the node has focus; fails after `limit` presses. */
async function tabTo(id: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if ((await focusedNodeId()) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached node ${id}`);
}

async function seriousAxeProblems(): Promise<string[]> {
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

describe('connecting ports with the keyboard', () => {
  it('lists the Connect shortcut in the help overlay', async () => {
    await page.keyboard.press('?');
    const help = page.locator('dialog.shortcut-help');
    await help.waitFor();
    expect(await help.textContent()).toContain('Connect a port of the focused or selected node');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
  });

  it('adds a dataset and a flatten layer from the palette search and lays them out', async () => {
    await addFromPalette('Dataset');
    await addFromPalette('Flatten');
    // Out of the search field (Shift+L there would type an L), then lay out and fit.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+L');
    await page.waitForFunction(() =>
      /^Undo Move/.test(document.querySelector('[data-testid="undo"]')?.getAttribute('aria-label') ?? ''),
    );
    await page.keyboard.press('Shift+Digit1');
    const view = await storeView();
    expect(view.nodes.map((n) => n.type).sort()).toEqual(['layer.flatten', 'source.dataset']);
    expect(view.edges).toEqual([]);
  });

  it('connects the dataset images to the flatten input from the menu, as one undo step', async () => {
    const data = await idOfType('source.dataset');
    const flatten = await idOfType('layer.flatten');
    await tabTo(data);
    await page.keyboard.press('Shift+C');
    await menu().waitFor();
    expect(await menu().getAttribute('aria-label')).toBe(`Connect a port of Dataset ${data}`);
    // The dataset's ports: its outputs images and labels.
    const ports = menu().getByRole('option');
    expect(await ports.evaluateAll((els) => els.map((e) => e.getAttribute('data-port')))).toEqual([
      'images',
      'labels',
    ]);
    await page.keyboard.press('Enter');
    const search = menu().getByRole('combobox', { name: 'Filter nodes and ports' });
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('flat');
    const option = menu().locator(`[role="option"][data-node="${flatten}"][data-port="in"]`);
    expect(await option.getAttribute('aria-disabled')).toBe('false');
    expect(await option.getAttribute('aria-selected')).toBe('true');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'editor-keyboard-connect-light.png') });

    const before = await storeView();
    await page.keyboard.press('Enter');
    await menu().waitFor({ state: 'detached' });
    const after = await storeView();
    expect(after.edges).toEqual([
      expect.objectContaining({ from: { node: data, port: 'images' }, to: { node: flatten, port: 'in' } }),
    ]);
    expect(after.undo).toBe(`Connect ${data} to ${flatten}`);
    // The inferred shape shows on the card and in the status line; focus is back on the node.
    expect(await node(flatten).locator('.node-port[data-port="out"] .node-port-type').textContent()).toBe(
      'vector [B,784]',
    );
    expect(await page.getByTestId('connect-status').textContent()).toBe(
      `Connected images of ${data} to in of ${flatten}: image [B,28,28,1]`,
    );
    expect(await focusedNodeId()).toBe(data);
    await page.keyboard.press('Control+z');
    expect((await storeView()).edges).toEqual(before.edges);
    await page.keyboard.press('Control+Shift+Z');
    expect((await storeView()).edges).toHaveLength(1);
  });

  it('lists a port of the wrong kind as refused with its reason, and Enter on it connects nothing', async () => {
    const data = await idOfType('source.dataset');
    const flatten = await idOfType('layer.flatten');
    await page.keyboard.press('Shift+C');
    await menu().waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await menu().locator('[role="option"][aria-selected="true"]').getAttribute('data-port')).toBe(
      'labels',
    );
    await page.keyboard.press('Enter');
    await page.keyboard.type(flatten);
    const option = menu().locator(`[role="option"][data-node="${flatten}"][data-port="in"]`);
    expect(await option.getAttribute('aria-disabled')).toBe('true');
    expect(await option.textContent()).toMatch(/refused: .*takes a tensor.*carries labels/);

    const before = await storeView();
    await page.keyboard.press('Enter');
    expect(await menu().getByRole('alert').textContent()).toMatch(/takes a tensor/);
    expect((await storeView()).edges).toEqual(before.edges);

    await page.addScriptTag({
      content: await readFile(join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'),
    });
    for (const theme of ['light', 'dark'] as const) {
      // The theme is switched through the store, which leaves the menu (and the focus in it) open.
      await page.evaluate((choice) => {
        const store = (globalThis as { __latentLabStore?: { getState(): { setTheme(t: string): void } } })
          .__latentLabStore;
        store?.getState().setTheme(choice);
      }, theme);
      await page.waitForTimeout(150);
      await menu().waitFor();
      expect(await seriousAxeProblems(), theme).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `editor-keyboard-refused-${theme}.png`) });
    }
    await page.keyboard.press('Escape');
    await menu().waitFor({ state: 'detached' });
    expect(await focusedNodeId()).toBe(data);
    expect(consoleErrors).toEqual([]);
  });
});
