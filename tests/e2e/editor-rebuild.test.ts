// A student rebuilds the stacked autoencoder preset by hand in real Chromium, from an empty canvas and
// through the UI only: nodes from the palette (dragged, or searched and added with Enter at the
// cursor), edges drawn port to port with the mouse, params typed into the inspector, networks made
// from a selection. The shapes on the canvas guide each step; the saved file must infer exactly what
// graphs/stacked-autoencoder.json infers. The finished graph is written to test-results/e2e/.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { loadGraph } from '../../src/core/graph/load';
import { inferGraph } from '../../src/core/infer';
import { type EditorSession, openEditor, REPO_ROOT, SCREENSHOT_DIR } from './harness';

let editor: EditorSession | undefined;
let page: Page;
let consoleErrors: string[] = [];
/** Preset node id -> the id the editor gave the node built by hand for it. */
const built = new Map<string, string>();

beforeAll(async () => {
  editor = await openEditor();
  page = editor.page;
  consoleErrors = editor.consoleErrors;
});

afterAll(async () => {
  await editor?.close();
});

const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const handle = (id: string, port: string, side: 'source' | 'target') =>
  node(id).locator(`.react-flow__handle-${side === 'source' ? 'right' : 'left'}[data-handleid="${port}"]`);
const outputType = (id: string, port = 'out') =>
  node(id).locator(`.node-port[data-port="${port}"] .node-port-type`).textContent();
const param = (key: string) => page.locator(`.inspector .param-field[data-param="${key}"]`);
const idOf = (presetId: string): string => {
  const id = built.get(presetId);
  if (id === undefined) throw new Error(`${presetId} was not built yet`);
  return id;
};

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Canvas point (pixels from the pane's top-left corner) on the screen. */
async function onPane(x: number, y: number): Promise<{ x: number; y: number }> {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no canvas');
  return { x: pane.x + x, y: pane.y + y };
}

const canvasNodeIds = () =>
  page.locator('.react-flow__node-graph').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));

/** Runs a UI action that adds one node, checks its type, and remembers its id under the preset's id. */
async function adds(presetId: string, type: string, action: () => Promise<void>): Promise<string> {
  const before = new Set(await canvasNodeIds());
  await action();
  await page.waitForFunction(
    (n) => document.querySelectorAll('.react-flow__node-graph').length === n,
    before.size + 1,
  );
  const id = (await canvasNodeIds()).find((candidate) => candidate !== null && !before.has(candidate));
  if (id === undefined || id === null) throw new Error(`no new node for ${presetId}`);
  expect(await node(id).locator('.graph-node').getAttribute('data-node-type')).toBe(type);
  // A new node is selected, so the inspector shows its form.
  expect(await page.locator('.inspector .inspector-node').getAttribute('data-node')).toBe(id);
  built.set(presetId, id);
  return id;
}

const dragFromPalette = (presetId: string, type: string, x: number, y: number) =>
  adds(presetId, type, () =>
    page
      .locator(`.palette-option[data-type="${type}"]`)
      .dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } }),
  );

/** Points at the canvas, then types into the palette search and presses Enter: the node lands there. */
const searchAndEnter = (presetId: string, type: string, query: string, x: number, y: number) =>
  adds(presetId, type, async () => {
    const at = await onPane(x, y);
    await page.mouse.move(at.x, at.y);
    const search = page.locator('.palette-search');
    await search.fill(query);
    await search.press('Enter');
    await search.press('Escape');
  });

