/** Paths spread over the full BN-score ranking, for retraining: the best, evenly spaced ranks, the worst. */
import { createRng, EXACT_PATH_LIMIT, pathAt, pathKey, pathScore, SAMPLE_PATHS, samplePaths, type ScoreMatrix } from '../space';
import { rankPaths } from '../search';

export interface SpreadPath {
  path: string;
  score: number;
}

/** `count` paths at evenly spaced ranks (exact up to EXACT_PATH_LIMIT paths, else over a seeded sample). */
export function spreadPaths(scores: ScoreMatrix, count: number): SpreadPath[] {
  const L = scores.length,
    K = scores[0]!.length;
  const total = K ** L;
  const n = Math.max(Math.min(count, total), 1);
  const pick = (i: number, size: number) => (n === 1 ? 0 : Math.round((i * (size - 1)) / (n - 1)));
  if (total <= EXACT_PATH_LIMIT) {
    const order = rankPaths(scores);
    return Array.from({ length: n }, (_, i) => {
      const path = pathAt(order[pick(i, total)]!, L, K);
      return { path: pathKey(path), score: pathScore(scores, path) };
    });
  }
  const rng = createRng(L * 1000 + K).fork('spread');
  const sample = samplePaths(L, K, SAMPLE_PATHS, rng);
  const scored = sample.map((p) => ({ p, s: pathScore(scores, p) })).sort((a, b) => b.s - a.s);
  return Array.from({ length: n }, (_, i) => {
    const { p, s } = scored[pick(i, scored.length)]!;
    return { path: pathKey(p), score: s };
  });
}
