// The editor's figures for `npm run bench`, taken in headless Chromium against a production build of
// the app (vite build into a temp folder, served by vite preview with the project's COOP/COEP headers):
// the first render of a large graph dropped on the canvas, a param edit to its shape on screen, and
// the frames of a node dragged across the canvas.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { toCanonicalJson } from '../../src/core/graph/canonical';
import { chromiumPath, REPO_ROOT } from '../../tests/e2e/harness';
import { median, messageOf, quantile, round } from './bench-stats';
import { syntheticGraph } from './synthetic-graph';

export interface FirstRenderResult {
  nodes: number;
  edges: number;
  /** Page loads, each in a fresh browser context (empty IndexedDB, cold caches of the page). */
  runs: number;
  /** Drop of the file to the first frame at which every card in view is drawn and nothing changes. */
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Drop of the file to the first frame with any node card drawn. */
  firstCardMedianMs: number;
  /** Node cards in the page once settled (only those in view are kept above 200 nodes). */
  cardsDrawn: number;
}

export interface ParamEditResult {
  /** The dense layer whose units were edited, picked nearest the middle of the view. */
  node: string;
  runs: number;
  /** Enter pressed in the inspector to the end of the first frame painted with the new shape. */
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Enter pressed to the card's text changing in the DOM, before the frame is painted. */
  medianDomMs: number;
  /** Main-thread CPU time from Enter to the painted frame: what the edit costs, less the waits a
   * busy machine adds to the wall-clock figures above. */
  cpuMedianMs: number;
  cpuP95Ms: number;
}

export interface DragResult {
  /** The card dragged by its header: a dense layer inside a network frame, near the middle of the view. */
  node: string;
  /** Animation frames timed, each with one pointer move dispatched at its start. */
  frames: number;
  /** Time between one frame and the next while dragging (16.7 ms is the display's own rate). */
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Frames that took longer than two display frames (33 ms). */
  slowFrames: number;
  /** Main-thread CPU time per frame of the drag (scripts, style, layout, paint): the cost of a
   * frame, less the waits a busy machine adds to the intervals above. */
  cpuPerFrameMs: number;
}

export interface BrowserEditorResult {
  chromium: string;
  served: string;
  buildSeconds: number;
  firstRender: FirstRenderResult;
  paramEdit: ParamEditResult;
  drag: DragResult;
}

export type BrowserEditorOutcome = BrowserEditorResult | { error: string };

export interface BrowserEditorOptions {
  readonly nodes?: number;
  readonly loads?: number;
  readonly edits?: number;
  readonly dragFrames?: number;
  readonly log?: (line: string) => void;
}

const CHROMIUM_FLAGS = ['--no-sandbox', '--headless=new', '--disable-gpu', '--no-first-run'];
/** Frames in a row with nothing changing before the canvas counts as settled. */
const STABLE_FRAMES = 10;
const WARMUP_EDITS = 3;
/** Frames dragged before timing starts: the first move starts the drag and selects the node. */
const WARMUP_DRAG_FRAMES = 5;
/** Screen pixels the pointer moves each frame. */
const DRAG_STEP_PX = 3;
const VIEWPORT = { width: 1280, height: 900 };

/** Builds the app with the project's own Vite config into a temp folder and serves it with vite preview. */
async function serveProductionBuild(outDir: string): Promise<{ server: PreviewServer; url: string }> {
  const configFile = join(REPO_ROOT, 'vite.config.ts');
  await build({ root: REPO_ROOT, configFile, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    root: REPO_ROOT,
    configFile,
    logLevel: 'error',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: true },
  });
  const url = server.resolvedUrls?.local[0];
  if (url === undefined) {
    await server.close();
    throw new Error('vite preview started but reported no local URL');
  }
  return { server, url };
}

interface RenderTiming {
  settledMs: number;
  firstCardMs: number;
  cards: number;
}

