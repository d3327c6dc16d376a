import { describe, expect, it } from 'vitest';
import { pathAt, pathScore } from '../space/path';
import { spreadPaths } from './spread';

describe('spreadPaths', () => {
  it('takes the best, evenly spaced ranks and the worst of a brute-force ranking', () => {
    const scores = [
      [0.9, 0.5, 0.7],
      [0.2, 0.8, 0.4],
      [1.0, 0.1, 0.6],
    ];
    const all = Array.from({ length: 27 }, (_, i) => pathAt(i, 3, 3))
      .map((p) => ({ key: p.join('-'), s: pathScore(scores, p) }))
      .sort((a, b) => b.s - a.s || (a.key < b.key ? -1 : 1));
    const picked = spreadPaths(scores, 5);
    expect(picked.map((p) => p.path)).toEqual([0, 7, 13, 20, 26].map((r) => all[r]!.key));
    expect(picked[0]!.score).toBe(all[0]!.s);
    expect(picked[4]!.score).toBe(all[26]!.s);
  });

  it('samples very large spaces deterministically, best first', () => {
    const scores = Array.from({ length: 12 }, (_, l) => Array.from({ length: 5 }, (_, k) => 1 + ((l * 7 + k * 3) % 5) / 10));
    const a = spreadPaths(scores, 4),
      b = spreadPaths(scores, 4);
    expect(a).toEqual(b);
    for (let i = 1; i < a.length; i++) expect(a[i]!.score).toBeLessThanOrEqual(a[i - 1]!.score);
  });
});
