import { describe, expect, it } from 'vitest';
import { chanceCheck } from './chance';

describe('chanceCheck', () => {
  it('puts the edge where the binomial says: 10 classes, 500 images → 10% + 1.645·√(0.09/500) ≈ 12.2%', () => {
    const c = chanceCheck(0.11, 500, 10);
    expect(c.chance).toBe(0.1);
    expect(c.bound).toBeCloseTo(0.1 + 1.645 * Math.sqrt(0.09 / 500), 12);
    expect(c.atChance).toBe(true);
    expect(chanceCheck(0.13, 500, 10).atChance).toBe(false);
  });

  it('is stricter with fewer images, and with no validation set nothing is shown to beat chance', () => {
    expect(chanceCheck(0.13, 50, 10).atChance).toBe(true);
    expect(chanceCheck(0.9, 0, 10).atChance).toBe(true);
  });

  it('a simulation of guessing stays under the edge about 95% of the time', () => {
    let seed = 7;
    const next = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
    let under = 0;
    for (let t = 0; t < 2000; t++) {
      let hits = 0;
      for (let i = 0; i < 500; i++) if (next() < 0.1) hits++;
      if (chanceCheck(hits / 500, 500, 10).atChance) under++;
    }
    expect(under / 2000).toBeGreaterThan(0.92);
    expect(under / 2000).toBeLessThan(0.98);
  });
});
