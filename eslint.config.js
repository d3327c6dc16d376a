// Layering (../shared/DESIGN.md): the engine never sees React, the DOM or comlink;
// config imports nothing but zod; the page reaches the engine only through the worker's types.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Relative imports are matched by regex on their resolved folder name, not by a glob on the literal string: a glob
// like '../engine/*' matches only files one folder below src/, so a file one folder deeper ('../../engine/nn') escaped it.
// into(['nn']) matches '../nn', '../../nn/ops' and '../../engine/nn' at any depth; the page's rules also take './' (src/main.tsx).
const UP = '^(\\.\\./)+';
const UP_OR_HERE = '^(\\./|(\\.\\./)+)';
const into = (names, prefix = UP) => `${prefix}(engine/)?(${names.join('|')})(/|$)`;

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
    // Only the two classic hook rules: the plugin's recommended set also brings the React Compiler's rules, which this code does not target.
    files: ['src/ui/**/*.{ts,tsx}', 'src/state/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: restrict(
      [
        { group: ['react', 'react-dom', 'react/*', 'comlink', 'zustand', 'recharts'], message: 'the engine is pure: tfjs only' },
        { group: ['node:*'], message: 'the engine runs in a worker too: no Node modules' },
        { regex: into(['ui', 'state', 'worker', 'cli']), message: 'the engine imports no outer layer' },
      ],
      false,
      ['fs', 'path', 'os'].map((name) => ({ name, message: 'the engine runs in a worker too: no Node modules' })),
    ),
  },
  {
    // The tfjs-free engine folders sit below everything tfjs: the page may import them.
    files: ['src/engine/{space,search,stats,truth}/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: restrict(
      [
        { group: ['@tensorflow/*'], message: 'space/, search/, stats/ and truth/ are tfjs-free: the page imports them' },
        {
          regex: into(['nn', 'train', 'proxies', 'data', 'export', 'session']),
          message: 'space/, search/, stats/ and truth/ never import the tfjs folders above them',
        },
        { group: ['react', 'react-dom', 'comlink', 'zustand', 'recharts'], message: 'the engine is pure' },
      ],
      true,
    ),
  },
  {
    files: ['src/config/**/*.ts'],
    ignores: ['src/config/**/*.test.ts'],
    rules: restrict([
      { group: ['@tensorflow/*', 'react', 'comlink'], message: 'config imports nothing but zod' },
      { regex: into(['engine', 'ui', 'state', 'worker', 'cli']), message: 'config imports nothing but zod' },
    ]),
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/state/**/*.ts', 'src/main.tsx'],
    // Node tests of page modules build their fixtures with the engine itself.
    ignores: ['**/*.test.ts'],
    rules: restrict(
      [
        { group: ['@tensorflow/*'], message: 'tfjs loads only in the worker: the page stays light' },
        // The page may use the tfjs-free engine folders (space/, search/, stats/, truth/) through their index, and types of the rest.
        {
          regex: `${UP_OR_HERE}engine/(?!(space|search|stats|truth)$)[^/]+$`,
          message: 'the page reaches tfjs engine folders through the worker: import types only',
        },
        { regex: `${UP_OR_HERE}engine/[^/]+/`, message: 'import an engine folder through its index.ts' },
        { regex: into(['worker'], UP_OR_HERE), message: 'the page imports the worker API as types only' },
        { regex: into(['cli'], UP_OR_HERE), message: 'no CLI code in the page' },
      ],
      true,
    ),
  },
);
