/** Shared by the CLI's test files: run the CLI as a user would, in a per-file temporary folder. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npx tsx src/cli/main.ts ...` from the project root. */
export function cli(...args: string[]): Promise<Exit> {
  return cliWithEnv({}, ...args);
}

/** The same with extra environment variables (e.g. BNNAS_ASSETS). */
export function cliWithEnv(env: Record<string, string>, ...args: string[]): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '',
      stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// The paper's BN scope, so trainable parameters can be hand-counted as last-BN gamma+beta.
export const TINY = ['--n', '64', '--val', '32', '--epochs', '1', '--batch', '16', '--stages', '4x1,8x1', '--bnscope', 'last', '--quiet'];
