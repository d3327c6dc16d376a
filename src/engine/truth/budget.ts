/**
 * A FLOPs budget over a benchmark table: every path's FLOPs at the run's width (the budget's units), and
 * what a random path that fits gets. The page reads these live, beside budgetPicks (groundTruth.ts).
 */
import { allPathScores } from '../search';
import { layerCosts, type SearchSpace } from '../space';

/** Per-path FLOPs of `space` (its own width) in path index order (layer 0 most significant). */
export function pathFlops(space: SearchSpace): Float64Array {
  const c = layerCosts(space, 'flops');
  const out = allPathScores(c.perOp);
  for (let i = 0; i < out.length; i++) out[i] = out[i]! + c.base;
  return out;
}

/** The benchmark's mean accuracy of a random path within `limit` (percent); null when none fits. */
export function meanThatFits(mean: ArrayLike<number>, limit: number, costs: ArrayLike<number>): number | null {
  let sum = 0,
    n = 0;
  for (let i = 0; i < costs.length; i++)
    if (costs[i]! <= limit) {
      sum += mean[i]!;
      n++;
    }
  return n > 0 ? sum / n : null;
}
