import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, ROOT, TINY, type Exit } from './cliTest';

let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bn-nas-cli-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The report without its wall-clock fields. */
function withoutTimings(report: Json): Json {
  const r = structuredClone(report);
  delete r.supernet.seconds;
  delete r.supernet.imagesPerSecond;
  delete r.rankSeconds;
  for (const e of r.epochs) {
    delete e.seconds;
    delete e.imagesPerSecond;
  }
  return r;
}

describe('CLI runs', () => {
  let first: Json, second: Json, other: Json, firstExit: Exit;

  beforeAll(async () => {
    // The generated images, whatever the config's default data.
    const [a, b, c] = await Promise.all([
      cli('--data', 'generated', ...TINY, '--json', join(tmp, 'a.json')),
      cli('--data', 'generated', ...TINY, '--json', join(tmp, 'b.json')),
      // A --config link's bad value stays a warning (the flags set every key it could change here).
      cli('--data', 'generated', '--config', '#v=1&topk=abc', ...TINY, '--seed', '2', '--json', join(tmp, 'c.json')),
    ]);
    for (const r of [a, b, c]) expect(r.code, r.stderr).toBe(0);
    firstExit = a;
    expect(c.stderr).toContain('warning: topk=abc is not a number; using the default 10');
    first = JSON.parse(readFileSync(join(tmp, 'a.json'), 'utf8'));
    second = JSON.parse(readFileSync(join(tmp, 'b.json'), 'utf8'));
    other = JSON.parse(readFileSync(join(tmp, 'c.json'), 'utf8'));
  });

  it('a tiny run exits 0, prints a summary and writes the documented JSON keys', () => {
    expect(firstExit.stdout).toContain('BN-NAS BN-only supernet on generated(seed=1)');
    expect(firstExit.stderr).toContain('tensors alive at exit: 0');
    // One epoch on 64 images is at chance, and the summary says so with the binomial edge for its validation count.
    const val = first.epochs[first.epochs.length - 1].valAccuracy;
    const bound = 0.1 + 1.645 * Math.sqrt(0.09 / first.data.val);
    if (val <= bound)
      expect(firstExit.stdout).toContain(
        `note: the supernet is at chance level (validation ${(val * 100).toFixed(1)}% on ${first.data.val} images; guessing reaches up to ${(bound * 100).toFixed(1)}% there)`,
      );
    else expect(firstExit.stdout).not.toContain('at chance level');
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining([
        'version',
        'config',
        'url',
        'backend',
        'space',
        'data',
        'supernet',
        'scores',
        'scoresByEpoch',
        'stability',
        'top',
        'constrained',
        'rankSeconds',
      ]),
    );
    expect(Object.keys(first.space).sort()).toEqual(['layers', 'ops', 'paths']);
    expect(Object.keys(first.data).sort()).toEqual(['source', 'train', 'val']);
    expect(Object.keys(first.supernet).sort()).toEqual([
      'chance',
      'epochs',
      'finalLoss',
      'imagesPerSecond',
      'mode',
      'seconds',
      'steps',
      'totalParams',
      'trainableParams',
      'valAccuracy',
    ]);
    expect(Object.keys(first.constrained).sort()).toEqual(['evolutionary', 'exact', 'flops']);
  });

  it('the JSON values follow from the options', () => {
    expect(first.version).toBe(1);
    expect(first.backend).toBe('wasm');
    expect(first.config).toMatchObject({
      n: 64,
      val: 32,
      epochs: 1,
      batch: 16,
      stages: [
        { channels: 4, layers: 1 },
        { channels: 8, layers: 1 },
      ],
      data: 'generated',
      seed: 1,
    });
    expect(first.url).toMatch(/^#v=1&/);
    expect(first.url).toContain('stages=4x1,8x1');
    // default ops conv3, conv5, sep3, sep5, mb3 over 2 layers: 5^2 = 25 paths
    expect(first.space).toEqual({ layers: 2, ops: ['conv3', 'conv5', 'sep3', 'sep5', 'mb3'], paths: 25 });
    expect(first.data).toEqual({ source: 'generated(seed=1)', train: 64, val: 32 });
    expect(first.supernet.mode).toBe('bn');
    expect(first.supernet.epochs).toBe(1);
    expect(first.supernet.steps).toBe(4); // 64 / 16
    // last-BN gamma+beta of every op: layer 0 (4 ch) 5*2*4 = 40, layer 1 (8 ch) 5*2*8 = 80
    expect(first.supernet.trainableParams).toBe(120);
    // stem 9*3*4 + 2*4 = 116, head 8*10 + 10 = 90;
    // layer 0 (4→4): conv3 152, conv5 408, sep3 60, sep5 124, mb3 260 = 1,004;
    // layer 1 (4→8, stride 2): conv3 304, conv5 816, sep3 84, sep5 148, mb3 316 = 1,668
    expect(first.supernet.totalParams).toBe(116 + 90 + 1_004 + 1_668);
    expect(Number.isFinite(first.supernet.finalLoss)).toBe(true);
    expect(first.scoresByEpoch.length).toBe(1);
    expect(first.scores).toEqual(first.scoresByEpoch[0]);
    expect(first.stability).toEqual([{ epoch: 1, kendall: 1 }]);
    expect(first.top.length).toBe(10);
    const argmax = (first.scores as number[][]).map((row) => row.indexOf(Math.max(...row)));
    expect(first.top[0].path).toBe(argmax.join('-'));
    const c = first.constrained;
    expect(c.exact.flops).toBeLessThanOrEqual(c.flops);
    expect(c.evolutionary.flops).toBeLessThanOrEqual(c.flops);
    expect(c.evolutionary.score).toBeLessThanOrEqual(c.exact.score);
  });

  it('the same seed gives the same JSON apart from timings; another seed differs', () => {
    expect(withoutTimings(second)).toEqual(withoutTimings(first));
    expect(other.scores).not.toEqual(first.scores);
  });

  it('--retrain N (2 seeds each) retrains N spread subnets and reports every proxy and the seed noise, recomputable from the JSON', async () => {
    const out = join(tmp, 'retrain.json');
    const r = await cli(...TINY, '--retrain', '3', '--retrain-epochs', '1', '--retrain-seeds', '2', '--json', out);
    expect(r.code).toBe(0);
    const report: Json = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.retrain).toHaveLength(3);
    for (const row of report.retrain) {
      expect(row.accuracy).toBeGreaterThanOrEqual(0);
      expect(row.accuracy).toBeLessThanOrEqual(1);
      expect(row.epochs).toBe(1);
      expect(row.accuracies).toHaveLength(2);
      expect(row.accuracy).toBeCloseTo((row.accuracies[0] + row.accuracies[1]) / 2, 12);
    }
    const diffs = report.retrain.map((x: Json) => Math.abs(x.accuracies[0] - x.accuracies[1]));
    expect(report.seedNoise.seeds).toBe(2);
    expect(report.seedNoise.meanAbsDiff).toBeCloseTo(diffs.reduce((a: number, b: number) => a + b, 0) / 3, 12);
    expect(r.stdout).toContain('seed noise over 2 seeds');
    // The first spread path is the top-ranked one.
    expect(report.retrain[0].path).toBe(report.top[0].path);
    expect(Object.keys(report.proxies).sort()).toEqual(['bnScore', 'flops', 'gradNorm', 'naswot', 'params', 'snip', 'synflow']);
    // Kendall tau-b of score vs accuracy over 3 rows, recomputed by brute force (ties count in neither direction).
    const xs: number[] = report.retrain.map((x: Json) => x.score),
      ys: number[] = report.retrain.map((x: Json) => x.accuracy);
    let c = 0,
      d = 0,
      tx = 0,
      ty = 0;
    for (let i = 0; i < 3; i++)
      for (let j = i + 1; j < 3; j++) {
        const a = Math.sign(xs[i]! - xs[j]!),
          b = Math.sign(ys[i]! - ys[j]!);
        if (a === 0 && b === 0) continue;
        if (a === 0) tx++;
        else if (b === 0) ty++;
        else if (a === b) c++;
        else d++;
      }
    const tau = (c - d) / Math.sqrt((c + d + tx) * (c + d + ty));
    if (Number.isNaN(tau)) expect(report.proxy.kendall).toBeNull();
    else expect(report.proxy.kendall).toBeCloseTo(tau, 9);
    expect(r.stdout).toContain('proxy leaderboard over 3 retrained subnets');
  });

  it("--mode both compares with SPOS, and --retrain then retrains SPOS's sample with SPOS accuracy as a proxy", async () => {
    const out = join(tmp, 'both.json');
    const r = await cli(...TINY, '--mode', 'both', '--sposx', '2', '--sposn', '4', '--retrain', '3', '--retrain-epochs', '1', '--json', out);
    expect(r.code, r.stderr).toBe(0);
    const report: Json = JSON.parse(readFileSync(out, 'utf8'));
    const c = report.comparison;
    expect(c.spos.epochs).toBe(2 * report.config.epochs);
    expect(c.sample).toHaveLength(4);
    expect(c.checkpoints.map((k: Json) => k.epoch)).toEqual([report.config.epochs, 2 * report.config.epochs]);
    expect(report.retrain.map((x: Json) => x.path)).toEqual(c.sample.slice(0, 3).map((x: Json) => x.path));
    expect(report.proxies.sposAccuracy.n).toBe(3);
    expect(report.proxies.sposShort.n).toBe(3);
    expect(r.stdout).toContain('BN-NAS vs SPOS');
    expect(r.stdout).toMatch(/evaluating one subnet .* ns .*x/);
  });

  it('reads a .tar and a .TAR.GZ as the page does, and a folder with a .BIN file and a subfolder named x.bin: the same images, the same scores', async () => {
    const shared = join(ROOT, '../shared/data/cifar10');
    const batches = join(tmp, 'archive', 'cifar-10-batches-bin');
    mkdirSync(batches, { recursive: true });
    copyFileSync(join(shared, 'cifar10_data_batch_1_0000-0999.bin'), join(batches, 'data_batch_1.bin'));
    copyFileSync(join(shared, 'cifar10_data_batch_1_1000-1999.bin'), join(batches, 'test_batch.bin'));
    writeFileSync(join(batches, 'readme.html'), '<p>not a batch</p>');
    const tar = join(tmp, 'cifar.tar'),
      targz = join(tmp, 'CIFAR.TAR.GZ');
    execFileSync('tar', ['-cf', tar, '-C', join(tmp, 'archive'), 'cifar-10-batches-bin']);
    execFileSync('tar', ['-czf', targz, '-C', join(tmp, 'archive'), 'cifar-10-batches-bin']);
    // The folder: the same two files in the same order, one in capitals, beside a subfolder named like a batch file.
    const folder = join(tmp, 'folder');
    mkdirSync(join(folder, 'x.bin'), { recursive: true });
    copyFileSync(join(batches, 'data_batch_1.bin'), join(folder, 'data_batch_1.bin'));
    copyFileSync(join(batches, 'test_batch.bin'), join(folder, 'test_batch.BIN'));
    const runs = await Promise.all(
      [tar, targz, folder].map(async (source, i) => {
        const out = join(tmp, `source-${i}.json`);
        const r = await cli('--data', source, ...TINY, '--json', out);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).not.toContain('EISDIR');
        return JSON.parse(readFileSync(out, 'utf8')) as Json;
      }),
    );
    expect(runs[0].data.source).toContain(`${tar}:cifar-10-batches-bin/data_batch_1.bin`);
    expect(runs[0].data.source).toContain(`${tar}:cifar-10-batches-bin/test_batch.bin`);
    expect(runs[0].data.source).not.toContain('readme');
    expect(runs[1].data.source).toContain(`${targz}:cifar-10-batches-bin/test_batch.bin`);
    expect(runs[2].data.source).toContain('test_batch.BIN');
    expect(runs[2].data.source).not.toContain('x.bin');
    for (const r of runs) expect(r.config.data).toBe('cifar10');
    expect(runs[1].scores).toEqual(runs[0].scores);
    expect(runs[2].scores).toEqual(runs[0].scores);
  });

  it('runs on the real CIFAR-10 files', async () => {
    const out = join(tmp, 'cifar.json');
    const r = await cli('--data', '../shared/data/cifar10', ...TINY, '--json', out);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.config.data).toBe('cifar10');
    expect(report.data.source).toContain('cifar10_data_batch_1_0000-0999.bin');
    expect(report.data.source).toContain('cifar10_data_batch_1_3000-3999.bin');
    expect(report.data.train).toBe(64);
    expect(report.data.val).toBe(32);
    expect(report.scoresByEpoch.length).toBe(1);
    expect(Number.isFinite(report.supernet.finalLoss)).toBe(true);
  });
});

