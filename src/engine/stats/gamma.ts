/** How far apart the op scores are: the heatmap legend's spread. */
import type { ScoreMatrix } from '../space';

/** Spread of the op scores that have a BN: (max − min) / mean, 0 when all equal. */
export function gammaSpread(scores: ScoreMatrix): { min: number; max: number; relative: number } {
  const values = scores.flat().filter((v) => v > 0);
  if (values.length === 0) return { min: 0, max: 0, relative: 0 };
  const min = Math.min(...values),
    max = Math.max(...values);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { min, max, relative: (max - min) / mean };
}
