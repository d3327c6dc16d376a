import { describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { ROOT } from './cliTest';

/** Command lines of the running processes that mention `marker`. */
function processesWith(marker: string): string[] {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(marker));
}

describe('npm run nas and signals (issue 17, item 17)', () => {
  it('SIGTERM to `npm run nas` ends the CLI too, not only npm', async () => {
    const marker = `/tmp/bnnas-sigterm-${process.pid}-${Date.now()}.json`;
    const npm = spawn('npm', ['run', 'nas', '--', '--data', 'generated', '--n', '4000', '--epochs', '50', '--json', marker], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // Started once the CLI has chosen its backend (it prints that before the run).
    await new Promise<void>((resolve, reject) => {
      let err = '';
      npm.stderr.on('data', (d) => {
        err += d;
        if (err.includes('backend:')) resolve();
      });
      npm.on('close', () => reject(new Error(`the CLI ended before it started: ${err}`)));
    });
    expect(processesWith(marker).length).toBeGreaterThan(0);
    npm.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 3_000));
    expect(processesWith(marker)).toEqual([]);
  }, 60_000);
});
