import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { kendallTauB, meanRanks, spearmanRho } from './metrics';

/** O(n^2) tau-b straight from the definition: (concordant - discordant) / sqrt((n0 - n1)(n0 - n2)). */
function bruteTauB(a: number[], b: number[]): number {
  let c = 0,
    d = 0,
    tiesA = 0,
    tiesB = 0,
    n0 = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      n0++;
      const da = Math.sign(a[i]! - a[j]!),
        db = Math.sign(b[i]! - b[j]!);
      if (da === 0) tiesA++;
      if (db === 0) tiesB++;
      if (da * db > 0) c++;
      if (da * db < 0) d++;
    }
  }
  return (c - d) / Math.sqrt((n0 - tiesA) * (n0 - tiesB));
}

/** O(n^2) mean ranks: (number below) + (number equal, self included, + 1) / 2. */
function bruteRanks(x: number[]): number[] {
  return x.map((v) => x.filter((w) => w < v).length + (x.filter((w) => w === v).length + 1) / 2);
}

function brutePearson(x: number[], y: number[]): number {
  const mx = x.reduce((s, v) => s + v, 0) / x.length,
    my = y.reduce((s, v) => s + v, 0) / y.length;
  let sxy = 0,
    sxx = 0,
    syy = 0;
  x.forEach((v, i) => {
    sxy += (v - mx) * (y[i]! - my);
    sxx += (v - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

const isConstant = (x: number[]) => x.every((v) => v === x[0]);
/** Paired arrays of small integers, so that ties are common. */
const pairs = (max: number) =>
  fc
    .integer({ min: 0, max: 60 })
    .chain((n) =>
      fc.tuple(fc.array(fc.integer({ min: 0, max }), { minLength: n, maxLength: n }), fc.array(fc.integer({ min: 0, max }), { minLength: n, maxLength: n })),
    );

describe('kendallTauB', () => {
  it('counts concordance without ties', () => {
    // b in a-order is 3 4 1 2 5: discordant pairs (3,1) (3,2) (4,1) (4,2) = 4 of 10, so
    // tau = (6 - 4) / 10.
    expect(kendallTauB([1, 2, 3, 4, 5], [3, 4, 1, 2, 5])).toBeCloseTo(0.2, 15);
  });

  it('applies the tau-b tie correction', () => {
    // Pairs of (a, b) = (1,1) (2,3) (2,2) (3,2):
    //   0-1 C, 0-2 C, 0-3 C, 1-2 tied in a, 1-3 D (a up, b down), 2-3 tied in b.
    // n0 = 6, n1 = n2 = 1, C - D = 2  =>  tau-b = 2 / sqrt(5 * 5) = 0.4.
    expect(kendallTauB([1, 2, 2, 3], [1, 3, 2, 2])).toBeCloseTo(0.4, 15);
    // A pair tied in both counts in n1 and n2 (and n3): (1,1) (1,1) (2,2): C = 2, n0 = 3,
    // n1 = n2 = 1 => 2 / sqrt(2 * 2) = 1.
    expect(kendallTauB([1, 1, 2], [1, 1, 2])).toBe(1);
    // (1,1) (1,2) (2,1) (2,2): two pairs tied in a, two tied in b, (1,1)-(2,2) C, (1,2)-(2,1) D;
    // n0 = 6, n1 = n2 = 2, C - D = 0 => 0.
    expect(kendallTauB([1, 1, 2, 2], [1, 2, 1, 2])).toBe(0);
  });

  it('is NaN when either side is constant or there are fewer than two pairs', () => {
    expect(kendallTauB([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(kendallTauB([1, 2, 3], [4, 4, 4])).toBeNaN();
    expect(kendallTauB([1], [2])).toBeNaN();
    expect(kendallTauB([], [])).toBeNaN();
    expect(() => kendallTauB([1, 2], [1])).toThrow();
  });

  it('equals the O(n^2) definition on random data with many ties', () => {
    fc.assert(
      fc.property(pairs(4), ([a, b]) => {
        const tau = kendallTauB(a, b);
        if (a.length < 2 || isConstant(a) || isConstant(b)) return Number.isNaN(tau);
        return Math.abs(tau - bruteTauB(a, b)) < 1e-12;
      }),
      { numRuns: 500 },
    );
  });

  it('is symmetric, in [-1, 1], 1 against itself and -1 against its reverse', () => {
    fc.assert(
      fc.property(pairs(1000), ([a, b]) => {
        fc.pre(a.length >= 2 && !isConstant(a) && !isConstant(b));
        const tau = kendallTauB(a, b);
        return (
          tau === kendallTauB(b, a) &&
          tau >= -1 &&
          tau <= 1 &&
          kendallTauB(a, a) === 1 &&
          kendallTauB(
            a,
            a.map((v) => -v),
          ) === -1
        );
      }),
      { numRuns: 300 },
    );
  });

  it('accepts typed arrays', () => {
    expect(kendallTauB(new Float64Array([1, 2, 3]), new Float32Array([3, 2, 1]))).toBe(-1);
  });
});

describe('spearmanRho', () => {
  it('matches hand-worked examples', () => {
    // Ranks of b: 3 4 1 2 5; d = -2 -2 2 2 0, sum d^2 = 16; rho = 1 - 6*16 / (5*24) = 0.2.
    expect(spearmanRho([1, 2, 3, 4, 5], [3, 4, 1, 2, 5])).toBeCloseTo(0.2, 12);
    // Mean ranks a = 1 2.5 2.5 4, b = 1 4 2.5 2.5 (mean 2.5): deviations a = -1.5 0 0 1.5,
    // b = -1.5 1.5 0 0; covariance sum 2.25, variance sums 4.5 each => 0.5.
    expect(spearmanRho([1, 2, 2, 3], [1, 3, 2, 2])).toBeCloseTo(0.5, 12);
    expect(spearmanRho([1, 1, 1], [1, 2, 3])).toBeNaN();
  });

  it('gives tied values their mean rank', () => {
    expect(Array.from(meanRanks([10, 30, 20, 30, 10, 30]))).toEqual([1.5, 5, 3, 5, 1.5, 5]);
  });

  it('equals Pearson on O(n^2) mean ranks, symmetric and in [-1, 1]', () => {
    fc.assert(
      fc.property(pairs(5), ([a, b]) => {
        fc.pre(a.length >= 2 && !isConstant(a) && !isConstant(b));
        const rho = spearmanRho(a, b);
        return (
          Math.abs(rho - brutePearson(bruteRanks(a), bruteRanks(b))) < 1e-12 &&
          Math.abs(rho - spearmanRho(b, a)) < 1e-12 &&
          rho >= -1 - 1e-12 &&
          rho <= 1 + 1e-12
        );
      }),
      { numRuns: 500 },
    );
  });

  it('is unchanged by a strictly increasing transform', () => {
    fc.assert(
      fc.property(pairs(50), ([a, b]) => {
        fc.pre(a.length >= 2 && !isConstant(a) && !isConstant(b));
        return (
          spearmanRho(a, b) ===
          spearmanRho(
            a.map((v) => Math.exp(v / 10)),
            b,
          )
        );
      }),
    );
  });
});
