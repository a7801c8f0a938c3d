// Vite settings for the editor page: React, cross-origin isolation on every served page, the
// training worker as an ES module, and the prepared datasets served at /data/.
//
// The dev server and `vite preview` both send COOP same-origin and COEP require-corp. Together they
// make the page cross-origin isolated, which the browser requires before it hands out
// SharedArrayBuffer; tfjs's WASM backend needs that for its threads, so training on wasm only runs
// multi-threaded when these headers are present. They also mean every resource must be same-origin
// (or send CORP/CORS headers), so the app loads nothing from other sites.
import react from '@vitejs/plugin-react';
import { copyFileSync, createReadStream, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

const DATA_DIR = fileURLToPath(new URL('./data', import.meta.url));
const DATA_FILE = /^[a-z0-9-]+\.(u8|json)$/;

/** Answers /data/<file> from the git-ignored data folder, or says how to make a missing file. */
function serveDataFile(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const name = decodeURIComponent((req.url ?? '').split('?')[0] ?? '').replace(/^\//, '');
  if (!DATA_FILE.test(name)) return next();
  const path = join(DATA_DIR, name);
  if (!existsSync(path)) {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(`data/${name} is missing: run \`npm run data\` to prepare the datasets, then reload.`);
    return;
  }
  res.setHeader('Content-Type', name.endsWith('.json') ? 'application/json' : 'application/octet-stream');
  res.setHeader('Content-Length', String(statSync(path).size));
  res.setHeader('Cache-Control', 'no-cache');
  createReadStream(path).pipe(res);
}

/** The datasets at /data/ in dev and preview, and copied into the build's data/ folder. */
function datasets(): Plugin {
  let outDir = 'dist';
  return {
    name: 'latent-lab-datasets',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use('/data', serveDataFile);
    },
    configurePreviewServer(server) {
      server.middlewares.use('/data', serveDataFile);
    },
    writeBundle() {
      if (!existsSync(DATA_DIR)) {
        this.warn(
          'data/ does not exist: run `npm run data` before building, or training will find no datasets',
        );
        return;
      }
      const target = join(outDir, 'data');
      mkdirSync(target, { recursive: true });
      for (const file of readdirSync(DATA_DIR)) {
        if (DATA_FILE.test(file)) copyFileSync(join(DATA_DIR, file), join(target, file));
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), datasets()],
  server: { headers: crossOriginIsolation },
  preview: { headers: crossOriginIsolation },
  // The training worker is a module worker (`type: 'module'`); ES output also lets it split chunks.
  worker: { format: 'es' },
  // No minification: tfjs-backend-wasm starts its threads from the source text of its own loader
  // (Function.toString), and a minified bundle breaks that text ("e is not defined"), so the
  // production build could not train on wasm. Turning off renaming alone was not enough.
  build: { minify: false },
  optimizeDeps: {
    // Found only once the worker starts; listing them avoids a reload of the page mid-session.
    include: [
      '@tensorflow/tfjs',
      '@tensorflow/tfjs-backend-webgpu',
      '@tensorflow/tfjs-backend-wasm',
      'comlink',
      // The latent map's projection worker.
      'umap-js',
      '@keckelt/tsne',
    ],
  },
});
