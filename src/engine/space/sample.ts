/** Seeded path sampling: the one sampler SPOS training, SPOS evaluation, rank stability and the spread use. */
import { pathAt, pathCount, pathKey, type PathKey } from './path';
import type { Rng } from './rng';

/** Spaces up to this many paths are ranked exactly; larger ones through a sample. */
export const EXACT_PATH_LIMIT = 100_000;
/** Paths in the sample used above EXACT_PATH_LIMIT. */
export const SAMPLE_PATHS = 10_000;

/** One path drawn uniformly: each layer's op independently (SPOS). */
export function samplePath(layers: number, numOps: number, rng: Rng): number[] {
  return Array.from({ length: layers }, () => rng.int(numOps));
}

/** `count` distinct uniform paths, or every path (in index order) when the space has no more than `count`. */
export function samplePaths(layers: number, numOps: number, count: number, rng: Rng): number[][] {
  const total = pathCount(layers, numOps);
  if (total <= count) return Array.from({ length: total }, (_, i) => pathAt(i, layers, numOps));
  // Drawn as op lists rather than indices: K^L may exceed 2^53 for deep spaces.
  const seen = new Set<PathKey>();
  const out: number[][] = [];
  while (out.length < count) {
    const path = samplePath(layers, numOps, rng);
    const key = pathKey(path);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(path);
  }
  return out;
}
