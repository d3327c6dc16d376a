/**
 * The PyTorch search project through the real CLI and the real Python: `--export-pytorch` writes it, it
 * trains 30 steps offline on the shared CIFAR-10 files, `--scores` ranks its report against
 * NAS-Bench-Macro; torchrun with 2 processes gives one process's scores; a damaged report is one line.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cliTest';
import { PYTHON, run, SHARED_CIFAR, TORCH, TORCHRUN } from '../testing/torchRunner';

const dir = mkdtempSync(join(tmpdir(), 'cli-pytorch-'));
// The default space (NAS-Bench-Macro, width 0.125) with the Long run's recipe, 30 steps of 64 per epoch.
const LINK = 'v=1&space=nbmacro&width=0.125&n=1920&val=128&epochs=2&batch=64&bnscope=all&head=train&opt=sgd&lr=0.25&wd=0.00004&aug=cropflip';

interface Report {
  config: { seed: number; width: number };
  trainedWith: { framework: string; device: string; processes: number; steps: number; width: number };
  supernet: { steps: number };
  gammas: number[][];
  scores: number[][];
  scoresByEpoch: number[][][];
  top: { path: string; score: number; trueAccuracy?: number }[];
  stability: { epoch: number; kendall: number }[];
  groundTruth?: { kendall: number; found: { path: string; trueAccuracy: number }; byEpoch: unknown[] };
}

/** The best path by brute force over the 3^8 paths of the score matrix (the ranking's first row). */
function bestPath(scores: number[][]): { path: string; score: number } {
  let best = { path: '', score: -Infinity };
  for (let i = 0; i < 3 ** 8; i++) {
    const path = Array.from({ length: 8 }, (_, l) => Math.floor(i / 3 ** (7 - l)) % 3);
    const score = path.reduce((a, k, l) => a + scores[l]![k]!, 0);
    if (score > best.score) best = { path: path.join('-'), score };
  }
  return best;
}

describe('--export-pytorch', () => {
  it('writes the project of the config, its config.json the exact config', async () => {
    const out = join(dir, 'project');
    const r = await cli('--export-pytorch', out, '--config', LINK);
    expect(r.code, r.stderr).toBe(0);
    const exported = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')) as {
      config: Record<string, unknown>;
      space: { layers: unknown[]; stemChannels: number; headConv: number };
    };
    expect(exported.config).toMatchObject({ space: 'nbmacro', width: 0.125, n: 1920, batch: 64, bnscope: 'all', lr: 0.25, wd: 0.00004, aug: 'cropflip' });
    expect(exported.space.layers).toHaveLength(8);
    expect([exported.space.stemChannels, exported.space.headConv]).toEqual([4, 160]);
    for (const f of ['train_supernet.py', 'supernet.py', 'data.py', 'rng.py', 'README.md'])
      expect(readFileSync(join(out, f), 'utf8').length).toBeGreaterThan(100);
  }, 60_000);
});

