/** Everything the search does with one score matrix: top-k, and the exact and evolutionary best under each budget. */
import type { Config } from '../../config/schema';
import {
  createRng,
  describePath,
  EXACT_PATH_LIMIT,
  layerCosts,
  pathAt,
  pathKey,
  SAMPLE_PATHS,
  samplePaths,
  type PathRow,
  type Rng,
  type ScoreMatrix,
  type SearchSpace,
} from '../space';
import { additiveCost, bestUnderBudget, type BudgetedPath, type LayerCosts } from './budget';
import { evolutionarySearch } from './evolution';
import { topK } from './rank';

/**
 * One ranking row: the path's description and its BN score (sum of its ops' mean |gamma|).
 * On a benchmark space the session adds the truth: mean ± sd accuracy (percent) and rank among all paths.
 */
export interface RankedRow extends PathRow {
  score: number;
  trueAccuracy?: number;
  trueSd?: number;
  trueRank?: number;
}
export interface BudgetResult {
  metric: 'flops' | 'params';
  /** Budget in raw units (multiply-accumulates or parameters). */
  budget: number;
  exact: (BudgetedPath & { key: string }) | null;
  evolutionary: (BudgetedPath & { key: string; evaluated: number; gap: number }) | null;
}
export interface SearchResult {
  top: RankedRow[];
  flops: BudgetResult;
  params: BudgetResult;
  seconds: number;
}

/**
 * Budget in raw units: the config's value (MFLOPs or M params), or ('auto') the median path's cost,
 * a budget that binds: half the paths do not fit it (the midpoint of min and max often left the top paths inside).
 */
export function resolveBudget(space: SearchSpace, metric: 'flops' | 'params', value: number | 'auto'): number {
  if (value !== 'auto') return value * 1e6;
  return medianCost(layerCosts(space, metric), space.layers.length, space.ops.length);
}

/** The (lower) median cost over all paths, exactly up to EXACT_PATH_LIMIT paths, else over a fixed seeded sample. */
export function medianCost(costs: LayerCosts, layers: number, numOps: number): number {
  const total = numOps ** layers;
  const paths =
    total <= EXACT_PATH_LIMIT
      ? Array.from({ length: total }, (_, i) => pathAt(i, layers, numOps))
      : samplePaths(layers, numOps, SAMPLE_PATHS, createRng(0).fork('median-cost'));
  const values = Float64Array.from(paths, (p) => additiveCost(costs, p)).sort();
  return values[(values.length - 1) >> 1]!;
}

/** Top-k ranking plus the exact and evolutionary best paths under the FLOPs and params budgets. */
export function searchPaths(space: SearchSpace, scores: ScoreMatrix, config: Pick<Config, 'topk' | 'flops' | 'params' | 'seed'>): SearchResult {
  const t0 = performance.now();
  const top = topK(scores, config.topk).map((r): RankedRow => ({ ...describePath(space, r.path), score: r.score }));
  const budgeted = (metric: 'flops' | 'params', rng: Rng): BudgetResult => {
    const costs = layerCosts(space, metric);
    const budget = resolveBudget(space, metric, config[metric]);
    const exact = bestUnderBudget(scores, costs, budget);
    const evo = evolutionarySearch(scores, costs, budget, rng);
    return {
      metric,
      budget,
      exact: exact && { ...exact, key: pathKey(exact.path) },
      evolutionary: evo && {
        path: evo.path,
        score: evo.score,
        cost: evo.cost,
        key: pathKey(evo.path),
        evaluated: evo.evaluated,
        gap: exact ? exact.score - evo.score : 0,
      },
    };
  };
  const rng = createRng(config.seed).fork('search');
  const flops = budgeted('flops', rng.fork('flops'));
  const params = budgeted('params', rng.fork('params'));
  return { top, flops, params, seconds: (performance.now() - t0) / 1000 };
}
