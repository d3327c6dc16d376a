import { describe, expect, it } from 'vitest';
import { meanAndSd, nullKendallSd, proxyLeaderboard, seedNoise } from './leaderboard';

const proxies = (params: number, flops: number) => ({ params, flops, gradNorm: 1, snip: 1, synflow: 1, naswot: 1 });

describe('proxyLeaderboard', () => {
  it('ranks proxies by Kendall tau against accuracy; constant proxies give NaN and sink', () => {
    const rows = [
      { path: 'a', score: 1, accuracy: 0.1, proxies: proxies(3, 1) },
      { path: 'b', score: 2, accuracy: 0.2, proxies: proxies(2, 2) },
      { path: 'c', score: 3, accuracy: 0.3, proxies: proxies(1, 4) },
    ];
    const board = proxyLeaderboard(rows);
    expect(board[0]!.kendall).toBe(1); // bnScore and flops both rank perfectly
    expect(
      board
        .slice(0, 2)
        .map((b) => b.name)
        .sort(),
    ).toEqual(['bnScore', 'flops']);
    expect(board.find((b) => b.name === 'params')!.kendall).toBe(-1);
    expect(board.find((b) => b.name === 'params')!.spearman).toBe(-1);
    expect(Number.isNaN(board[board.length - 1]!.kendall)).toBe(true);
  });

  it('correlates extra proxies over the subnets that have them', () => {
    const rows = [
      { path: 'a', score: 1, accuracy: 0.1, proxies: proxies(1, 1), extra: { spos: 0.3 } },
      { path: 'b', score: 2, accuracy: 0.2, proxies: proxies(1, 1), extra: { spos: 0.2 } },
      { path: 'c', score: 3, accuracy: 0.3, proxies: proxies(1, 1) },
      { path: 'd', score: 4, accuracy: 0.4, proxies: proxies(1, 1), extra: { spos: 0.1 } },
    ];
    const spos = proxyLeaderboard(rows).find((b) => b.name === 'spos')!;
    expect(spos).toEqual({ name: 'spos', n: 3, kendall: -1, spearman: -1 });
    expect(proxyLeaderboard(rows).find((b) => b.name === 'bnScore')!.n).toBe(4);
  });

  it('null sd of tau for n = 10 is sqrt(2 * 25 / (9 * 90))', () => {
    expect(nullKendallSd(10)).toBeCloseTo(Math.sqrt(50 / 810), 12);
  });
});

describe('seedNoise', () => {
  it('averages |difference| over subnets and seed pairs, and tau between seed rankings', () => {
    // Three subnets, three seeds. Seed pairs (0,1), (0,2), (1,2).
    const acc = [
      [0.5, 0.6, 0.5],
      [0.4, 0.3, 0.4],
      [0.7, 0.7, 0.6],
    ];
    // |diffs|: pair01 .1,.1,0; pair02 0,0,.1; pair12 .1,.1,.1 → sum .6 over 9
    const noise = seedNoise(acc)!;
    expect(noise.seeds).toBe(3);
    expect(noise.meanAbsDiff).toBeCloseTo(0.6 / 9, 12);
    // pair01: (.5,.4,.7) vs (.6,.3,.7): concordant → 1; pair02: vs (.5,.4,.6) → 1; pair12: (.6,.3,.7) vs (.5,.4,.6) → 1
    expect(noise.kendall).toBe(1);
    // One reversed seed: seed 1 ranks the subnets the other way.
    expect(
      seedNoise([
        [0.1, 0.3],
        [0.2, 0.2],
        [0.3, 0.1],
      ])!.kendall,
    ).toBe(-1);
  });

  it('is null without two seeds or two subnets, and uses the smallest seed count', () => {
    expect(seedNoise([[0.5], [0.4]])).toBeNull();
    expect(seedNoise([[0.5, 0.4]])).toBeNull();
    expect(
      seedNoise([
        [0.5, 0.4, 0.9],
        [0.1, 0.2],
      ])!.seeds,
    ).toBe(2);
  });
});

it('meanAndSd gives the sample standard deviation', () => {
  expect(meanAndSd([1, 2, 3, 4])).toEqual({ mean: 2.5, sd: Math.sqrt(5 / 3) });
  expect(meanAndSd([0.7])).toEqual({ mean: 0.7, sd: 0 });
});
