// Autosave and Save in real Chromium: an edit reaches IndexedDB within a second, a reload brings the
// graph back with the "Restored your graph" notice, "Start empty" clears it as an undoable step, and
// Save downloads the canonical JSON of exactly the document being edited.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { toCanonicalJson } from '../../src/core/graph/canonical';
import type { GraphDocument } from '../../src/core/graph/document';
import { loadGraph } from '../../src/core/graph/load';
import { AUTOSAVE_KEY } from '../../src/app/files/autosave-model';
import { type EditorSession, openEditor, SCREENSHOT_DIR } from './harness';

let editor: EditorSession | undefined;
let page: Page;
let consoleErrors: string[] = [];
/** The edited document as it stood before the reload, in canonical form. */
let editedText = '';

beforeAll(async () => {
  editor = await openEditor();
  page = editor.page;
  consoleErrors = editor.consoleErrors;
});

afterAll(async () => {
  await editor?.close();
});

const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const outputType = (id: string, port = 'out') =>
  node(id).locator(`.node-port[data-port="${port}"] .node-port-type`).textContent();
const restored = () => page.locator('.file-notice[data-kind="restored"]');

/** The document in the page's store (exposed in development builds), in canonical form. */
const storeText = async (): Promise<string> =>
  toCanonicalJson(
    await page.evaluate(() => {
      const store = (globalThis as { __latentLabStore?: { getState(): { doc: unknown } } }).__latentLabStore;
      if (!store) throw new Error('the store is not exposed');
      return store.getState().doc as GraphDocument;
    }),
  );

/** What idb-keyval holds under the autosave key, read with the plain IndexedDB API. */
const storedRecord = (): Promise<{ doc: GraphDocument; savedAt: number } | undefined> =>
  page.evaluate(
    (key) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('keyval-store');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('keyval', 'readonly').objectStore('keyval').get(key);
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            open.result.close();
            resolve(read.result as { doc: GraphDocument; savedAt: number } | undefined);
          };
        };
      }),
    AUTOSAVE_KEY,
  );

async function reload(): Promise<void> {
  await page.reload();
  await page.locator('.react-flow__pane').waitFor();
  // The restore is read from IndexedDB after the first render; give it a moment to land.
  await page.waitForTimeout(600);
}

describe('autosave and Save in Chromium', () => {
  it('writes an edit to IndexedDB within a second', async () => {
    await page.getByRole('button', { name: 'Gallery' }).click();
    await page.locator('[data-preset="stacked-autoencoder"]').click();
    await page.locator('.gallery-dialog').waitFor({ state: 'detached' });
    await node('coding').locator('.graph-node-header').click();
    const units = page.locator('.inspector .param-field[data-param="units"] input');
    await units.fill('16');
    const edited = Date.now();
    await units.press('Enter');
    expect(await outputType('coding')).toBe('vector [B,16]');
    editedText = await storeText();

    await page.waitForTimeout(1100);
    const record = await storedRecord();
    expect(record).toBeDefined();
    expect(toCanonicalJson(record?.doc as GraphDocument)).toBe(editedText);
    // Written after the edit, by the quiet-time timer rather than on leaving the page.
    expect(record?.savedAt).toBeGreaterThanOrEqual(edited);
    expect(record?.savedAt).toBeLessThan(edited + 1100);
  });

  it('brings the graph back on reload with the "Restored your graph" notice', async () => {
    await reload();
    await restored().waitFor();
    expect(await restored().textContent()).toMatch(/^Restored your graph from /);
    expect(await storeText()).toBe(editedText);
    expect(await outputType('coding')).toBe('vector [B,16]');
    expect(await page.locator('.react-flow__node-graph').count()).toBe(9);
    expect(await page.locator('.react-flow__node-frame .frame-name').allTextContents()).toEqual([
      'Encoder',
      'Decoder',
    ]);
    expect(await page.getByTestId('no-problems').count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'autosave-restored.png') });
  });

  it('"Start empty" gives an empty canvas, and Undo brings the restored graph back', async () => {
    await restored().getByRole('button', { name: 'Start empty' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length === 0);
    expect(await restored().count()).toBe(0);
    expect(await page.locator('.doc-title').textContent()).toBe('Untitled graph');
    expect(await page.getByTestId('undo').getAttribute('aria-label')).toBe('Undo New graph');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'autosave-start-empty.png') });

    await page.getByTestId('undo').click();
    await node('coding').waitFor();
    expect(await storeText()).toBe(editedText);
    expect(await outputType('coding')).toBe('vector [B,16]');
  });

  it('Save downloads the canonical JSON of the document, which loads in Node with no warnings', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('stacked-autoencoder.json');
    const text = await readFile(await file.path(), 'utf8');
    expect(text).toBe(editedText);
    const loaded = loadGraph(text, NODE_REGISTRY);
    expect(loaded.warnings).toEqual([]);
    expect(toCanonicalJson(loaded.doc)).toBe(text);
    expect(loaded.doc.nodes.find((n) => n.id === 'coding')?.params.units).toBe(16);
  });

  it('keeps an empty canvas after New and a reload, without a restore notice', async () => {
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length === 0);
    await page.waitForTimeout(1100);
    await reload();
    expect(await page.locator('.react-flow__node').count()).toBe(0);
    expect(await restored().count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