/** Runs in the page: drops the graph file on the canvas and watches each animation frame. */
function dropAndWatch(args: { text: string; stableFrames: number }): Promise<RenderTiming> {
  return new Promise((resolve, reject) => {
    const pane = document.querySelector('.react-flow__pane');
    if (!pane) return reject(new Error('the canvas is not on the page'));
    const transfer = new DataTransfer();
    transfer.items.add(new File([args.text], 'synthetic-graph.json', { type: 'application/json' }));
    const started = performance.now();
    pane.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    let firstCard = -1;
    let state = '';
    let stateSince = 0;
    let sameFrames = 0;
    const onFrame = () => {
      const now = performance.now();
      const cards = document.querySelectorAll<HTMLElement>('.react-flow__node-graph');
      // React Flow keeps a node hidden until it has measured it.
      let drawn = 0;
      for (const card of cards) if (card.style.visibility !== 'hidden') drawn++;
      if (firstCard < 0 && drawn > 0) firstCard = now - started;
      const view = document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
      const next = `${cards.length}|${drawn}|${view}`;
      if (next !== state) {
        state = next;
        stateSince = now;
        sameFrames = 0;
      } else sameFrames++;
      if (drawn > 0 && drawn === cards.length && sameFrames >= args.stableFrames) {
        resolve({ settledMs: stateSince - started, firstCardMs: firstCard, cards: cards.length });
      } else if (now - started > 60_000) reject(new Error(`the canvas did not settle: ${state}`));
      else requestAnimationFrame(onFrame);
    };
    requestAnimationFrame(onFrame);
  });
}

interface EditTiming {
  domMs: number;
  paintedMs: number;
}

/** Runs in the page: arms a watch for `expected` on the card's output, timed from the next Enter. */
function armEditWatch(args: { id: string; expected: string }): void {
  const selector = `.react-flow__node[data-id="${args.id}"] .node-port[data-port="out"] .node-port-type`;
  const root = document.querySelector('.react-flow__nodes') ?? document.body;
  const timing = new Promise<EditTiming>((resolve, reject) => {
    let pressed = -1;
    let done = false;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || pressed >= 0) return;
      pressed = performance.now();
      console.timeStamp('latent-lab-edit-start');
    };
    window.addEventListener('keydown', onKey, true);
    const observer = new MutationObserver(() => {
      if (done || pressed < 0 || document.querySelector(selector)?.textContent !== args.expected) return;
      done = true;
      const dom = performance.now();
      observer.disconnect();
      window.removeEventListener('keydown', onKey, true);
      // A task queued from an animation frame runs once that frame's style, layout and paint are done.
      requestAnimationFrame(() =>
        setTimeout(() => {
          console.timeStamp('latent-lab-edit-end');
          resolve({ domMs: dom - pressed, paintedMs: performance.now() - pressed });
        }, 0),
      );
    });
    observer.observe(root, { subtree: true, childList: true, characterData: true });
    setTimeout(() => done || reject(new Error(`${args.id} never showed ${args.expected}`)), 10_000);
  });
  (globalThis as { __latentLabBenchEdit?: Promise<EditTiming> }).__latentLabBenchEdit = timing;
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly tdur?: number;
  readonly args?: { readonly data?: { readonly message?: string } };
}

/** Runs `work` while Chromium records a trace of the page's main thread; returns the trace too. */
async function traced<T>(page: Page, work: () => Promise<T>): Promise<{ result: T; events: TraceEvent[] }> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) => events.push(...(data.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  try {
    const result = await work();
    return { result, events };
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
}

/**
 * Main-thread CPU milliseconds of the tasks that began between each pair of page marks
 * (console.timeStamp) named `start` and `end`, one figure per pair.
 */
function cpuBetweenMarks(events: readonly TraceEvent[], start: string, end: string): number[] {
  const marks = events.filter((e) => e.name === 'TimeStamp' && e.args?.data?.message !== undefined);
  const first = marks[0];
  if (first === undefined) throw new Error('the trace holds no marks from the page');
  const onMain = (e: TraceEvent) => e.pid === first.pid && e.tid === first.tid;
  const starts = marks.filter((e) => e.args?.data?.message === start).map((e) => e.ts);
  const ends = marks.filter((e) => e.args?.data?.message === end).map((e) => e.ts);
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && onMain(e));
  if (tasks.every((e) => e.tdur === undefined)) throw new Error('the trace has no thread times');
  return starts.map((from, i) => {
    const to = ends[i] ?? from;
    return tasks.filter((e) => e.ts >= from && e.ts < to).reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000;
  });
}

async function openPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  // tsx keeps function names with a __name helper that the page does not have; functions handed to
  // page.evaluate carry those calls with them.
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('.react-flow__pane').waitFor();
  if (!(await page.evaluate(() => globalThis.crossOriginIsolated))) {
    throw new Error('the preview page is not cross-origin isolated; check the COOP/COEP headers');
  }
  return page;
}

/** The autoencoder coding layer drawn nearest the middle of the canvas. */
function codingNearMiddle(): string | null {
  const pane = document.querySelector('.react-flow__pane')?.getBoundingClientRect();
  if (!pane) return null;
  const cx = pane.left + pane.width / 2;
  const cy = pane.top + pane.height / 2;
  let best: { id: string; distance: number } | null = null;
  for (const card of document.querySelectorAll<HTMLElement>('.react-flow__node-graph')) {
    const id = card.dataset.id ?? '';
    if (!id.endsWith('-coding')) continue;
    const box = card.getBoundingClientRect();
    const distance = Math.hypot(box.left + box.width / 2 - cx, box.top + box.height / 2 - cy);
    if (best === null || distance < best.distance) best = { id, distance };
  }
  return best?.id ?? null;
}

