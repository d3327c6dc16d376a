/**
 * A yardstick for rank stability: how far Kendall tau drops when the final score
 * matrix is shaken by noise as large as the op scores' own spread within a layer.
 * An epoch-to-epoch tau above this says the ranking moved less than that noise would move it.
 */
import { createRng, type ScoreMatrix } from '../../../engine/space';
import { rankingAgreement } from '../../../engine/stats';

export interface NoiseYardstick {
  /** Mean Kendall tau between the ranking of `scores` and of each perturbed copy; NaN when undefined (one path, no spread). */
  mean: number;
  min: number;
  max: number;
  /** Noise sd: mean over layers of the sd of that layer's op scores (ops with a BN only). */
  sigma: number;
  draws: number;
}

/** Population sd of a layer's BN op scores (the zero of a BN-less identity is structure, not spread); NaN below 2 ops. */
function layerSd(row: readonly number[]): number {
  const v = row.filter((x) => x > 0);
  if (v.length < 2) return NaN;
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
}

/**
 * `draws` seeded copies of `scores` (layers x ops), each BN cell plus N(0, sigma²) noise, ranked against
 * `scores` itself (over all paths, or a fixed sample of them on a large space). Deterministic in `seed`.
 */
export function noiseYardstick(scores: ScoreMatrix, seed: number, draws = 5): NoiseYardstick {
  const sds = scores.map(layerSd).filter((s) => Number.isFinite(s));
  const sigma = sds.length ? sds.reduce((a, b) => a + b, 0) / sds.length : 0;
  const none = { mean: NaN, min: NaN, max: NaN, sigma, draws: 0 };
  if (!(sigma > 0)) return none;
  const rng = createRng(seed).fork('noise-yardstick');
  const taus: number[] = [];
  for (let d = 0; d < draws; d++) {
    const noisy = scores.map((row) => row.map((v) => (v > 0 ? v + sigma * rng.normal() : v)));
    // One shared path sample for both matrices, drawn from its own stream so every draw ranks the same paths.
    const t = rankingAgreement(scores, noisy, createRng(seed).fork('noise-yardstick-paths'));
    if (Number.isFinite(t)) taus.push(t);
  }
  if (taus.length === 0) return none;
  return { mean: taus.reduce((a, b) => a + b, 0) / taus.length, min: Math.min(...taus), max: Math.max(...taus), sigma, draws: taus.length };
}
