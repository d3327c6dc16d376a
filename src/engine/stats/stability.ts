/**
 * Ranking stability: how early in training the BN-score ranking of paths
 * settles (the paper's claim that BN scores rank paths well after few epochs),
 * and how well two seeds agree on it.
 */
import { createRng, EXACT_PATH_LIMIT, pathScore, type Rng, SAMPLE_PATHS, samplePaths, type ScoreMatrix } from '../space';
import { allPathScores, uniformOps } from '../search';
import { kendallTauB } from './metrics';

/**
 * Kendall tau-b between each snapshot's path ranking and the final snapshot's (one per snapshot,
 * the last is 1). Exact over all K^L paths up to EXACT_PATH_LIMIT, else over SAMPLE_PATHS paths
 * drawn once from rng (seed 0 when none given) and shared by all snapshots.
 */
export function rankStability(snapshots: readonly ScoreMatrix[], rng?: Rng): number[] {
  if (snapshots.length === 0) return [];
  const vectors = pathScoreVectors(snapshots, rng);
  const final = vectors[vectors.length - 1]!;
  return vectors.map((v) => kendallTauB(v, final));
}

/** Kendall tau-b between the path rankings of two score matrices (e.g. two seeds), in [-1, 1]. */
export function rankingAgreement(a: ScoreMatrix, b: ScoreMatrix, rng?: Rng): number {
  const [va, vb] = pathScoreVectors([a, b], rng);
  return kendallTauB(va!, vb!);
}

/** Path scores under each matrix, over all paths or over one shared sample of paths. */
function pathScoreVectors(matrices: readonly ScoreMatrix[], rng: Rng = createRng(0)): Float64Array[] {
  const first = matrices[0]!;
  const layers = first.length,
    numOps = uniformOps(first);
  for (const m of matrices) {
    if (m.length !== layers || uniformOps(m) !== numOps) throw new Error('score matrices differ in shape');
  }
  if (numOps ** layers <= EXACT_PATH_LIMIT) return matrices.map(allPathScores);
  const sample = samplePaths(layers, numOps, SAMPLE_PATHS, rng);
  return matrices.map((m) => Float64Array.from(sample, (p) => pathScore(m, p)));
}
