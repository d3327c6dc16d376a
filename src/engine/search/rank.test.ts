import { describe, it, expect } from 'vitest';
import { pathAt, pathCount, pathScore, type ScoreMatrix } from '../space/path';
import { createRng, type Rng } from '../space/rng';
import { allPathScores, rankPaths, topK } from './rank';

/** Random L x K matrix; `decimals` rounds values so that many scores tie. */
function randomScores(rng: Rng, layers: number, numOps: number, decimals?: number): number[][] {
  return Array.from({ length: layers }, () =>
    Array.from({ length: numOps }, () => {
      const v = rng.next();
      return decimals === undefined ? v : Math.round(v * 10 ** decimals) / 10 ** decimals;
    }),
  );
}

/** Every path with its pathScore, stably sorted by score desc (enumeration is path asc). */
function bruteRanking(scores: ScoreMatrix): { path: number[]; score: number }[] {
  const layers = scores.length,
    numOps = scores[0]!.length;
  const all = Array.from({ length: pathCount(layers, numOps) }, (_, i) => {
    const path = pathAt(i, layers, numOps);
    return { path, score: pathScore(scores, path) };
  });
  return all.sort((a, b) => b.score - a.score);
}

describe('topK', () => {
  it('equals a brute-force stable sort over all paths, ties included', () => {
    for (let seed = 0; seed < 150; seed++) {
      const rng = createRng(seed);
      const layers = 1 + rng.int(5),
        numOps = 1 + rng.int(5);
      const decimals = [undefined, 1, 0][seed % 3];
      const scores = randomScores(rng, layers, numOps, decimals);
      const brute = bruteRanking(scores);
      for (const k of [1, 3, 17, brute.length - 1, brute.length, brute.length + 5]) {
        expect(topK(scores, k)).toEqual(brute.slice(0, Math.max(0, k)));
      }
    }
  });

  it('keeps path order when float rounding makes different op scores tie', () => {
    // 0 + 1 and 1e-17 + 1 both round to 1, so [0, 0] ties [1, 0] and comes first.
    const scores = [
      [0, 1e-17],
      [1, 0],
    ];
    expect(topK(scores, 1)).toEqual([{ path: [0, 0], score: 1 }]);
    expect(topK(scores, 4)).toEqual(bruteRanking(scores));
  });

  it('equals brute force on values chosen to collide under rounding', () => {
    const values = [0, 1e-17, 3e-17, 0.1, 0.2, 0.3, 0.7, 1];
    for (let seed = 0; seed < 150; seed++) {
      const rng = createRng(500 + seed);
      const layers = 1 + rng.int(5),
        numOps = 1 + rng.int(5);
      const scores = Array.from({ length: layers }, () => Array.from({ length: numOps }, () => values[rng.int(values.length)]!));
      const brute = bruteRanking(scores);
      for (const k of [1, 2, 5, 20, brute.length]) expect(topK(scores, k)).toEqual(brute.slice(0, k));
    }
  });

  it('breaks all-equal scores by path order', () => {
    const scores = [
      [1, 1],
      [1, 1],
    ];
    expect(topK(scores, 4).map((r) => r.path)).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
  });

  it('answers quickly when all 5^10 paths tie', () => {
    const scores = Array.from({ length: 10 }, () => new Array<number>(5).fill(0.5));
    const top = topK(scores, 100);
    expect(top.map((r) => r.path)).toEqual(Array.from({ length: 100 }, (_, i) => pathAt(i, 10, 5)));
  });

  it('returns nothing for k <= 0 and the empty path for zero layers', () => {
    expect(topK([[1, 2]], 0)).toEqual([]);
    expect(topK([], 3)).toEqual([{ path: [], score: 0 }]);
  });

  it('finds the top 100 of 5^10 paths, checked against a scan of all path scores', () => {
    const scores = randomScores(createRng(7), 10, 5, 2);
    const top = topK(scores, 100);
    const all = allPathScores(scores);
    const cut = top[top.length - 1]!.score;
    // Every path scoring at least the 100th score, ranked by (score desc, index asc).
    const above: number[] = [];
    for (let i = 0; i < all.length; i++) if (all[i]! >= cut) above.push(i);
    above.sort((i, j) => all[j]! - all[i]! || i - j);
    expect(top.map((r) => r.path)).toEqual(above.slice(0, 100).map((i) => pathAt(i, 10, 5)));
    expect(top.map((r) => r.score)).toEqual(above.slice(0, 100).map((i) => all[i]));
  });
});

describe('allPathScores', () => {
  it('is bit-equal to pathScore at every pathAt index', () => {
    for (let seed = 0; seed < 40; seed++) {
      const rng = createRng(100 + seed);
      const layers = rng.int(6),
        numOps = 1 + rng.int(5);
      // Unrounded values with mixed magnitudes make any change in summation order visible.
      const scores = randomScores(rng, layers, numOps).map((row) => row.map((v) => v * 10 ** rng.int(8)));
      const all = allPathScores(scores);
      expect(all.length).toBe(pathCount(layers, numOps));
      for (let i = 0; i < all.length; i++) {
        expect(Object.is(all[i], pathScore(scores, pathAt(i, layers, numOps)))).toBe(true);
      }
    }
  });

  it('rejects ragged matrices', () => {
    expect(() => allPathScores([[1, 2], [3]])).toThrow();
  });
});

describe('rankPaths', () => {
  it('lists path indices in brute-force ranking order', () => {
    for (let seed = 0; seed < 30; seed++) {
      const rng = createRng(200 + seed);
      const layers = 1 + rng.int(4),
        numOps = 1 + rng.int(4);
      const scores = randomScores(rng, layers, numOps, 1);
      const ranked = Array.from(rankPaths(scores), (i) => pathAt(i, layers, numOps));
      expect(ranked).toEqual(bruteRanking(scores).map((r) => r.path));
    }
  });
});
