// The browser bench's server and browser: a production build of the app plus the bench page
// (tests/bench/browser-page.html), served by vite preview with the project's COOP/COEP headers, and
// Debian's Chromium with WebGPU turned on (SwiftShader on a machine without a GPU).

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { type Browser, launchChromium, REPO_ROOT } from '../../tests/e2e/harness';

/** The bench page, relative to the repository root and to the served site alike. */
export const BENCH_PAGE = 'tests/bench/browser-page.html';

/** `--enable-unsafe-webgpu` is all WebGPU needs in headless Chromium (notes/webgpu-in-chromium.md). */
export const WEBGPU_FLAGS = ['--enable-unsafe-webgpu'] as const;

export interface BenchServer {
  readonly server: PreviewServer;
  /** The site's root, ending in "/". */
  readonly url: string;
}

/**
 * Builds the editor and the bench page with the project's own Vite config into `outDir` and serves
 * them with vite preview, minification as the project's config sets it (off: see vite.config.ts).
 */
export async function serveBenchBuild(outDir: string): Promise<BenchServer> {
  const configFile = join(REPO_ROOT, 'vite.config.ts');
  await build({
    root: REPO_ROOT,
    configFile,
    logLevel: 'error',
    build: {
      outDir,
      emptyOutDir: true,
      rolldownOptions: { input: { app: join(REPO_ROOT, 'index.html'), bench: join(REPO_ROOT, BENCH_PAGE) } },
    },
  });
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

export interface BenchBrowser extends Browser {
  /** Chromium's version, as its user agent says. */
  readonly version: string;
}

/** Chromium with WebGPU, and a page shim: tsx's `__name` helper travels inside evaluated functions. */
export async function launchBenchChromium(): Promise<BenchBrowser> {
  const browser = await launchChromium({ args: WEBGPU_FLAGS });
  try {
    await browser.context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    // The user agent says 156.0.0.0 only; the DevTools protocol has the full version.
    const session = await browser.context.newCDPSession(page);
    const { product } = await session.send('Browser.getVersion');
    await session.detach();
    return { ...browser, version: product.replace(/^\D*\//, '') };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/**
 * Opens `url` in `page` (after `init`, a script to run before the page's own) and checks the page
 * is cross-origin isolated (wasm threads need it).
 */
export async function openIsolated(page: Page, url: string, ready: string, init?: () => void): Promise<void> {
  if (init) await page.addInitScript(init);
  await page.goto(url);
  await page.locator(ready).waitFor({ timeout: 60_000 });
  if (!(await page.evaluate(() => globalThis.crossOriginIsolated))) {
    throw new Error('the preview page is not cross-origin isolated; check the COOP/COEP headers');
  }
}

/** Uncaught errors of the page and its workers, each told once, collected from now on. */
export function watchPageErrors(page: Page): string[] {
  const seen: string[] = [];
  page.on('pageerror', (error) => {
    if (!seen.includes(error.message)) seen.push(error.message);
  });
  return seen;
}

/** Resolves like `promise`, or rejects after `ms` with `message` (page.evaluate has no timeout). */
export function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
