import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Cross-origin isolation lets tfjs-backend-wasm use its threaded SIMD build.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  base: './',
  server: { headers: isolation },
  preview: { headers: isolation },
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
    // bench/index.html is the browser benchmark page (npm run bench); it never loads in the app.
    rollupOptions: { input: { main: 'index.html', bench: 'bench/index.html' } },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
