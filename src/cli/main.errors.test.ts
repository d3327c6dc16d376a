import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, TINY, type Exit } from './cliTest';
import { DEFAULT_CONFIG } from '../config';

let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bn-nas-cli-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe.concurrent('CLI usage errors', () => {
  it('an unknown option exits 2 with the usage on stderr', async () => {
    const r = await cli('--nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: .*--nope/);
    expect(r.stderr).toContain('usage: npm run nas -- [options]');
    expect(r.stdout).toBe('');
  });

  it('--seeds out of 1..5 exits 2 with the usage on stderr', async () => {
    const r = await cli('--seeds', '9');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--seeds must be an integer from 1 to 5, got '9'");
    expect(r.stderr).toContain('usage: npm run nas -- [options]');
    expect(r.stdout).toBe('');
  });

  it('--help prints the usage on stdout and exits 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('usage: npm run nas -- [options]');
    expect(r.stdout).toMatch(new RegExp(`epochs +int 1..200 +default ${DEFAULT_CONFIG.epochs} `));
  });
});

/** The CLI's own usage error: one error line, a blank line, the usage, nothing on stdout, no run started. */
function expectUsageError(r: Exit, text: string): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.startsWith(`error: ${text}\n\nusage: npm run nas -- [options]`), r.stderr).toBe(true);
  expect(r.stderr).not.toContain('backend:');
  expect(r.stdout).toBe('');
}

/** TINY without the flags named (each flag is given once: a repeated one is itself an error). */
const tinyWithout = (...flags: string[]) => TINY.filter((a, i) => !flags.includes(a) && !flags.includes(TINY[i - 1]!));

describe.concurrent("config keys as flags are checked like the CLI's own flags", () => {
  it('--epochs abc exits 2 with the warning text and the usage, and does not run', async () => {
    expectUsageError(await cli(...tinyWithout('--epochs'), '--epochs', 'abc'), 'epochs=abc is not a number');
  });

  it('a value out of range exits 2 naming the limit', async () => {
    expectUsageError(await cli(...tinyWithout('--batch'), '--batch', '4'), 'batch=4 is below the minimum 8');
  });

  it('the retrain aliases too: --retrain-seeds 9 exits 2', async () => {
    expectUsageError(await cli(...TINY, '--retrain-seeds', '9'), 'rseeds=9 is above the maximum 5');
  });

  it('a name in other case is no error (it is only read ignoring case); a bad value beside it is', async () => {
    expectUsageError(await cli(...tinyWithout('--epochs'), '--mode', 'FULL', '--epochs', '0'), 'epochs=0 is below the minimum 1');
  });

  it('several bad flags are reported on one line', async () => {
    expectUsageError(
      await cli(...tinyWithout('--epochs'), '--epochs', 'abc', '--mode', 'fast'),
      'epochs=abc is not a number; mode=fast is not one of bn|full|both',
    );
  });
});

describe.concurrent('--json is checked before the run', () => {
  const refused = (r: Exit, path: string, why: string) => {
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`error: --json ${path}: cannot write there: ${why}`);
    expect(r.stderr).not.toContain('backend:');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  };

  it('into a missing folder', async () => {
    const path = join(tmp, 'no-such-folder', 'r.json');
    refused(await cli(...TINY, '--json', path), path, `the folder ${join(tmp, 'no-such-folder')} does not exist`);
  });

  it('onto a folder', async () => {
    refused(await cli(...TINY, '--json', tmp), tmp, 'it is a folder, not a file');
  });

  it('into a read-only folder, creating nothing', async () => {
    // root writes through file modes: there, sysfs (which refuses new files to anyone) stands in.
    const root = process.getuid?.() === 0;
    const dir = join(tmp, 'read-only');
    mkdirSync(dir);
    if (!root) chmodSync(dir, 0o555);
    const path = root ? '/sys/bn-nas-report.json' : join(dir, 'r.json');
    refused(await cli(...TINY, '--json', path), path, 'permission denied');
    expect(existsSync(path)).toBe(false);
  });
});

describe('a diverging run', () => {
  it('exits 1 with the reason on one line: no summary, no stack trace', async () => {
    // Full SPOS, SGD at lr 10 on a deeper-than-tiny space: the BN gammas overflow within a few epochs (every key pinned, none left to defaults).
    const r = await cli(
      '--data',
      'generated',
      '--stages',
      '4x2,8x2',
      '--n',
      '64',
      '--val',
      '16',
      '--batch',
      '8',
      '--epochs',
      '50',
      '--mode',
      'full',
      '--opt',
      'sgd',
      '--lr',
      '10',
      '--quiet',
    );
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(
      /^error: the (loss diverged at step \d+ \(epoch \d+\)|BN scores diverged by the end of epoch \d+ \(step \d+\)): lower the learning rate \(lr=10\)$/m,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toContain('TrainingDiverged');
    expect(r.stdout).toBe('');
  }, 60_000);
});

describe.concurrent('CLI data errors', () => {
  it('--data on a missing path exits 1 with a clear message, no stack trace', async () => {
    const r = await cli('--data', '/nonexistent', ...TINY);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: --data: no such file or folder: /nonexistent');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--data on a file that is not CIFAR-10 exits 1 naming the file and the fault', async () => {
    const bad = join(tmp, 'bad.bin');
    writeFileSync(bad, new Uint8Array(100));
    const r = await cli('--data', bad, ...TINY);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: ${bad}`);
    expect(r.stderr).toContain('truncated');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--data on a folder whose only .bin is a subfolder says there are no .bin files (no EISDIR)', async () => {
    const dir = join(tmp, 'only-a-folder');
    mkdirSync(join(dir, 'x.bin'), { recursive: true });
    const r = await cli('--data', dir, ...TINY);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: --data: no CIFAR-10 .bin files in ${dir}`);
    expect(r.stderr).not.toContain('EISDIR');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--data on a file of another kind names the kinds it reads', async () => {
    const other = join(tmp, 'images.zip');
    writeFileSync(other, new Uint8Array(10));
    const r = await cli('--data', other, ...TINY);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: --data: ${other}: unsupported file: expected CIFAR-10 .bin files, a .tar or cifar-10-binary.tar.gz`);
  });

  it('--data on a .tar.gz that is not gzip says so', async () => {
    const fake = join(tmp, 'fake.tar.gz');
    writeFileSync(fake, new Uint8Array(2048).fill(7));
    const r = await cli('--data', fake, ...TINY);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: ${fake}: not a valid gzip archive`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('CLI flags read strictly (issue 17, item 17)', () => {
  it('a hex count, a repeated flag and --eval-data without --retrain each exit 2 and say why', async () => {
    const hex = await cli('--proxies', '0x0a', ...TINY);
    expect(hex.code).toBe(2);
    expect(hex.stderr).toMatch(/--proxies must be an integer/);
    const twice = await cli('--seed', '1', '--seed', '2', ...TINY);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/--seed given 2 times/);
    const evalOnly = await cli('--eval-data', 'somewhere', ...TINY);
    expect(evalOnly.code).toBe(2);
    expect(evalOnly.stderr).toMatch(/--eval-data .* needs --retrain/);
  });
});