async function timeParamEdits(page: Page, edits: number): Promise<ParamEditResult> {
  const id = await page.evaluate(codingNearMiddle);
  if (id === null) throw new Error('no coding layer is drawn in view');
  await page.locator(`.react-flow__node[data-id="${id}"]`).click();
  await page.locator(`.inspector .inspector-node[data-node="${id}"]`).waitFor();
  const input = page.locator('.inspector .param-field[data-param="units"] input');
  const start = Number(await input.inputValue());
  const painted: number[] = [];
  const dom: number[] = [];
  const edit = async (i: number) => {
    const units = start + 1 + i;
    await page.evaluate(armEditWatch, { id, expected: `vector [B,${units}]` });
    await input.fill(String(units));
    await input.press('Enter');
    const timing = await page.evaluate(
      () => (globalThis as { __latentLabBenchEdit?: Promise<EditTiming> }).__latentLabBenchEdit,
    );
    if (!timing) throw new Error('the edit watch was not armed');
    return timing;
  };
  for (let i = 0; i < WARMUP_EDITS; i++) await edit(i);
  const { events } = await traced(page, async () => {
    for (let i = WARMUP_EDITS; i < WARMUP_EDITS + edits; i++) {
      const timing = await edit(i);
      painted.push(timing.paintedMs);
      dom.push(timing.domMs);
    }
  });
  const cpu = cpuBetweenMarks(events, 'latent-lab-edit-start', 'latent-lab-edit-end');
  return {
    node: id,
    runs: edits,
    medianMs: round(median(painted)),
    p95Ms: round(quantile(painted, 0.95)),
    maxMs: round(Math.max(...painted)),
    medianDomMs: round(median(dom)),
    cpuMedianMs: round(median(cpu)),
    cpuP95Ms: round(quantile(cpu, 0.95)),
  };
}

interface DragTiming {
  intervals: number[];
  movedPx: number;
}

/**
 * Runs in the page: presses on the card's header and moves the pointer a few pixels at the start of
 * every animation frame, as a hand does (the browser hands a page one move per frame), then lets go.
 * React Flow's drag listens for these mouse events on the card and the window.
 */
function dragAndWatch(args: {
  id: string;
  frames: number;
  warmup: number;
  step: number;
}): Promise<DragTiming> {
  return new Promise((resolve, reject) => {
    const card = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${args.id}"]`);
    const header = card?.querySelector<HTMLElement>('.graph-node-header');
    if (!card || !header) return reject(new Error(`card ${args.id} is not drawn`));
    const box = header.getBoundingClientRect();
    const startX = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const before = card.getBoundingClientRect().left;
    const mouse = (type: string, target: EventTarget, x: number) =>
      target.dispatchEvent(
        new MouseEvent(type, {
          clientX: x,
          clientY: y,
          bubbles: true,
          cancelable: true,
          view: window,
          button: 0,
        }),
      );
    mouse('mousedown', header, startX);
    const stamps: number[] = [];
    let frame = 0;
    const onFrame = (now: number) => {
      if (frame >= args.warmup) stamps.push(now);
      if (frame === args.warmup) console.timeStamp('latent-lab-drag-start');
      if (frame === args.warmup + args.frames) {
        console.timeStamp('latent-lab-drag-end');
        mouse('mouseup', window, startX + frame * args.step);
        const intervals = stamps.slice(1).map((t, i) => t - (stamps[i] ?? t));
        // Two frames for the drop to be drawn before the card's place is read.
        requestAnimationFrame(() =>
          requestAnimationFrame(() =>
            resolve({ intervals, movedPx: card.getBoundingClientRect().left - before }),
          ),
        );
        return;
      }
      frame++;
      mouse('mousemove', window, startX + frame * args.step);
      requestAnimationFrame(onFrame);
    };
    requestAnimationFrame(onFrame);
  });
}

