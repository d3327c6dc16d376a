/**
 * What the benchmark panels read off the truth table while a run trains (the final
 * numbers come from result.groundTruth): the best network, a random pick's mean, and
 * the budgeted optimum against the truly best that fits. Pure: plain arrays in and out.
 */
import { allPathScores, resolveBudget } from '../engine/search';
import { layerCosts, pathAt, pathKey, type ScoreMatrix, type SearchSpace } from '../engine/space';
import type { Config } from '../config';

/** A network of the table: its key ('2-1-0-…'), index, mean true accuracy (%). */
export interface TruthPick { path: string; index: number; trueAccuracy: number }
export interface BudgetPick extends TruthPick { cost: number }
export interface LiveBudget { limit: number; feasible: number; exact: BudgetPick | null; trueBest: BudgetPick | null }

/** Key of the path at `index` (layer 0 most significant) in a space of `layers` x `numOps`. */
export function keyAt(index: number, layers: number, numOps: number): string {
  return pathKey(pathAt(index, layers, numOps));
}

/** The truly best network (first of tied bests) and the mean over all networks (%). */
export function bestAndMean(mean: ArrayLike<number>, layers: number, numOps: number): { best: TruthPick; randomMean: number } {
  let best = 0, total = 0;
  for (let i = 0; i < mean.length; i++) { if (mean[i]! > mean[best]!) best = i; total += mean[i]!; }
  return { best: { path: keyAt(best, layers, numOps), index: best, trueAccuracy: mean[best]! }, randomMean: total / mean.length };
}

/** 1 + the number of networks with a strictly higher mean accuracy. */
export function rankOf(mean: ArrayLike<number>, index: number): number {
  let better = 0;
  for (let i = 0; i < mean.length; i++) if (mean[i]! > mean[index]!) better++;
  return 1 + better;
}

/** Per-path FLOPs of `space` (its own width) in index order. */
export function pathFlops(space: SearchSpace): Float64Array {
  const c = layerCosts(space, 'flops');
  const out = allPathScores(c.perOp);
  for (let i = 0; i < out.length; i++) out[i] = out[i]! + c.base;
  return out;
}

/** The run's FLOPs budget (raw units) and every path's FLOPs: fixed for a run, so computed once per space and budget. */
export interface BudgetSetup { space: SearchSpace; limit: number; costs: Float64Array }
export function budgetSetup(space: SearchSpace, config: Pick<Config, 'flops'>): BudgetSetup {
  return { space, limit: resolveBudget(space, 'flops', config.flops), costs: pathFlops(space) };
}

/**
 * Under the run's FLOPs budget: the best-scoring path that fits and the truly best that fits,
 * ties to the lower cost, then the lower index (as the engine's final report breaks them).
 */
export function liveBudget({ space, limit, costs }: BudgetSetup, scores: ScoreMatrix, mean: ArrayLike<number>): LiveBudget {
  const pred = allPathScores(scores);
  let exact = -1, trueBest = -1, feasible = 0;
  const before = (key: ArrayLike<number>, i: number, j: number) => j < 0 || key[i]! > key[j]! || (key[i] === key[j] && costs[i]! < costs[j]!);
  for (let i = 0; i < costs.length; i++) {
    if (!(costs[i]! <= limit)) continue;
    feasible++;
    if (before(pred, i, exact)) exact = i;
    if (before(mean, i, trueBest)) trueBest = i;
  }
  const at = (i: number): BudgetPick | null => (i < 0 ? null : { path: keyAt(i, space.layers.length, space.ops.length), index: i, trueAccuracy: mean[i]!, cost: costs[i]! });
  return { limit, feasible, exact: at(exact), trueBest: at(trueBest) };
}

/** The benchmark's mean accuracy of a random path that fits the budget (percent); null when none fits. */
export function meanThatFits({ limit, costs }: BudgetSetup, mean: ArrayLike<number>): number | null {
  let sum = 0, n = 0;
  for (let i = 0; i < costs.length; i++) if (costs[i]! <= limit) { sum += mean[i]!; n++; }
  return n > 0 ? sum / n : null;
}
