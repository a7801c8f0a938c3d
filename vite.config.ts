// Vite settings for the editor page: React, and cross-origin isolation on every served page.
//
// The dev server and `vite preview` both send COOP same-origin and COEP require-corp. Together they
// make the page cross-origin isolated, which the browser requires before it hands out
// SharedArrayBuffer; tfjs's WASM backend needs that for its threads, so training on wasm only runs
// multi-threaded when these headers are present. They also mean every resource must be same-origin
// (or send CORP/CORS headers), so the app loads nothing from other sites.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { headers: crossOriginIsolation },
  preview: { headers: crossOriginIsolation },
});
