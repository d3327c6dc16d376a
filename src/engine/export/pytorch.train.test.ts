/** The exported subnet file run with real PyTorch (Debian's python3-torch; skipped without it): it trains offline from .bin files. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config';
import { spaceOf } from '../space';
import { pathCost } from '../space/cost';
import { pytorchSource } from './pytorch';
import { PYTHON, TORCH } from '../../testing/torchRunner';

/** The project's root, and its CIFAR-10 subset (4 .bin files of 1,000 records) as a path relative to it. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SHARED_CIFAR = '../shared/data/cifar10';

/** Runs the exported file with real PyTorch from the project's root: exit status, stdout, stderr. */
function runExported(source: string, args: string[], timeoutMs = 60_000): { status: number | null; stdout: string; stderr: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'torch-train-')), 'subnet.py');
  writeFileSync(file, source);
  const r = spawnSync(PYTHON, [file, ...args], { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, PYTHONUNBUFFERED: '1' } });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('PyTorch export trains offline on CIFAR-10 .bin files', () => {
  // The default nbmacro space (width 0.125), as the page exports it.
  const space = spaceOf(parseConfig('v=1').config);
  const path = [2, 0, 1, 2, 0, 0, 1, 2];
  const source = pytorchSource(space, path, { path: path.join(''), ...pathCost(space, path) });

  it('reads the default space at width 0.125', () => {
    expect(space.stemChannels).toBe(4);
    expect(existsSync(join(ROOT, SHARED_CIFAR, 'cifar10_data_batch_1_0000-0999.bin'))).toBe(true);
  });

  it.skipIf(!TORCH)(
    '--max-steps 30 from the shared .bin files: exits 0, and the logged loss falls',
    () => {
      const r = runExported(source, ['--data', SHARED_CIFAR, '--max-steps', '30', '--batch', '32', '--workers', '0']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('4000 training images');
      const logged = [...r.stdout.matchAll(/^step (\d+)\/30 {2}loss (\d+\.\d+)$/gm)].map((m) => ({ step: Number(m[1]), loss: Number(m[2]) }));
      expect(logged.length, r.stdout).toBeGreaterThanOrEqual(5);
      expect(logged.at(-1)!.step).toBe(30);
      expect(r.stdout).toContain('done: 30 steps');
      const losses = logged.map((l) => l.loss);
      for (const l of losses) expect(l).toBeGreaterThan(0);
      const last = losses.slice(-3);
      expect(last.reduce((a, b) => a + b, 0) / last.length, r.stdout).toBeLessThan(losses[0]!);
    },
    90_000,
  );

  it.skipIf(!TORCH)(
    'a folder without .bin files, or with a truncated one: exit status != 0 and a one-line error',
    () => {
      const empty = mkdtempSync(join(tmpdir(), 'no-cifar-'));
      writeFileSync(join(empty, 'notes.txt'), 'not CIFAR-10');
      const missing = runExported(source, ['--data', empty, '--max-steps', '1']);
      expect(missing.status).not.toBe(0);
      expect(missing.stdout).toBe('');
      expect(missing.stderr.trim().split('\n'), missing.stderr).toHaveLength(1);
      expect(missing.stderr).toMatch(/^error: no CIFAR-10 data in .*--download/);

      const truncated = mkdtempSync(join(tmpdir(), 'bad-cifar-'));
      writeFileSync(join(truncated, 'data_batch_1.bin'), new Uint8Array(3073 * 2 + 10));
      const bad = runExported(source, ['--data', truncated, '--max-steps', '1']);
      expect(bad.status).not.toBe(0);
      expect(bad.stderr.trim().split('\n'), bad.stderr).toHaveLength(1);
      expect(bad.stderr).toContain('data_batch_1.bin: 6156 bytes is not a whole number of 3073-byte CIFAR-10 records');
    },
    60_000,
  );

  it.skipIf(!TORCH)(
    'reads *.BIN in any case, and files named *test* as the test set',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'cifar-case-'));
      copyFileSync(join(ROOT, SHARED_CIFAR, 'cifar10_data_batch_1_0000-0999.bin'), join(dir, 'DATA_BATCH_1.BIN'));
      writeFileSync(join(dir, 'test_batch.bin'), readFileSync(join(ROOT, SHARED_CIFAR, 'cifar10_data_batch_1_1000-1999.bin')).subarray(0, 3073 * 100));
      const r = runExported(source, ['--data', dir, '--max-steps', '2', '--batch', '16', '--workers', '0']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('1000 training images, 100 test images');
      expect(r.stdout).toMatch(/^epoch 1\/100 {2}mean loss \d+\.\d+ {2}test accuracy \d+\.\d+%$/m);
    },
    60_000,
  );
});