describe.skipIf(!TORCH)(`the exported project (${PYTHON}), then --scores`, () => {
  const project = join(dir, 'trained');
  let report: Report;

  beforeAll(async () => {
    expect((await cli('--export-pytorch', project, '--config', LINK)).code).toBe(0);
    const r = await run(PYTHON, ['train_supernet.py', '--data', SHARED_CIFAR, '--max-steps', '30', '--out', 'report.json'], project);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('1920 training images, 128 validation images');
    expect(r.stdout).toMatch(/^step 30\/30 /m);
    report = JSON.parse(readFileSync(join(project, 'report.json'), 'utf8')) as Report;
  }, 120_000);

  it('trains 30 steps offline and writes the CLI schema: its top row is the best path of its own scores', () => {
    expect(report.trainedWith).toMatchObject({ framework: 'pytorch', device: 'CPU', processes: 1, steps: 30, width: 0.125 });
    expect(report.supernet.steps).toBe(30);
    expect(report.scoresByEpoch).toHaveLength(1);
    expect(report.scoresByEpoch[0]).toEqual(report.gammas);
    // Identity scores 0 under the default rule (skip); the blocks' gammas moved off 1.
    expect(report.scores.map((row) => row[0])).toEqual(Array(8).fill(0));
    expect(report.gammas.flat().some((g) => g !== 0 && Math.abs(g - 1) > 1e-4)).toBe(true);
    const best = bestPath(report.scores);
    expect(report.top[0]!.path).toBe(best.path);
    expect(report.top[0]!.score).toBeCloseTo(best.score, 9);
    expect(report.stability).toEqual([{ epoch: 1, kendall: 1 }]);
  });

  it('--scores ranks it against NAS-Bench-Macro, labelled with where it trained', async () => {
    const out = join(dir, 'checked.json');
    const r = await cli('--scores', join(project, 'report.json'), '--json', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('trained with pytorch');
    expect(r.stdout).toContain('on CPU: 30 steps, width 0.125');
    const checked = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(checked.trainedWith.device).toBe('CPU');
    const gt = checked.groundTruth!;
    expect(Number.isFinite(gt.kendall)).toBe(true);
    expect(gt.byEpoch).toHaveLength(1);
    expect(gt.found.path).toBe(bestPath(report.scores).path);
    expect(checked.top[0]!.trueAccuracy).toBe(gt.found.trueAccuracy);
    expect(checked.gammas).toEqual(report.gammas);
  }, 60_000);

  it('a damaged report is one error line, exit 1', async () => {
    const text = readFileSync(join(project, 'report.json'), 'utf8');
    const cut = join(dir, 'cut.json');
    writeFileSync(cut, text.slice(0, text.length / 2));
    const a = await cli('--scores', cut);
    expect(a.code).toBe(1);
    expect(a.stderr.trim().split('\n')).toHaveLength(1);
    expect(a.stderr).toMatch(/^error: --scores .*cut\.json: not JSON/);
    const wrong = join(dir, 'wrong.json');
    const parsed = JSON.parse(text) as Report;
    writeFileSync(wrong, JSON.stringify({ ...parsed, scoresByEpoch: [parsed.gammas.slice(1)] }));
    const b = await cli('--scores', wrong);
    expect(b.code).toBe(1);
    expect(b.stderr.trim()).toBe(`error: --scores ${wrong}: scoresByEpoch[0]: expected 8 rows of 3 non-negative numbers (the config's space)`);
  }, 60_000);
});

describe.skipIf(!TORCH)('torchrun --nproc_per_node=2 (gloo, CPU)', () => {
  it('gives the scores of one process for the same global batch', async () => {
    const project = join(dir, 'ddp');
    expect((await cli('--export-pytorch', project, '--config', LINK)).code).toBe(0);
    const args = ['--data', SHARED_CIFAR, '--max-steps', '5', '--device', 'cpu'];
    const one = await run(PYTHON, ['train_supernet.py', ...args, '--out', 'one.json'], project);
    expect(one.code, one.stderr).toBe(0);
    // --redirects/--tee 2 (stderr, teed): Debian's torch 1.13 on Python >= 3.11 cannot read their default '0' (Std.NONE).
    const two = await run(
      TORCHRUN,
      ['--standalone', '--nproc_per_node=2', '--redirects', '2', '--tee', '2', 'train_supernet.py', ...args, '--out', 'two.json'],
      project,
    );
    expect(two.code, two.stderr).toBe(0);
    expect(two.stdout).toContain('5 steps of 64 images (2 processes x 32)');
    const [a, b] = ['one.json', 'two.json'].map((f) => JSON.parse(readFileSync(join(project, f), 'utf8')) as Report);
    expect(b!.trainedWith.processes).toBe(2);
    // Every gamma moved, and moved alike (BN statistics over both halves; per-process BN differs by ~2e-3 here).
    let worst = 0;
    a!.gammas.forEach((row, l) =>
      row.forEach((g, k) => {
        if (g !== 0) worst = Math.max(worst, Math.abs(g - b!.gammas[l]![k]!) / g);
      }),
    );
    expect(a!.gammas.flat().filter((g) => g !== 0 && Math.abs(g - 1) > 1e-4).length).toBeGreaterThan(0);
    expect(worst).toBeLessThan(1e-4);
    expect(b!.top.map((r) => r.path)).toEqual(a!.top.map((r) => r.path));
  }, 120_000);
});
