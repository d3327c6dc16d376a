import { describe, it, expect } from 'vitest';
import { pathAt, pathCount, pathScore, type ScoreMatrix } from '../space/path';
import { createRng, type Rng } from '../space/rng';
import { bestUnderBudget, costRange, additiveCost, type LayerCosts } from './budget';

function randomScores(rng: Rng, layers: number, numOps: number, decimals: number | undefined): number[][] {
  return Array.from({ length: layers }, () =>
    Array.from({ length: numOps }, () => {
      const v = rng.next();
      return decimals === undefined ? v : Math.round(v * 10 ** decimals) / 10 ** decimals;
    }),
  );
}

/** Integer costs up to `scale` per op; a small scale makes many costs tie. */
function randomCosts(rng: Rng, layers: number, numOps: number, scale: number): LayerCosts {
  return {
    base: rng.int(scale * 3),
    perOp: Array.from({ length: layers }, () => Array.from({ length: numOps }, () => rng.int(scale + 1))),
  };
}

/** Brute force: every path within budget, best by score desc, cost asc, path asc. */
function bruteBest(scores: ScoreMatrix, costs: LayerCosts, budget: number) {
  const layers = scores.length,
    numOps = scores[0]!.length;
  let best: { path: number[]; score: number; cost: number } | null = null;
  for (let i = 0; i < pathCount(layers, numOps); i++) {
    const path = pathAt(i, layers, numOps);
    let cost = costs.base;
    path.forEach((op, l) => {
      cost += costs.perOp[l]![op]!;
    });
    if (cost > budget) continue;
    const score = pathScore(scores, path);
    // Enumeration is in path order, so only a strictly better (score, cost) replaces.
    if (!best || score > best.score || (score === best.score && cost < best.cost)) best = { path, score, cost };
  }
  return best;
}

describe('bestUnderBudget', () => {
  it('matches brute force over all paths for many random spaces and budgets', () => {
    for (let seed = 0; seed < 200; seed++) {
      const rng = createRng(seed);
      const layers = 1 + rng.int(5),
        numOps = 1 + rng.int(5);
      const scores = randomScores(rng, layers, numOps, [undefined, 1, 0][seed % 3]);
      const costs = randomCosts(rng, layers, numOps, [3, 1000, 5_000_000][Math.floor(seed / 3) % 3]!);
      const { min, max } = costRange(costs);
      const budgets = [min - 1, min, max, max + 1, ...Array.from({ length: 6 }, () => min + rng.int(max - min + 1))];
      for (const budget of budgets) {
        expect(bestUnderBudget(scores, costs, budget)).toEqual(bruteBest(scores, costs, budget));
      }
    }
  });

  it('keeps a lower-scoring prefix whose completions round to the same score', () => {
    // [0, 0] and [1, 0] both score exactly 1 (1e-17 is lost), cost the same: path order wins.
    expect(bestUnderBudget([[0, 1e-17], [1]], { base: 0, perOp: [[5, 5], [1]] }, 6)).toEqual({ path: [0, 0], score: 1, cost: 6 });
  });

  it('matches brute force on values chosen to collide under rounding', () => {
    const values = [0, 1e-17, 3e-17, 0.1, 0.2, 0.3, 0.7, 1];
    for (let seed = 0; seed < 150; seed++) {
      const rng = createRng(500 + seed);
      const layers = 1 + rng.int(5),
        numOps = 1 + rng.int(5);
      const scores = Array.from({ length: layers }, () => Array.from({ length: numOps }, () => values[rng.int(values.length)]!));
      const costs = randomCosts(rng, layers, numOps, 2);
      const { min, max } = costRange(costs);
      for (let budget = min; budget <= max; budget++) {
        expect(bestUnderBudget(scores, costs, budget)).toEqual(bruteBest(scores, costs, budget));
      }
    }
  });

  it('prefers the cheaper, then the lexicographically smaller path among equal scores', () => {
    const scores = [
      [1, 1, 1],
      [2, 2, 2],
    ];
    const costs: LayerCosts = {
      base: 10,
      perOp: [
        [5, 3, 3],
        [4, 4, 9],
      ],
    };
    expect(bestUnderBudget(scores, costs, 100)).toEqual({ path: [1, 0], score: 3, cost: 17 });
  });

  it('returns null when even the cheapest path is over budget', () => {
    const costs: LayerCosts = {
      base: 1,
      perOp: [
        [2, 3],
        [4, 5],
      ],
    };
    expect(
      bestUnderBudget(
        [
          [0, 1],
          [0, 1],
        ],
        costs,
        6,
      ),
    ).toBeNull();
    expect(
      bestUnderBudget(
        [
          [0, 1],
          [0, 1],
        ],
        costs,
        7,
      ),
    ).toEqual({ path: [0, 0], score: 0, cost: 7 });
  });

  it('rejects costs shaped unlike the scores', () => {
    expect(() => bestUnderBudget([[1, 2]], { base: 0, perOp: [[1]] }, 10)).toThrow();
  });

  it('handles a 5^20 space without enumerating it', () => {
    const rng = createRng(3);
    const scores = randomScores(rng, 20, 5, 3);
    const costs = randomCosts(rng, 20, 5, 1_000_000);
    const { min, max } = costRange(costs);
    const best = bestUnderBudget(scores, costs, (min + max) / 2)!;
    expect(best.cost).toBeLessThanOrEqual((min + max) / 2);
    expect(best.cost).toBe(additiveCost(costs, best.path));
    expect(best.score).toBe(pathScore(scores, best.path));
  });
});

describe('costRange and additiveCost', () => {
  it('bound every path cost and are attained', () => {
    const rng = createRng(11);
    const costs = randomCosts(rng, 4, 3, 100);
    const all = Array.from({ length: 81 }, (_, i) => additiveCost(costs, pathAt(i, 4, 3)));
    expect(costRange(costs)).toEqual({ min: Math.min(...all), max: Math.max(...all) });
  });
});
