// The production build of a page that uses the training client: the page's own chunks carry no
// tfjs training code (it all sits in the worker's bundle), and the datasets and wasm binaries ship.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../e2e/harness';

// Strings that survive minification and only tfjs's kernels and training machinery contain.
const TFJS_MARKERS = ['Conv2DBackpropFilter', 'not registered for backend', 'registerGradient'];

let outDir = '';

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'latent-lab-build-'));
  await build({
    root: REPO_ROOT,
    configFile: join(REPO_ROOT, 'vite.config.ts'),
    logLevel: 'error',
    build: {
      outDir,
      emptyOutDir: true,
      rolldownOptions: { input: join(REPO_ROOT, 'tests/e2e/worker-page.html') },
    },
  });
});

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** The page's entry chunk and every chunk it imports statically (not the worker it starts). */
async function pageChunks(): Promise<Map<string, string>> {
  const html = await readFile(join(outDir, 'tests/e2e/worker-page.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\/([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error('the built page has no module script');
  const chunks = new Map<string, string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (chunks.has(file)) continue;
    const code = await readFile(join(outDir, file), 'utf8');
    chunks.set(file, code);
    for (const match of code.matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)) {
      queue.push(join('assets', match[1] ?? ''));
    }
  }
  return chunks;
}

describe('production build', () => {
  it('keeps tfjs training code out of the page bundle and in the worker bundle', async () => {
    const page = await pageChunks();
    expect(page.size).toBeGreaterThan(0);
    for (const [file, code] of page) {
      for (const marker of TFJS_MARKERS) expect(code.includes(marker), `${marker} in ${file}`).toBe(false);
      expect(code).toMatch(
        /new Worker\(new URL\(\s*(?:\/\*[^*]*\*\/\s*)?[`"']\/assets\/training\.worker-[\w-]+\.js[`"']/,
      );
    }
    const assets = await readdir(join(outDir, 'assets'));
    const worker = assets.find((f) => /^training\.worker-[\w-]+\.js$/.test(f));
    expect(worker).toBeDefined();
    const workerCode = await readFile(join(outDir, 'assets', worker ?? ''), 'utf8');
    for (const marker of TFJS_MARKERS) expect(workerCode).toContain(marker);
  });

  it('ships the three wasm binaries and copies the prepared datasets to data/', async () => {
    const assets = await readdir(join(outDir, 'assets'));
    for (const stem of ['tfjs-backend-wasm', 'tfjs-backend-wasm-simd', 'tfjs-backend-wasm-threaded-simd']) {
      const hashed = new RegExp(`^${stem}-[\\w-]{8}\\.wasm$`);
      expect(
        assets.some((f) => hashed.test(f)),
        stem,
      ).toBe(true);
    }
    expect(existsSync(join(outDir, 'data/fashion-train-images.u8'))).toBe(true);
    expect(existsSync(join(outDir, 'data/manifest.json'))).toBe(true);
  });
});
