/**
 * The CLI with damaged shipped assets (BNNAS_ASSETS points at a folder of them) and an oversized data
 * file: one `error:` line naming the file and the fix, exit code 1, no stack trace, nothing read whole
 * (the large files are sparse: gigabytes announced, no disk used).
 */
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliWithEnv, type Exit } from './cliTest';

const RUN = ['--data', 'generated', '--n', '64', '--val', '32', '--epochs', '1', '--quiet'];
let tmp: string;
const folder = (name: string) => {
  const d = join(tmp, name);
  mkdirSync(d);
  return d;
};
const sparse = (path: string, bytes: number) => {
  writeFileSync(path, '');
  truncateSync(path, bytes);
};

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bn-nas-assets-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function expectOneLine(r: Exit, ...parts: string[]): void {
  expect(r.code).toBe(1);
  const lines = r.stderr
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('error:') || /^\s+at /.test(l));
  expect(lines, r.stderr).toHaveLength(1);
  for (const p of parts) expect(lines[0]).toContain(p);
  expect(r.stdout).toBe('');
}

describe.concurrent('the CLI with damaged assets', () => {
  it('a garbage benchmark table: damaged, with the fix', async () => {
    const d = folder('garbage');
    writeFileSync(join(d, 'nas-bench-macro.bin'), Buffer.alloc(5000, 0x41));
    expectOneLine(
      await cliWithEnv({ BNNAS_ASSETS: d }, ...RUN),
      `${d}/nas-bench-macro.bin is damaged: NAS-Bench-Macro table:`,
      'git checkout public/nas-bench-macro.bin',
    );
  });

  it('a missing table, and a folder in its place', async () => {
    const empty = folder('empty');
    const dir = folder('dir');
    mkdirSync(join(dir, 'nas-bench-macro.bin'));
    const [missing, isDir] = await Promise.all([cliWithEnv({ BNNAS_ASSETS: empty }, ...RUN), cliWithEnv({ BNNAS_ASSETS: dir }, ...RUN)]);
    expectOneLine(missing, 'nas-bench-macro.bin is missing (ENOENT)', 'scripts/pack-nbmacro.ts');
    expectOneLine(isDir, 'nas-bench-macro.bin is not a file');
  });

  it('a 1.5 GB table and a 3 GB images pack are refused by size, not read (nor called missing)', async () => {
    const big = folder('big');
    sparse(join(big, 'nas-bench-macro.bin'), 1.5e9);
    sparse(join(big, 'cifar10-4000.pack'), 3e9);
    const [table, pack] = await Promise.all([
      cliWithEnv({ BNNAS_ASSETS: big }, ...RUN),
      cliWithEnv({ BNNAS_ASSETS: big }, '--data', 'builtin', '--space', 'custom', '--stages', '4x1', '--epochs', '1', '--quiet'),
    ]);
    expectOneLine(table, 'nas-bench-macro.bin is 1.5 GB, far over the 4.0 MB it can be');
    expectOneLine(pack, 'cifar10-4000.pack is 3.0 GB, far over the 32.0 MB it can be');
    expect(pack.stderr).not.toContain('missing');
  });

  it('a 300 MB .bin given as --data is refused before it is read', async () => {
    const file = join(tmp, 'data_batch_1.bin');
    sparse(file, 300e6);
    expectOneLine(
      await cliWithEnv({}, '--data', file, '--space', 'custom', '--stages', '4x1', '--quiet'),
      `--data: ${file} is 300 MB: a CIFAR-10 set is at most ~185 MB`,
    );
  });
});
