import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Cross-origin isolation lets tfjs-backend-wasm use its threaded SIMD build.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * What the served page may do, and no more: its own scripts and WebAssembly (tfjs-backend-wasm compiles its
 * module; its threads start from blob: workers), fetches to any http(s) URL (CIFAR-10 from a URL), nothing
 * framed, no plugins, no inline script. Only for the built page: the dev server injects inline scripts.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self' http: https: blob: data:",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** The packed assets have no registered type: served as bytes, never sniffed into something else. */
const assetTypes = {
  name: 'asset-types',
  configurePreviewServer(server: {
    middlewares: { use: (fn: (req: { url?: string }, res: { setHeader: (k: string, v: string) => void }, next: () => void) => void) => void };
  }) {
    server.middlewares.use((req, res, next) => {
      if (/\.(pack|bin)(\?|$)/.test(req.url ?? '')) res.setHeader('Content-Type', 'application/octet-stream');
      next();
    });
  },
};

export default defineConfig({
  plugins: [react(), assetTypes],
  base: './',
  server: { headers: isolation },
  preview: { headers: { ...isolation, 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' } },
  worker: {
    format: 'es',
    // tfjs-backend-wasm starts its pthread workers from the threaded factory's
    // Function.toString(); minified, that source refers to names outside itself
    // ("e is not defined") and threads fail. The worker chunk stays unminified.
    rolldownOptions: { output: { minify: false } },
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // bench/index.html is the browser benchmark page: built only for `npm run bench` (BNNAS_BENCH=1), never shipped with the app.
    rollupOptions: { input: process.env.BNNAS_BENCH ? { main: 'index.html', bench: 'bench/index.html' } : { main: 'index.html' } },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Both cores: the CLI and PyTorch tests spend much of their time in child processes.
    maxWorkers: 2,
  },
});
