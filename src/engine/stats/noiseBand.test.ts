import { describe, expect, it } from 'vitest';
import { insideNoise, noiseBand } from './noiseBand';

describe('noise band', () => {
  it('is the mean and sample sd of the draws (hand-computed), and mean ± 2 sd bounds "inside"', () => {
    const b = noiseBand([1, 2, 3, 4]); // mean 2.5, sample variance (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3
    expect(b).toEqual({ mean: 2.5, sd: expect.closeTo(Math.sqrt(5 / 3), 12), draws: 4 });
    expect(insideNoise(2.5 + 2 * b.sd, b)).toBe(true);
    expect(insideNoise(2.5 + 2.01 * b.sd, b)).toBe(false);
    expect(noiseBand([7]).sd).toBeNaN();
  });
});
