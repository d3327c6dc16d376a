import { describe, expect, it } from 'vitest';
import { createRng } from '../space/rng';
import { chanceCheck } from './chance';

/** P(X ≤ k) for X ~ Binomial(n, p), k = 0..n, summed exactly from the pmf (an independent check of the normal approximation). */
function binomialCdf(n: number, p: number): number[] {
  const cdf: number[] = [];
  let pmf = (1 - p) ** n;
  let sum = 0;
  for (let k = 0; k <= n; k++) {
    sum += pmf;
    cdf.push(sum);
    pmf *= ((n - k) / (k + 1)) * (p / (1 - p));
  }
  return cdf;
}

describe('chanceCheck', () => {
  it('puts the edge at 12.2% for 10 classes on 500 images, within one image of the exact binomial 95% quantile', () => {
    const c = chanceCheck(0.11, 500, 10);
    expect(c.chance).toBe(0.1);
    expect(c.bound).toBeCloseTo(0.1221, 4); // the figure the README quotes ("guessing reaches up to 12.2% there")
    const cdf = binomialCdf(500, 0.1);
    const q95 = cdf.findIndex((p) => p >= 0.95); // the fewest hits guessing stays at or under 95% of the time
    expect(Math.abs(c.bound * 500 - q95)).toBeLessThanOrEqual(1);
    expect(c.atChance).toBe(true);
    expect(chanceCheck(0.13, 500, 10).atChance).toBe(false);
  });

  it('is stricter with fewer images, and with no validation set nothing is shown to beat chance', () => {
    expect(chanceCheck(0.13, 50, 10).atChance).toBe(true);
    expect(chanceCheck(0.9, 0, 10).atChance).toBe(true);
  });

  it('guessing stays under the edge as often as the exact binomial says (about 95%), simulated', () => {
    // The project's seeded generator (32-bit integer arithmetic throughout): an LCG in doubles loses its low bits past 2^53.
    const rng = createRng(7);
    const trials = 4000;
    let under = 0;
    for (let t = 0; t < trials; t++) {
      let hits = 0;
      for (let i = 0; i < 500; i++) if (rng.next() < 0.1) hits++;
      if (chanceCheck(hits / 500, 500, 10).atChance) under++;
    }
    const exact = binomialCdf(500, 0.1)[Math.floor(chanceCheck(0, 500, 10).bound * 500)]!;
    expect(exact).toBeGreaterThan(0.94);
    expect(exact).toBeLessThan(0.97);
    // Four standard errors of a proportion over `trials` draws.
    expect(Math.abs(under / trials - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / trials));
  });
});
