import { kendallTauB as tauB } from '../../../testing/kendallByPairs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/space';
import { noiseYardstick } from './noiseYardstick';

/** Every path's score of a 3 x 3 matrix, layer 0 most significant. */
function allScores(m: number[][]): number[] {
  const out: number[] = [];
  for (const a of m[0]!) for (const b of m[1]!) for (const c of m[2]!) out.push(a + b + c);
  return out;
}

describe('noiseYardstick', () => {
  const rng = createRng(7);
  const scores = [0, 1, 2].map(() => [0, 1, 2].map(() => 1 + rng.next() * 0.1));

  it('is deterministic in the seed and in [-1, 1]', () => {
    const a = noiseYardstick(scores, 3),
      b = noiseYardstick(scores, 3);
    expect(a).toEqual(b);
    expect(a.draws).toBe(5);
    expect(a.mean).toBeGreaterThanOrEqual(-1);
    expect(a.mean).toBeLessThanOrEqual(1);
    expect(a.min).toBeLessThanOrEqual(a.mean);
    expect(a.max).toBeGreaterThanOrEqual(a.mean);
  });

  it('sigma is the mean within-layer sd, and the taus match a pairwise count on the same noise', () => {
    const y = noiseYardstick(scores, 11, 3);
    const sd = (r: number[]) => {
      const m = r.reduce((p, q) => p + q, 0) / r.length;
      return Math.sqrt(r.reduce((p, q) => p + (q - m) ** 2, 0) / r.length);
    };
    expect(y.sigma).toBeCloseTo(scores.map(sd).reduce((p, q) => p + q, 0) / 3, 12);
    // Replays the documented noise: each BN cell plus sigma * N(0, 1) from the seed's 'noise-yardstick' stream.
    const noise = createRng(11).fork('noise-yardstick');
    const taus = [0, 1, 2].map(() => tauB(allScores(scores), allScores(scores.map((row) => row.map((v) => v + y.sigma * noise.normal())))));
    expect(y.mean).toBeCloseTo(taus.reduce((p, q) => p + q, 0) / 3, 12);
  });

  it('has no value (NaN, not a number that looks real) for a single path or a layer with one op', () => {
    expect(Number.isNaN(noiseYardstick([[0.5]], 1).mean)).toBe(true);
    expect(Number.isNaN(noiseYardstick([[0.5], [0.7]], 1).mean)).toBe(true);
    // Identity's 0 is not spread: one BN op per layer leaves nothing to perturb.
    expect(
      Number.isNaN(
        noiseYardstick(
          [
            [0, 0.5],
            [0, 0.7],
          ],
          1,
        ).mean,
      ),
    ).toBe(true);
  });
});
