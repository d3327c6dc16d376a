import { describe, expect, it } from 'vitest';
import { allPathScores, resolveBudget } from '../search';
import { buildNbMacroSpace, createRng, pathAt, pathCost, pathKey, pathScore } from '../space';
import { meanThatFits, pathFlops } from './budget';
import { bestAndRandomMean, budgetPicks, trueRankOf } from './groundTruth';

// What the page reads live off its copy of the table (SearchOutcome, TruthScatter), checked by brute force.
const space = buildNbMacroSpace(0.125);
const L = space.layers.length,
  K = space.ops.length,
  N = K ** L;

function fixture(seed: number) {
  const rng = createRng(seed);
  // Scores rounded to a few values and accuracies to hundredths, so ties occur and the tie rules are exercised.
  const scores = space.layers.map(() => space.ops.map(() => Math.round(rng.next() * 4) / 4));
  const mean = Float64Array.from({ length: N }, () => Math.round(8000 + rng.next() * 1500) / 100);
  return { scores, mean, table: { mean, count: N, layers: L, numOps: K } };
}

describe('the live budget and picks', () => {
  it('pathFlops matches pathCost for every path', () => {
    const flops = pathFlops(space);
    for (let i = 0; i < N; i += 37) expect(flops[i]).toBe(pathCost(space, pathAt(i, L, K)).flops);
  });

  it('bestAndRandomMean and trueRankOf agree with a sort', () => {
    const { mean, table } = fixture(3);
    const { best, randomMean } = bestAndRandomMean(table);
    const max = Math.max(...mean);
    expect(best.trueAccuracy).toBe(max);
    expect(best.index).toBe(mean.indexOf(max));
    expect(best.path).toBe(pathKey(pathAt(best.index, L, K)));
    expect(randomMean).toBeCloseTo(mean.reduce((a, b) => a + b, 0) / N, 10);
    const sorted = [...mean].sort((a, b) => b - a);
    for (const i of [0, 100, 4000]) expect(trueRankOf(table, i)).toBe(sorted.indexOf(mean[i]!) + 1);
  });

  it('budgetPicks picks the best-scoring and the truly best path that fits, by brute force; meanThatFits their mean', () => {
    for (const seed of [1, 2]) {
      const { scores, mean, table } = fixture(seed);
      const limit = resolveBudget(space, 'flops', 'auto');
      const got = budgetPicks(table, allPathScores(scores), limit, pathFlops(space));
      const paths = Array.from({ length: N }, (_, i) => {
        const path = pathAt(i, L, K);
        return { i, score: pathScore(scores, path), cost: pathCost(space, path).flops, acc: mean[i]! };
      }).filter((p) => p.cost <= got.limit);
      const order = (key: (p: (typeof paths)[number]) => number) => [...paths].sort((a, b) => key(b) - key(a) || a.cost - b.cost || a.i - b.i)[0]!;
      expect(got.feasible).toBe(paths.length);
      expect(got.exact?.index).toBe(order((p) => p.score).i);
      expect(got.trueBest?.index).toBe(order((p) => p.acc).i);
      expect(got.trueBest?.trueAccuracy).toBe(Math.max(...paths.map((p) => p.acc)));
      expect(meanThatFits(mean, limit, pathFlops(space))).toBeCloseTo(paths.reduce((a, p) => a + p.acc, 0) / paths.length, 10);
    }
  });
});