/** Presses on one port and lets go over another, moving in steps as a hand would. */
async function connect(from: Locator, to: Locator): Promise<void> {
  const a = await centre(from);
  const b = await centre(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 10, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  await page.mouse.up();
}

const wire = (from: string, fromPort: string, to: string, toPort: string) =>
  connect(handle(idOf(from), fromPort, 'source'), handle(idOf(to), toPort, 'target'));

async function typeParam(key: string, text: string): Promise<void> {
  const input = param(key).locator('input');
  await input.fill(text);
  await input.press('Enter');
  expect(await param(key).locator('.param-message').textContent()).toBe('');
}

async function select(presetId: string, shift = false): Promise<void> {
  if (shift) await page.keyboard.down('Shift');
  await node(idOf(presetId)).locator('.graph-node-header').click();
  if (shift) await page.keyboard.up('Shift');
}

async function makeNetwork(members: readonly string[], name: string): Promise<void> {
  for (const [i, member] of members.entries()) await select(member, i > 0);
  expect(await page.locator('.react-flow__node-graph.selected').count()).toBe(members.length);
  const before = await page.locator('.react-flow__node-frame').count();
  await page.getByRole('toolbar').getByRole('button', { name: 'Make network' }).click();
  const frame = page.locator('.react-flow__node-frame').nth(before);
  await frame.waitFor();
  await frame.locator('.frame-name').dblclick();
  await frame.locator('input[aria-label="Network name"]').fill(name);
  await frame.locator('input[aria-label="Network name"]').press('Enter');
  expect(await frame.locator('.frame-name').textContent()).toBe(name);
}

describe('rebuilding the stacked autoencoder by hand', () => {
  it('starts from an empty canvas', async () => {
    expect(await page.locator('.react-flow__node').count()).toBe(0);
    expect(await page.locator('.doc-title').textContent()).toBe('Untitled graph');
  });

  it('adds a Fashion-MNIST dataset and flattens its images to vector [B,784]', async () => {
    const data = await dragFromPalette('data', 'source.dataset', 110, 90);
    await param('dataset').locator('select').selectOption('fashion');
    expect(await node(data).locator('.graph-node-params').textContent()).toContain('fashion');
    expect(await outputType(data, 'images')).toBe('image [B,28,28,1]');

    const flatten = await searchAndEnter('flatten', 'layer.flatten', 'flatten', 340, 90);
    expect(await outputType(flatten)).toBe('?');
    await wire('data', 'images', 'flatten', 'in');
    expect(await outputType(flatten)).toBe('vector [B,784]');
  });

  it('encodes through dense 256 relu to a dense 32 relu coding, vector [B,32]', async () => {
    const enc1 = await dragFromPalette('enc1', 'layer.dense', 570, 90);
    await typeParam('units', '256');
    expect(await param('activation').locator('select').inputValue()).toBe('relu');
    await wire('flatten', 'out', 'enc1', 'in');
    expect(await outputType(enc1)).toBe('vector [B,256]');

    const coding = await searchAndEnter('coding', 'layer.dense', 'dense', 110, 290);
    await typeParam('units', '32');
    await wire('enc1', 'out', 'coding', 'in');
    expect(await outputType(coding)).toBe('vector [B,32]');
    expect(await page.locator('.edge-shape').allTextContents()).toContain('[B,256]');
  });

  it('decodes through dense 256 relu and dense 784 sigmoid, then reshapes to image [B,28,28,1]', async () => {
    const dec1 = await dragFromPalette('dec1', 'layer.dense', 340, 290);
    await typeParam('units', '256');
    await wire('coding', 'out', 'dec1', 'in');
    expect(await outputType(dec1)).toBe('vector [B,256]');

    const dec2 = await dragFromPalette('dec2', 'layer.dense', 570, 290);
    await typeParam('units', '784');
    await param('activation').locator('select').selectOption('sigmoid');
    await wire('dec1', 'out', 'dec2', 'in');
    expect(await outputType(dec2)).toBe('vector [B,784]');

    // The default target shape does not hold 784 numbers: the card says so until it is fixed.
    const image = await searchAndEnter('image', 'layer.reshape', 'reshape', 110, 490);
    await wire('dec2', 'out', 'image', 'in');
    expect(await node(image).locator('.graph-node.has-error').count()).toBe(1);
    expect(await page.locator(`.problems .problem.error[data-node="${image}"]`).count()).toBeGreaterThan(0);
    await typeParam('targetShape', '28, 28, 1');
    expect(await outputType(image)).toBe('image [B,28,28,1]');
    expect(await node(image).locator('.graph-node.has-error').count()).toBe(0);
  });

  it('compares the reconstruction with the dataset images in an MSE loss that Adam minimises', async () => {
    const mse = await searchAndEnter('mse', 'loss.mse', 'mse', 340, 490);
    await wire('image', 'out', 'mse', 'prediction');
    // Without a target the loss has nothing to compare with, and says so on its port.
    expect(await node(mse).locator('.graph-node.has-error').count()).toBe(1);
    await wire('data', 'images', 'mse', 'target');
    const adam = await searchAndEnter('adam', 'optimizer.adam', 'adam', 570, 490);
    await wire('mse', 'loss', 'adam', 'losses');
    expect(await page.locator('.react-flow__edge').count()).toBe(9);
    expect(await outputType(mse, 'loss')).toBe('loss');
    expect(await node(adam).getByTestId('trains').textContent()).toContain('(all upstream)');
    expect(await page.locator('.graph-node.has-error').count()).toBe(0);
    expect(await page.locator('.problems .problem').count()).toBe(0);
    expect(await page.getByTestId('no-problems').count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'rebuild-wired.png') });
  });

  it('groups the layers into an Encoder and a Decoder network and lays the graph out', async () => {
    await makeNetwork(['flatten', 'enc1', 'coding'], 'Encoder');
    await makeNetwork(['dec1', 'dec2', 'image'], 'Decoder');
    expect(await page.locator('.react-flow__node-frame .frame-name').allTextContents()).toEqual([
      'Encoder',
      'Decoder',
    ]);
    const before = await page.getByTestId('undo').getAttribute('aria-label');
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.getByRole('button', { name: 'Auto layout' }).click();
    await page.waitForFunction(
      (label) => document.querySelector('[data-testid="undo"]')?.getAttribute('aria-label') !== label,
      before,
    );
    await page.waitForTimeout(500);
    expect(await page.getByTestId('no-problems').count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'rebuild-stacked-autoencoder.png') });
  });

  it('saves a file that infers exactly the types of graphs/stacked-autoencoder.json on every node', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const path = await (await download).path();
    const saved = loadGraph(await readFile(path, 'utf8'), NODE_REGISTRY);
    expect(saved.warnings).toEqual([]);
    const preset = loadGraph(
      await readFile(join(REPO_ROOT, 'graphs/stacked-autoencoder.json'), 'utf8'),
      NODE_REGISTRY,
    );
    expect(preset.warnings).toEqual([]);
    const mine = inferGraph(saved.doc, NODE_REGISTRY);
    const theirs = inferGraph(preset.doc, NODE_REGISTRY);
    expect(mine.issues).toEqual([]);
    expect(theirs.issues).toEqual([]);

    expect(saved.doc.nodes).toHaveLength(preset.doc.nodes.length);
    for (const presetNode of preset.doc.nodes) {
      const id = idOf(presetNode.id);
      expect(saved.doc.nodes.find((n) => n.id === id)?.type, presetNode.id).toBe(presetNode.type);
      expect(mine.outputs.get(id), presetNode.id).toEqual(theirs.outputs.get(presetNode.id));
    }
    // The same wiring: each preset edge has its counterpart between the nodes built for its ends.
    const edgeKey = (from: string, fromPort: string, to: string, toPort: string) =>
      `${from}.${fromPort}->${to}.${toPort}`;
    const mineEdges = saved.doc.edges.map((e) => edgeKey(e.from.node, e.from.port, e.to.node, e.to.port));
    const wanted = preset.doc.edges.map((e) =>
      edgeKey(idOf(e.from.node), e.from.port, idOf(e.to.node), e.to.port),
    );
    expect(mineEdges.sort()).toEqual(wanted.sort());
    // The same networks, by name and members.
    const membersOf = (doc: typeof saved.doc, name: string, map: (id: string) => string) => {
      const net = doc.networks.find((n) => n.name === name);
      return doc.nodes
        .filter((n) => net !== undefined && n.network === net.id)
        .map((n) => map(n.id))
        .sort();
    };
    for (const name of ['Encoder', 'Decoder']) {
      expect(membersOf(saved.doc, name, (id) => id)).toEqual(membersOf(preset.doc, name, idOf));
    }
    expect(consoleErrors).toEqual([]);
  });
});
