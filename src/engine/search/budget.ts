/**
 * Best path under a cost budget (FLOPs or params), found exactly by dynamic
 * programming over layers on a Pareto frontier of partial paths.
 */
import { type LayerCosts, type Path, type ScoreMatrix } from '../space';

export type { LayerCosts };

export interface BudgetedPath {
  path: number[];
  score: number;
  cost: number;
}

/** A path's cost: base + perOp[l][path[l]] summed over layers (same units as the costs). */
export function additiveCost(costs: LayerCosts, path: Path): number {
  let c = costs.base;
  for (let l = 0; l < path.length; l++) c += costs.perOp[l]![path[l]!]!;
  return c;
}

/** Cheapest and dearest path cost over the whole space (same units as the costs). */
export function costRange(costs: LayerCosts): { min: number; max: number } {
  let min = costs.base,
    max = costs.base;
  for (const row of costs.perOp) {
    min += Math.min(...row);
    max += Math.max(...row);
  }
  return { min, max };
}

/**
 * Exact best path of a layers x ops score matrix with cost <= budget; ties on score go to the
 * lower cost, then the lexicographically smaller path. null when no path fits the budget.
 */
export function bestUnderBudget(scores: ScoreMatrix, costs: LayerCosts, budget: number): BudgetedPath | null {
  const layers = scores.length;
  if (costs.perOp.length !== layers || scores.some((row, l) => row.length !== costs.perOp[l]!.length)) {
    throw new Error('costs.perOp must have the shape of the score matrix');
  }
  // minRest[l]: cheapest cost of layers l..L-1, so a prefix that cannot fit is dropped early.
  const minRest = new Array<number>(layers + 1).fill(0);
  for (let l = layers - 1; l >= 0; l--) minRest[l] = minRest[l + 1]! + Math.min(...costs.perOp[l]!);
  if (scores.some((row) => row.length === 0) || costs.base + minRest[0]! > budget) return null;

  // The frontier after each layer, as parallel arrays kept in lexicographic order of the
  // prefixes, so an index comparison is a path comparison. Scores are summed in layer order,
  // exactly as pathScore does, so a full path's score here is bit-equal to pathScore's.
  let cost = [costs.base],
    score = [0];
  const parents: Int32Array[] = [],
    ops: Int32Array[] = [];
  for (let l = 0; l < layers; l++) {
    const row = scores[l]!,
      prow = costs.perOp[l]!;
    const cCost: number[] = [],
      cScore: number[] = [],
      cParent: number[] = [],
      cOp: number[] = [];
    for (let s = 0; s < cost.length; s++) {
      for (let k = 0; k < row.length; k++) {
        const c = cost[s]! + prow[k]!;
        if (c + minRest[l + 1]! > budget) continue;
        cCost.push(c);
        cScore.push(score[s]! + row[k]!);
        cParent.push(s);
        cOp.push(k);
      }
    }
    const keep = paretoKeep(cCost, cScore);
    const n = keep.reduce((a, b) => a + b, 0);
    const parent = new Int32Array(n),
      op = new Int32Array(n);
    const nextCost: number[] = [],
      nextScore: number[] = [];
    for (let i = 0, j = 0; i < keep.length; i++) {
      if (!keep[i]) continue;
      parent[j] = cParent[i]!;
      op[j] = cOp[i]!;
      nextCost.push(cCost[i]!);
      nextScore.push(cScore[i]!);
      j++;
    }
    parents.push(parent);
    ops.push(op);
    cost = nextCost;
    score = nextScore;
  }

  let best = -1;
  for (let i = 0; i < cost.length; i++) {
    if (best < 0 || score[i]! > score[best]! || (score[i] === score[best] && cost[i]! < cost[best]!)) best = i;
  }
  if (best < 0) return null;
  const path = new Array<number>(layers);
  for (let l = layers - 1, i = best; l >= 0; l--) {
    path[l] = ops[l]![i]!;
    i = parents[l]![i]!;
  }
  return { path, score: score[best]!, cost: cost[best]! };
}

/**
 * Keep-flags (1/0) for partial paths given in lexicographic order: a state is dropped only when
 * another beats it under every common completion, so the optimum with its tie-breaks survives.
 *
 * Completing two prefixes with the same suffix adds the same costs, and float addition is
 * monotone, so score order and cost order carry over — but two different prefix scores may
 * round to the same full score. Hence B is dropped when some A has
 *   - lower cost and score >= B's (if full scores merge, A still wins on cost), or
 *   - equal cost, score >= B's and a lexicographically smaller prefix (wins on path if merged).
 * An equal-cost A with a higher score but a larger prefix is not enough, and B is kept.
 */
function paretoKeep(cost: readonly number[], score: readonly number[]): Uint8Array {
  const keep = new Uint8Array(cost.length);
  const order = cost.map((_, i) => i).sort((i, j) => cost[i]! - cost[j]! || score[j]! - score[i]! || i - j);
  let bestCheaper = -Infinity,
    groupCost = NaN,
    groupBest = -Infinity,
    minKept = Infinity;
  for (const i of order) {
    if (cost[i] !== groupCost) {
      bestCheaper = Math.max(bestCheaper, groupBest);
      groupCost = cost[i]!;
      groupBest = score[i]!;
      minKept = Infinity;
    }
    if (score[i]! <= bestCheaper) continue;
    // Within a cost group scores only fall, so every kept state scores >= this one.
    if (i > minKept) continue;
    keep[i] = 1;
    minKept = i;
  }
  return keep;
}
