// Layering (../shared/DESIGN.md): the engine never sees React, the DOM or comlink;
// config imports nothing but zod; the page reaches the engine only through the worker's types.
import tseslint from 'typescript-eslint';

const restrict = (patterns, allowTypeImports = false, paths = []) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns: patterns.map((p) => ({ ...p, allowTypeImports })), paths }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'scratch/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: restrict([
      { group: ['react', 'react-dom', 'react/*', 'comlink', 'zustand', 'recharts'], message: 'the engine is pure: tfjs only' },
      { group: ['node:*'], message: 'the engine runs in a worker too: no Node modules' },
      { group: ['../ui/*', '../state/*', '../worker/*', '../cli/*'], message: 'the engine imports no outer layer' },
    ], false, ['fs', 'path', 'os'].map((name) => ({ name, message: 'the engine runs in a worker too: no Node modules' }))),
  },
  {
    files: ['src/config/**/*.ts'],
    ignores: ['src/config/**/*.test.ts'],
    rules: restrict([
      { group: ['@tensorflow/*', 'react', 'comlink', '../engine/*', '../ui/*', '../state/*', '../worker/*'], message: 'config imports nothing but zod' },
    ]),
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/state/**/*.ts', 'src/main.tsx'],
    rules: restrict([
      { group: ['@tensorflow/*'], message: 'tfjs loads only in the worker: the page stays light' },
      // Pure, tfjs-free engine modules (space, cost, path, metrics, leaderboard, proxy names, the PyTorch exporter) may be used for live path counts, sizes and statistics.
      { group: ['../engine/*', '!../engine/space', '!../engine/cost', '!../engine/path', '!../engine/metrics', '!../engine/leaderboard', '!../engine/proxyNames', '!../engine/export'], message: 'the page talks to the engine through the worker; import types only' },
      { group: ['../engine/*/*', '!../engine/export/pytorch'], message: 'the page talks to the engine through the worker; import types only' },
      { group: ['../worker/*'], message: 'the page imports the worker API as types only' },
      { group: ['../cli/*'], message: 'no CLI code in the page' },
    ], true),
  },
);