describe('--proxies on NAS-Bench-Macro', () => {
  it('scores n sampled networks with the zero-cost proxies; the BN score row equals its tau over the sample against the table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nas-proxies-'));
    try {
      const out = join(dir, 'p.json');
      const r = await cli('--data', 'builtin', '--n', '256', '--val', '64', '--epochs', '1', '--proxies', '10', '--quiet', '--json', out);
      expect(r.code).toBe(0);
      const report = JSON.parse(readFileSync(out, 'utf8'));
      const s = report.groundTruth.proxySample;
      expect(s.paths).toBe(10);
      expect(Object.keys(s.proxies).sort()).toEqual(['bnScore', 'flops', 'gradNorm', 'naswot', 'params', 'snip', 'synflow']);
      const table = JSON.parse(readFileSync(join(ROOT, '../shared/data/nas-bench-macro/nas-bench-macro_cifar10.json'), 'utf8'));
      const bn = s.sample.map((p: string) => p.split('-').reduce((a: number, d: string, l: number) => a + report.scores[l][Number(d)], 0));
      const truth = s.sample.map((p: string) => table[p.replaceAll('-', '')].test_acc.reduce((a: number, b: number) => a + Math.round(b * 100), 0) / 300);
      let c = 0,
        d = 0,
        tx = 0,
        ty = 0;
      for (let i = 0; i < 10; i++)
        for (let j = i + 1; j < 10; j++) {
          const a = Math.sign(bn[i] - bn[j]),
            b = Math.sign(truth[i] - truth[j]);
          if (a === 0 && b === 0) continue;
          if (a === 0) tx++;
          else if (b === 0) ty++;
          else if (a === b) c++;
          else d++;
        }
      expect(s.proxies.bnScore.kendall).toBeCloseTo((c - d) / Math.sqrt((c + d + ty) * (c + d + tx)), 9);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
