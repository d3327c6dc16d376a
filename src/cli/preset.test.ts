import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './cliTest';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bn-nas-cli-preset-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('--preset', () => {
  it("sets every recipe key of the --config link (the link's 'both' and 1,000 images go), keeps its seed and top-k, then the flags apply", async () => {
    const out = join(tmp, 'paper.json');
    // A 'BN-NAS vs SPOS' link: the paper preset must not inherit its mode, sizes or SPOS settings.
    const link = '#v=1&seed=7&topk=5&mode=both&n=1000&epochs=2&sposn=50&wd=0.001&aug=cropflip';
    const r = await cli(
      '--config',
      link,
      '--preset',
      'paper',
      '--data',
      'generated',
      '--stages',
      '4x1,8x1',
      '--n',
      '64',
      '--val',
      '32',
      '--batch',
      '16',
      '--epochs',
      '1',
      '--quiet',
      '--json',
      out,
    );
    expect(r.code, r.stderr).toBe(0);
    const { config } = JSON.parse(readFileSync(out, 'utf8'));
    // The paper's four keys; mode, SPOS, wd, aug at their defaults; seed and top-k from the link; the flags on top.
    expect(config).toMatchObject({
      opt: 'sgd',
      lr: 0.1,
      bnscope: 'last',
      head: 'frozen',
      mode: 'bn',
      sposn: 20,
      wd: 0,
      aug: 'none',
      seed: 7,
      topk: 5,
      space: 'custom',
      stages: [
        { channels: 4, layers: 1 },
        { channels: 8, layers: 1 },
      ],
      n: 64,
      val: 32,
      batch: 16,
      epochs: 1,
      data: 'generated',
    });
  }, 120_000);
});
