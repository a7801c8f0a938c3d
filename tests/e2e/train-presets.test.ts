// Every preset in the gallery trains in the editor: opened from the gallery with a small batch,
// two presses of Step load it into the worker and train two iterations, after which its nodes show
// previews, every loss and metric on the canvas is a finite number, and nothing went wrong.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorSession, openEditor, openPreset, SCREENSHOT_DIR, setBatch } from './harness';

let editor: EditorSession | undefined;
let page: Page;

beforeAll(async () => {
  editor = await openEditor();
  page = editor.page;
});

afterAll(async () => {
  await editor?.close();
});

async function iteration(): Promise<number> {
  const text = (await page.getByTestId('train-iteration').textContent()) ?? '';
  return Number(/\d+/.exec(text)?.[0] ?? NaN);
}

async function stepTo(n: number): Promise<void> {
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.waitForFunction(
    (least) =>
      Number(
        /\d+/.exec(document.querySelector('[data-testid="train-iteration"]')?.textContent ?? '')?.[0] ?? 0,
      ) >= least || document.querySelector('[data-testid="training-message"].error') !== null,
    n,
    { timeout: 60_000 },
  );
}

describe('every gallery preset trains in the editor', () => {
  it('steps each preset twice and shows previews and finite losses on its nodes', async () => {
    await page.getByRole('button', { name: 'Gallery' }).click();
    const ids = await page
      .locator('[data-preset]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-preset') ?? ''));
    await page.keyboard.press('Escape');
    expect(ids.length).toBeGreaterThan(10);

    const trained: string[] = [];
    for (const id of ids) {
      await openPreset(page, id);
      await page.locator('.react-flow__node-graph').first().waitFor();

      // A small batch keeps every preset, convolutional GANs included, to a second or so per step.
      await setBatch(page, 16);

      await stepTo(1);
      await stepTo(2);
      const error = page.locator('[data-testid="training-message"].error');
      expect(await error.count(), `${id}: ${await error.allTextContents()}`).toBe(0);
      expect(await iteration(), id).toBe(2);
      expect(await page.locator('.port-preview').count(), id).toBeGreaterThan(0);
      const values = await page.getByTestId('loss-value').allTextContents();
      expect(values.length, id).toBeGreaterThan(0);
      for (const value of values) expect(Number.isFinite(Number(value)), `${id}: ${value}`).toBe(true);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `trained-${id}.png`) });
      trained.push(id);
    }
    expect(trained).toEqual(ids);
    expect(editor?.pageErrors).toEqual([]);
  }, 900_000);
});
