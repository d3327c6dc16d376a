import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pathAt, pathScore, type ScoreMatrix } from '../space/path';
import { createRng } from '../space/rng';
import { parseNbMacroTable } from './nbmacro';
import { groundTruthReport, groundTruthReportOf, indexOfPath, pathScoresOf, rankAgreement, trueRankOf } from './groundTruth';

import { readNbMacroJson } from '../../testing/nbmacroJson';

const url = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const json = readNbMacroJson();
const table = parseNbMacroTable(new Uint8Array(readFileSync(url('../../../public/nas-bench-macro.bin'))));
const N = 6561;
const keys = Array.from({ length: N }, (_, i) => pathAt(i, 8, 3).join('')); // index order = sorted keys
/** True accuracy straight from the JSON, as summed hundredths: exact, so ties are exact too. */
const sumH = keys.map((k) => json[k]!.test_acc.reduce((s, a) => s + Math.round(a * 100), 0));
const dash = (k: string) => [...k].join('-');

/** O(n^2) Kendall tau-b from the definition. */
function bruteTauB(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let c = 0,
    d = 0,
    ta = 0,
    tb = 0,
    n0 = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      n0++;
      const da = Math.sign(a[i]! - a[j]!),
        db = Math.sign(b[i]! - b[j]!);
      if (da === 0) ta++;
      if (db === 0) tb++;
      if (da * db > 0) c++;
      else if (da * db < 0) d++;
    }
  }
  return (c - d) / Math.sqrt((n0 - ta) * (n0 - tb));
}

