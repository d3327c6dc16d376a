/** Shared by the CLI's test files: run the CLI as a user would, in a per-file temporary folder. */
import { fileURLToPath } from 'node:url';
import { runCollecting, type Exit } from '../testing/processes';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type { Exit } from '../testing/processes';

/** Runs `npx tsx src/cli/main.ts ...` from the project root. */
export function cli(...args: string[]): Promise<Exit> {
  return cliWithEnv({}, ...args);
}

/** The same with extra environment variables (e.g. BNNAS_ASSETS). */
export function cliWithEnv(env: Record<string, string>, ...args: string[]): Promise<Exit> {
  return runCollecting('npx', ['tsx', 'src/cli/main.ts', ...args], ROOT, env);
}

// The paper's BN scope, so trainable parameters can be hand-counted as last-BN gamma+beta.
export const TINY = ['--n', '64', '--val', '32', '--epochs', '1', '--batch', '16', '--stages', '4x1,8x1', '--bnscope', 'last', '--quiet'];
