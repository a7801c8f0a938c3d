// Starts the app's Vite dev server in-process and Debian's Chromium through playwright-core, for
// the browser tests; every start has a matching stop so afterAll leaves nothing running.

import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'e2e');

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The project's own vite.config.ts on a free port of the loopback interface. */
export async function startApp(): Promise<{ server: ViteDevServer; url: string }> {
  const server = await createServer({
    root: REPO_ROOT,
    configFile: join(REPO_ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    clearScreen: false,
    server: { host: '127.0.0.1', port: 0, strictPort: true },
  });
  try {
    await server.listen();
    const url = server.resolvedUrls?.local[0];
    if (url === undefined) throw new Error('Vite started but reported no local URL');
    return { server, url };
  } catch (error) {
    await server.close();
    throw error;
  }
}

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium is needed for the browser tests but ${path} does not exist. ` +
        'Install it with `apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return path;
}

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Flags added to the usual ones, e.g. `--enable-unsafe-webgpu`. */
  readonly args?: readonly string[];
}

/** Headless Chromium with a fresh profile that is deleted again on close. */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = chromiumPath();
  const profile = await mkdtemp(join(tmpdir(), 'latent-lab-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_FLAGS, ...(options.args ?? [])],
      viewport: { width: 1280, height: 900 },
    });
    return {
      context,
      async close() {
        try {
          await context.close();
        } finally {
          await rm(profile, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

/** The editor open in a fresh Chromium, with the errors the page reported. */
export interface EditorSession {
  readonly page: Page;
  /** Console errors and uncaught exceptions ("uncaught: ..."), in order. */
  readonly consoleErrors: string[];
  /** Uncaught exceptions only. */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

/** Starts Vite and Chromium, opens the editor and waits for its canvas. */
export async function openEditor(): Promise<EditorSession> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const browser = await launchChromium();
  const close = async () => {
    await browser.close().catch(() => undefined);
    await app?.server.close().catch(() => undefined);
  };
  let app: { server: ViteDevServer; url: string } | undefined;
  try {
    app = await startApp();
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => {
      consoleErrors.push(`uncaught: ${error.message}`);
      pageErrors.push(error.message);
    });
    await page.goto(app.url);
    await page.locator('.react-flow__pane').waitFor();
    return { page, consoleErrors, pageErrors, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Opens a preset from the gallery and waits for the dialog to close. */
export async function openPreset(page: Page, id: string): Promise<void> {
  await page.getByRole('button', { name: 'Gallery' }).click();
  await page.locator(`[data-preset="${id}"]`).click();
  await page.locator('.gallery-dialog').waitFor({ state: 'detached' });
}

/** Sets the document's batch size in the inspector (shown when nothing is selected). */
export async function setBatch(page: Page, size: number): Promise<void> {
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  const batch = page.locator('#doc-batch');
  await batch.fill(String(size));
  await batch.press('Enter');
}
