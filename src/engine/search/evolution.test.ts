import { describe, it, expect } from 'vitest';
import { pathAt, pathCount, pathScore } from '../space/path';
import { createRng, type Rng } from '../space/rng';
import { costRange, additiveCost, type LayerCosts } from './budget';
import { evolutionarySearch } from './evolution';

function randomSpace(rng: Rng, layers: number, numOps: number, decimals?: number) {
  const round = (v: number) => (decimals === undefined ? v : Math.round(v * 10 ** decimals) / 10 ** decimals);
  const scores = Array.from({ length: layers }, () => Array.from({ length: numOps }, () => round(rng.next())));
  const costs: LayerCosts = {
    base: 1000 * rng.int(50),
    perOp: Array.from({ length: layers }, () => Array.from({ length: numOps }, () => 1000 * rng.int(100))),
  };
  return { scores, costs };
}

/** Brute-force best score among all paths with cost <= budget (-Infinity if none). */
function bruteBestScore(scores: number[][], costs: LayerCosts, budget: number): number {
  const layers = scores.length,
    numOps = scores[0]!.length;
  let best = -Infinity;
  for (let i = 0; i < pathCount(layers, numOps); i++) {
    const path = pathAt(i, layers, numOps);
    let cost = costs.base;
    path.forEach((op, l) => {
      cost += costs.perOp[l]![op]!;
    });
    if (cost <= budget) best = Math.max(best, pathScore(scores, path));
  }
  return best;
}

describe('evolutionarySearch', () => {
  it('stays within budget and never beats the exact optimum', () => {
    for (let seed = 0; seed < 40; seed++) {
      const rng = createRng(seed);
      const layers = 4 + rng.int(2),
        numOps = 3 + rng.int(3);
      const { scores, costs } = randomSpace(rng, layers, numOps, seed % 2 ? 1 : undefined);
      const { min, max } = costRange(costs);
      const budget = min + rng.int(max - min + 1);
      const result = evolutionarySearch(scores, costs, budget, rng.fork('search'))!;
      const optimum = bruteBestScore(scores, costs, budget);
      expect(result.cost).toBeLessThanOrEqual(budget);
      expect(result.cost).toBe(additiveCost(costs, result.path));
      expect(result.score).toBe(pathScore(scores, result.path));
      expect(result.score).toBeLessThanOrEqual(optimum);
      expect(result.evaluated).toBeLessThanOrEqual(pathCount(layers, numOps));
      expect(result.history.length).toBe(result.generations + 1);
      expect(result.history[result.history.length - 1]).toBe(result.score);
      // The best-so-far never falls.
      result.history.forEach((s, g) => {
        if (g > 0) expect(s).toBeGreaterThanOrEqual(result.history[g - 1]!);
      });
    }
  });

  it('reaches the optimum on small spaces that its 50 x 20 evaluations cover', () => {
    for (let seed = 0; seed < 40; seed++) {
      const rng = createRng(1000 + seed);
      const { scores, costs } = randomSpace(rng, 4, 3 + rng.int(2), 1); // 81 or 256 paths
      const { min, max } = costRange(costs);
      const budget = min + rng.int(max - min + 1);
      const result = evolutionarySearch(scores, costs, budget, createRng(seed))!;
      expect(result.score).toBe(bruteBestScore(scores, costs, budget));
    }
  });

  it('is deterministic given the seed', () => {
    const { scores, costs } = randomSpace(createRng(5), 6, 5);
    const { min, max } = costRange(costs);
    const budget = (min + max) / 2;
    const a = evolutionarySearch(scores, costs, budget, createRng(42));
    const b = evolutionarySearch(scores, costs, budget, createRng(42));
    expect(a).toEqual(b);
    expect(a!.generations).toBe(20);
    // Slots whose draws keep hitting seen or over-budget paths give up, so at most 50 + 20 x 50.
    expect(a!.evaluated).toBeGreaterThan(50);
    expect(a!.evaluated).toBeLessThanOrEqual(50 + 20 * 50);
    expect(evolutionarySearch(scores, costs, budget, createRng(43))!.evaluated).not.toBe(a!.evaluated);
  });

  it('returns null when no path fits, and finds a lone feasible path', () => {
    const scores = [
      [0.5, 0.2, 0.9],
      [0.1, 0.4, 0.3],
      [0.7, 0.6, 0.8],
      [0.2, 0.2, 0.2],
    ];
    const costs: LayerCosts = {
      base: 10,
      perOp: [
        [1, 2, 3],
        [1, 2, 3],
        [1, 2, 3],
        [1, 2, 3],
      ],
    };
    expect(evolutionarySearch(scores, costs, 13, createRng(1))).toBeNull();
    const lone = evolutionarySearch(scores, costs, 14, createRng(1))!;
    expect(lone.path).toEqual([0, 0, 0, 0]);
    expect(lone.evaluated).toBe(1);
  });

  it('stops early once a tiny space is exhausted, scoring each path once', () => {
    const scores = [
      [0.1, 0.2],
      [0.3, 0.4],
    ];
    const costs: LayerCosts = {
      base: 0,
      perOp: [
        [1, 1],
        [1, 1],
      ],
    };
    const result = evolutionarySearch(scores, costs, 10, createRng(3), { maxTries: 20 })!;
    expect(result.evaluated).toBe(4);
    expect(result.path).toEqual([1, 1]);
    expect(result.generations).toBe(0);
  });
});
