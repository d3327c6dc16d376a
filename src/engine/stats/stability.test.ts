import { describe, it, expect } from 'vitest';
import { pathAt, pathCount, pathScore } from '../space/path';
import { createRng, type Rng } from '../space/rng';
import { allPathScores } from '../search/rank';
import { kendallTauB } from './metrics';
import { rankingAgreement, rankStability } from './stability';

function randomScores(rng: Rng, layers: number, numOps: number): number[][] {
  return Array.from({ length: layers }, () => Array.from({ length: numOps }, () => Math.round(rng.next() * 20) / 10));
}

/** A training trajectory: scores drift from noise toward a fixed target matrix. */
function trajectory(rng: Rng, layers: number, numOps: number, steps: number): number[][][] {
  const start = randomScores(rng, layers, numOps),
    target = randomScores(rng, layers, numOps);
  return Array.from({ length: steps }, (_, t) => start.map((row, l) => row.map((v, k) => v + (target[l]![k]! - v) * (t / (steps - 1)))));
}

/** Every path's score by pathScore, enumerated with pathAt. */
function bruteVector(scores: number[][]): number[] {
  const layers = scores.length,
    numOps = scores[0]!.length;
  return Array.from({ length: pathCount(layers, numOps) }, (_, i) => pathScore(scores, pathAt(i, layers, numOps)));
}

describe('rankStability', () => {
  it('is exact tau-b against the final snapshot over all paths in small spaces', () => {
    for (let seed = 0; seed < 10; seed++) {
      const rng = createRng(seed);
      const snaps = trajectory(rng, 3 + rng.int(3), 2 + rng.int(4), 5);
      const final = bruteVector(snaps[snaps.length - 1]!);
      const expected = snaps.map((s) => kendallTauB(bruteVector(s), final));
      expect(rankStability(snaps)).toEqual(expected);
      expect(expected[expected.length - 1]).toBe(1);
    }
  });

  it('samples large spaces once, deterministically, close to the exact value', () => {
    const snaps = trajectory(createRng(1), 8, 5, 4); // 390,625 paths > 100,000
    const sampled = rankStability(snaps, createRng(9));
    expect(rankStability(snaps, createRng(9))).toEqual(sampled);
    expect(sampled[sampled.length - 1]).toBe(1);
    const final = allPathScores(snaps[snaps.length - 1]!);
    snaps.forEach((s, i) => {
      // The sampling error of tau over 10,000 paths is about 0.007; allow 4x.
      expect(Math.abs(sampled[i]! - kendallTauB(allPathScores(s), final))).toBeLessThan(0.03);
    });
  });

  it('is 1 throughout when training only rescales the scores', () => {
    const base = randomScores(createRng(4), 9, 4); // 262,144 paths: sampled
    // Scaling by a power of two is exact in floating point, so path order is unchanged.
    const snaps = [0.25, 0.5, 2, 1].map((c) => base.map((row) => row.map((v) => v * c)));
    expect(rankStability(snaps, createRng(0))).toEqual([1, 1, 1, 1]);
  });

  it('handles no snapshots and rejects mismatched shapes', () => {
    expect(rankStability([])).toEqual([]);
    expect(() => rankStability([[[1, 2]], [[1, 2, 3]]])).toThrow();
  });
});

describe('rankingAgreement', () => {
  it('is the exact tau-b between two matrices in small spaces, and symmetric', () => {
    const rng = createRng(12);
    const a = randomScores(rng, 4, 4),
      b = randomScores(rng, 4, 4);
    expect(rankingAgreement(a, b)).toBe(kendallTauB(bruteVector(a), bruteVector(b)));
    expect(rankingAgreement(b, a)).toBe(rankingAgreement(a, b));
    expect(rankingAgreement(a, a)).toBe(1);
  });

  it('is -1 for reversed rankings and deterministic when sampled', () => {
    const rng = createRng(13);
    const a = randomScores(rng, 10, 4),
      b = randomScores(rng, 10, 4);
    expect(rankingAgreement(a, b, createRng(1))).toBe(rankingAgreement(a, b, createRng(1)));
    // Integer scores sum exactly, so 20 - v reverses the path order exactly, ties included.
    const ints = a.map((row) => row.map((v) => Math.round(v * 10)));
    expect(
      rankingAgreement(
        ints,
        ints.map((row) => row.map((v) => 20 - v)),
        createRng(1),
      ),
    ).toBe(-1);
  });
});