/** Brute within-depth tau: per depth group (filter), size-weighted, groups without a tau skipped. */
function bruteWithin(a: ArrayLike<number>, b: ArrayLike<number>, depth: ArrayLike<number>): number {
  let sum = 0,
    w = 0;
  for (let g = 0; g <= 8; g++) {
    const idx = Array.from({ length: depth.length }, (_, i) => i).filter((i) => depth[i] === g);
    const tau =
      idx.length < 2
        ? NaN
        : bruteTauB(
            idx.map((i) => a[i]!),
            idx.map((i) => b[i]!),
          );
    if (Number.isFinite(tau)) {
      sum += tau * idx.length;
      w += idx.length;
    }
  }
  return w ? sum / w : NaN;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const randomScores = (seed: number, identityZero = false): ScoreMatrix => {
  const rng = createRng(seed),
    rnd = () => rng.next();
  return Array.from({ length: 8 }, () => [identityZero ? 0 : rnd(), rnd(), rnd()]);
};

describe('rankAgreement', () => {
  it('equals brute force on a random subset, ties included', () => {
    const rng = createRng(7),
      rnd = () => rng.next();
    const idx = Array.from({ length: 500 }, () => Math.floor(rnd() * N));
    const pred = idx.map(() => Math.floor(rnd() * 20)); // coarse: many ties
    const truth = idx.map((i) => table.mean[i]!),
      depth = Uint8Array.from(idx, (i) => table.depth[i]!);
    const r = rankAgreement(pred, truth, depth);
    expect(r.kendall).toBeCloseTo(bruteTauB(pred, truth), 12);
    expect(r.withinDepthKendall).toBeCloseTo(bruteWithin(pred, truth, depth), 12);
  });

  it('equals brute force on all 6,561 paths for the depth-count and FLOPs predictors', () => {
    const depthR = rankAgreement(table.depth, table.mean, table.depth);
    expect(depthR.kendall).toBeCloseTo(bruteTauB(table.depth, sumH), 12);
    expect(depthR.withinDepthKendall).toBeNaN(); // depth is constant within a depth group
    const flopsR = rankAgreement(table.flops, table.mean, table.depth);
    expect(flopsR.kendall).toBeCloseTo(bruteTauB(table.flops, sumH), 12);
    expect(flopsR.withinDepthKendall).toBeCloseTo(bruteWithin(table.flops, sumH, table.depth), 12);
  });

  it("reproduces the README's figures to 2 decimals", () => {
    const { params, flops, depth, largestOp, structure } = groundTruthReport(table, randomScores(1)).baselines;
    expect([depth.kendall, depth.spearman].map(round2)).toEqual([0.69, 0.83]);
    expect([params.kendall, params.spearman, params.withinDepthKendall].map(round2)).toEqual([0.22, 0.32, -0.26]);
    expect([flops.kendall, flops.spearman, flops.withinDepthKendall].map(round2)).toEqual([0.56, 0.75, 0.16]);
    const mb6 = keys.map((k) => [...k].filter((d) => d === '2').length);
    expect(round2(rankAgreement(mb6, table.mean, table.depth).withinDepthKendall)).toBe(0.3);
    // The report's largest-op baseline is that count, computed from path indices.
    expect(largestOp).toEqual(rankAgreement(mb6, table.mean, table.depth));
    // The BN score's structure alone (ops with a BN score 1, the BN-less stride-1 Identity 0), counted from the keys.
    const withBn = keys.map((k) => [...k].filter((d, l) => d !== '0' || [0, 2, 5].includes(l)).length);
    expect(structure).toEqual(rankAgreement(withBn, table.mean, table.depth));
    expect([structure.kendall, structure.withinDepthKendall].map(round2)).toEqual([0.34, -0.51]);
    const seed = (r: number) => keys.map((_, i) => table.runs[3 * i + r]!);
    expect(round2(rankAgreement(seed(0), seed(1), table.depth).kendall)).toBe(0.88);
  });
});

describe('groundTruthReport', () => {
  it('found, best and randomMean match brute force over the JSON', () => {
    for (const [seed, identityZero] of [
      [1, false],
      [2, true],
      [3, true],
    ] as const) {
      const scores = randomScores(seed, identityZero);
      const r = groundTruthReport(table, scores);
      const pred = keys.map((k) => pathScore(scores, [...k].map(Number)));
      const top = pred.reduce((b, s, i) => (s > pred[b]! ? i : b), 0);
      expect(r.found.path).toBe(dash(keys[top]!));
      expect(r.found.trueAccuracy).toBeCloseTo(json[keys[top]!]!.mean_acc, 4);
      expect(r.found.trueRank).toBe(1 + sumH.filter((s) => s > sumH[top]!).length);
      expect(r.found.percentile).toBeCloseTo((100 * sumH.filter((s) => s < sumH[top]!).length) / N, 12);
      expect(r.kendall).toBeCloseTo(bruteTauB(pred, sumH), 12);
      expect(r.paths).toBe(N);
    }
    const r = groundTruthReport(table, randomScores(1));
    const best = sumH.indexOf(Math.max(...sumH)); // first = lowest index = smallest key
    expect(r.best).toEqual({ path: dash(keys[best]!), index: best, trueAccuracy: table.mean[best] });
    expect(r.best.path).toBe('2-2-2-1-2-2-0-2'); // tied with 2-2-2-1-2-2-2-0 (same equivalence class)
    expect(r.best.trueAccuracy).toBeCloseTo(93.13, 2);
    const meanOfMeans = keys.reduce((s, k) => s + json[k]!.mean_acc, 0) / N;
    expect(r.randomMean).toBeCloseTo(meanOfMeans, 4);
  });

  it('takes top1Index and reports its true rank (competition ranking, ties share the best rank)', () => {
    const r = groundTruthReportOf(table, pathScoresOf(randomScores(4)), { top1Index: indexOfPath([2, 2, 2, 1, 2, 2, 2, 0], 3) });
    expect(r.found).toMatchObject({ path: '2-2-2-1-2-2-2-0', trueRank: 1 });
    expect(r.found.percentile).toBeCloseTo((100 * (N - 2)) / N, 12);
    expect(trueRankOf(table, 0)).toBe(1 + sumH.filter((s) => s > sumH[0]!).length);
    expect(() => groundTruthReportOf(table, new Float64Array(N), { top1Index: N })).toThrow(RangeError);
  });

  it('budget: best-scoring and truly best paths that fit, by brute force, with FLOPs or other costs', () => {
    const scores = randomScores(5, true),
      pred = pathScoresOf(scores);
    const costsList: [string, ArrayLike<number>, number][] = [
      ['flops', table.flops, 3e7],
      ['params', table.params, 1.2e6],
    ];
    for (const [what, costs, limit] of costsList) {
      const r = groundTruthReport(table, scores, what === 'flops' ? { budget: limit } : { budget: limit, costs });
      const fit = keys.map((_, i) => i).filter((i) => costs[i]! <= limit);
      const by = (key: ArrayLike<number>) => fit.reduce((b, i) => (key[i]! > key[b]! || (key[i] === key[b] && costs[i]! < costs[b]!) ? i : b));
      const exact = by(pred),
        trueBest = by(sumH);
      expect(r.budget!.feasible).toBe(fit.length);
      expect(r.budget!.exact).toEqual({ path: dash(keys[exact]!), index: exact, trueAccuracy: table.mean[exact], cost: costs[exact] });
      expect(r.budget!.trueBest).toMatchObject({ path: dash(keys[trueBest]!), cost: costs[trueBest] });
      expect(r.budget!.trueBest!.trueAccuracy).toBeCloseTo(json[keys[trueBest]!]!.mean_acc, 4);
      expect(r.budget!.trueBest!.trueAccuracy).toBeGreaterThanOrEqual(r.budget!.exact!.trueAccuracy);
    }
    const none = groundTruthReport(table, scores, { budget: 1 }).budget!;
    expect(none).toEqual({ limit: 1, feasible: 0, exact: null, trueBest: null });
    expect(groundTruthReport(table, scores).budget).toBeUndefined();
  });
});

describe('path helpers', () => {
  it('pathScoresOf and indexOfPath agree with pathAt and pathScore', () => {
    const scores = randomScores(8),
      all = pathScoresOf(scores);
    expect(all).toHaveLength(N);
    for (let i = 0; i < N; i += 97) {
      const p = pathAt(i, 8, 3);
      expect(indexOfPath(p, 3)).toBe(i);
      expect(all[i]).toBe(pathScore(scores, p));
    }
    expect(indexOfPath([2, 2, 2, 2, 2, 2, 2, 2], 3)).toBe(N - 1);
    expect(() => indexOfPath([0, 3], 3)).toThrow(RangeError);
  });
});