/** The dense layer inside a network frame drawn nearest the middle of the canvas. */
function framedLayerNearMiddle(): string | null {
  const pane = document.querySelector('.react-flow__pane')?.getBoundingClientRect();
  if (!pane) return null;
  const cx = pane.left + pane.width / 2;
  const cy = pane.top + pane.height / 2;
  let best: { id: string; distance: number } | null = null;
  for (const card of document.querySelectorAll<HTMLElement>('.react-flow__node-graph')) {
    const id = card.dataset.id ?? '';
    if (!card.querySelector('.graph-node.in-network[data-node-type="layer.dense"]')) continue;
    const box = card.getBoundingClientRect();
    const distance = Math.hypot(box.left + box.width / 2 - cx, box.top + box.height / 2 - cy);
    if (best === null || distance < best.distance) best = { id, distance };
  }
  return best?.id ?? null;
}

async function timeDrag(page: Page, frames: number): Promise<DragResult> {
  const id = await page.evaluate(framedLayerNearMiddle);
  if (id === null) throw new Error('no dense layer inside a network is drawn in view');
  const undo = page.getByTestId('undo');
  const { result: timing, events } = await traced(page, () =>
    page.evaluate(dragAndWatch, { id, frames, warmup: WARMUP_DRAG_FRAMES, step: DRAG_STEP_PX }),
  );
  const [cpu = Number.NaN] = cpuBetweenMarks(events, 'latent-lab-drag-start', 'latent-lab-drag-end');
  // The first move only starts the drag; every later one moves the card.
  const expectedPx = (WARMUP_DRAG_FRAMES + frames - 1) * DRAG_STEP_PX;
  if (Math.abs(timing.movedPx - expectedPx) > 2) {
    throw new Error(`the dragged card moved ${timing.movedPx} px instead of ${expectedPx} px`);
  }
  const label = await undo.getAttribute('aria-label');
  if (label !== `Undo Move ${id}`) throw new Error(`the drag left "${label}" as the last undo step`);
  await undo.click();
  const { intervals } = timing;
  return {
    node: id,
    frames: intervals.length,
    medianMs: round(median(intervals)),
    p95Ms: round(quantile(intervals, 0.95)),
    maxMs: round(Math.max(...intervals)),
    slowFrames: intervals.filter((ms) => ms > 33.4).length,
    cpuPerFrameMs: round(cpu / intervals.length),
  };
}

/**
 * First render of a `nodes`-node graph over `loads` fresh page loads, then `edits` param edits on
 * the last one, then a `dragFrames`-frame drag of one card. Returns an error entry instead of throwing, so the rest of the bench still reports.
 */
export async function benchBrowserEditor(options: BrowserEditorOptions = {}): Promise<BrowserEditorOutcome> {
  const { nodes = 500, loads = 3, edits = 20, dragFrames = 60, log = () => undefined } = options;
  const outDir = await mkdtemp(join(tmpdir(), 'latent-lab-bench-build-'));
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  try {
    log('building the app for production ...');
    const buildStarted = performance.now();
    const served = await serveProductionBuild(outDir);
    server = served.server;
    const buildSeconds = round((performance.now() - buildStarted) / 1000, 3);
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });

    const doc = syntheticGraph(nodes);
    const text = toCanonicalJson(doc);
    const renders: RenderTiming[] = [];
    let page: Page | undefined;
    for (let run = 0; run < loads; run++) {
      log(`first render of ${nodes} nodes in Chromium, page load ${run + 1}/${loads} ...`);
      await page?.context().close();
      page = await openPage(browser, served.url);
      renders.push(await page.evaluate(dropAndWatch, { text, stableFrames: STABLE_FRAMES }));
      const title = await page.locator('.doc-title').textContent();
      if (title !== doc.meta.title) throw new Error(`the dropped graph did not open (title "${title}")`);
      if ((await page.locator('.problems .problem.error').count()) > 0) {
        throw new Error('the synthetic graph shows errors in the editor');
      }
    }
    if (!page) throw new Error('no page load was run');
    log(`${edits} param edits in the inspector ...`);
    const paramEdit = await timeParamEdits(page, edits);
    log(`dragging a card for ${dragFrames} frames ...`);
    const drag = await timeDrag(page, dragFrames);

    const settled = renders.map((r) => r.settledMs);
    return {
      chromium: browser.version(),
      served: 'vite build (production) + vite preview, COOP/COEP on',
      buildSeconds,
      firstRender: {
        nodes: doc.nodes.length,
        edges: doc.edges.length,
        runs: loads,
        medianMs: round(median(settled)),
        minMs: round(Math.min(...settled)),
        maxMs: round(Math.max(...settled)),
        firstCardMedianMs: round(median(renders.map((r) => r.firstCardMs))),
        cardsDrawn: renders[renders.length - 1]?.cards ?? 0,
      },
      paramEdit,
      drag,
    };
  } catch (error) {
    return { error: messageOf(error) };
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await rm(outDir, { recursive: true, force: true });
  }
}
