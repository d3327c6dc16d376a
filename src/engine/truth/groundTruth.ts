/**
 * How a score matrix's path ranking agrees with a benchmark's true accuracies: rank correlations
 * over all paths and within equal depth, trivial baselines, and the true accuracy of the paths
 * the search picks. Plain numbers out, cheap enough to run every epoch (a few ms for 6,561 paths).
 *
 * Ties in true accuracy: the table's means are built from integer hundredths (see nbmacro.ts), so
 * networks with equal summed runs are exactly tied. trueRank is competition ranking (1 + the number
 * strictly better: tied networks share the best rank of their group), and a "best" path among ties
 * is the lowest path index (lexicographically smallest key).
 */
import { pathAt, pathKey, type ScoreMatrix } from '../space';
import { allPathScores } from '../search';
import { kendallTauB, spearmanRho } from '../stats';
import type { TruthTable } from './table';

export interface RankAgreement {
  /** Kendall tau-b over all paths. */
  kendall: number;
  /** Spearman rho over all paths. */
  spearman: number;
  /** Kendall tau-b within each depth group, averaged with group sizes as weights; NaN if no group defines one. */
  withinDepthKendall: number;
}

export interface PathTruth {
  /** Path key, op indices joined by '-' ('2-2-2-1-2-2-0-2'). */
  path: string;
  /** Path index (pathAt numbering). */
  index: number;
  /** Mean true test accuracy (%). */
  trueAccuracy: number;
}

export interface FoundTruth extends PathTruth {
  /** 1 = best; 1 + number of networks with a strictly higher mean accuracy. */
  trueRank: number;
  /** Share of all networks with a strictly lower mean accuracy (%). */
  percentile: number;
}

export interface BudgetTruth extends PathTruth {
  /** The path's cost, in the units of the costs given. */
  cost: number;
}

export interface GroundTruthOptions {
  /** The search's pick (path index); default: the best-scoring path (score desc, then index asc). */
  top1Index?: number;
  /** Cost limit (inclusive), in the units of costs: raw FLOPs by default. */
  budget?: number;
  /** Per-path costs in index order; default the table's FLOPs (width 1). A narrower supernet passes its own. */
  costs?: ArrayLike<number>;
}

export interface GroundTruthReport {
  benchmark: TruthTable['benchmark'];
  /** Number of paths compared. */
  paths: number;
  kendall: number;
  spearman: number;
  withinDepthKendall: number;
  /** Trivial predictors: parameter count, FLOPs, depth (non-Identity layers), the number of the largest op (MB6_K5) layers, and the untrained score's structure (structureScore). */
  baselines: { params: RankAgreement; flops: RankAgreement; depth: RankAgreement; largestOp: RankAgreement; structure: RankAgreement };
  found: FoundTruth;
  /** What the trivial rule picks with no training: the most non-Identity layers, ties to the most FLOPs (then the lowest index). */
  trivialPick: FoundTruth & { rule: string };
  /** The truly best network. */
  best: PathTruth;
  /** Mean true accuracy of all networks (%): what a uniformly random pick gets on average. */
  randomMean: number;
  /** With a budget: the best-scoring path that fits (ties: lower cost, then index, as bestUnderBudget) and the truly best that fits. */
  budget?: { limit: number; feasible: number; exact: BudgetTruth | null; trueBest: BudgetTruth | null };
}

/** What the picks below read of a table: its shape and mean accuracies (the page's TruthView with its space's shape is one). */
export type TruthMeans = Pick<TruthTable, 'count' | 'layers' | 'numOps'> & { mean: ArrayLike<number> };

/** Score of every path (sum of its op scores), indexed like pathAt; length numOps^layers. */
export function pathScoresOf(scores: ScoreMatrix): Float64Array {
  return allPathScores(scores);
}

/** Mixed-radix index of a path (layer 0 most significant), the inverse of pathAt. */
export function indexOfPath(path: readonly number[], numOps: number): number {
  let index = 0;
  for (const op of path) {
    if (!Number.isInteger(op) || op < 0 || op >= numOps) throw new RangeError(`op ${op} is not in 0..${numOps - 1}`);
    index = index * numOps + op;
  }
  return index;
}

/** Competition rank of a network by mean accuracy: 1 + the number strictly better. */
export function trueRankOf(table: TruthMeans, index: number): number {
  checkIndex(table, index);
  const m = table.mean[index]!;
  let better = 0;
  for (let j = 0; j < table.count; j++) if (table.mean[j]! > m) better++;
  return 1 + better;
}

/** Kendall tau-b and Spearman rho of pred vs truth, plus the size-weighted mean Kendall within depth groups. */
export function rankAgreement(pred: ArrayLike<number>, truth: ArrayLike<number>, depth: Uint8Array): RankAgreement {
  const n = pred.length;
  if (truth.length !== n || depth.length !== n) throw new Error(`lengths differ: pred ${n}, truth ${truth.length}, depth ${depth.length}`);
  // Bucket by depth (counting sort), so each group's tau is one O(m log m) call on its own slice.
  const size = new Uint32Array(256);
  for (let i = 0; i < n; i++) size[depth[i]!]!++;
  const start = new Uint32Array(257);
  for (let d = 0; d < 256; d++) start[d + 1] = start[d]! + size[d]!;
  const fill = start.slice(0, 256),
    p = new Float64Array(n),
    t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = fill[depth[i]!]!++;
    p[k] = pred[i]!;
    t[k] = truth[i]!;
  }
  let sum = 0,
    weight = 0;
  for (let d = 0; d < 256; d++) {
    if (size[d]! < 2) continue;
    const tau = kendallTauB(p.subarray(start[d]!, start[d + 1]!), t.subarray(start[d]!, start[d + 1]!));
    // A group constant on either side (e.g. any depth group for the depth predictor) has no tau: skipped.
    if (Number.isFinite(tau)) {
      sum += tau * size[d]!;
      weight += size[d]!;
    }
  }
  return { kendall: kendallTauB(pred, truth), spearman: spearmanRho(pred, truth), withinDepthKendall: weight > 0 ? sum / weight : NaN };
}

/** Ground-truth report of a score matrix's path ranking (additive path scores). */
export function groundTruthReport(table: TruthTable, scores: ScoreMatrix, opts: GroundTruthOptions = {}): GroundTruthReport {
  if (scores.length !== table.layers) throw new Error(`score matrix has ${scores.length} layers, the table ${table.layers}`);
  return groundTruthReportOf(table, pathScoresOf(scores), opts);
}

/** Ground-truth report of any per-path score list in index order (length table.count; higher = better). */
export function groundTruthReportOf(table: TruthTable, pred: ArrayLike<number>, opts: GroundTruthOptions = {}): GroundTruthReport {
  if (pred.length !== table.count) throw new Error(`${pred.length} path scores for a table of ${table.count}`);
  const top = opts.top1Index ?? argBest(pred);
  checkIndex(table, top);
  const { best, randomMean } = bestAndRandomMean(table);
  const report: GroundTruthReport = {
    benchmark: table.benchmark,
    paths: table.count,
    ...rankAgreement(pred, table.mean, table.depth),
    baselines: baselinesOf(table),
    found: foundOf(table, top),
    trivialPick: trivialPickOf(table),
    best,
    randomMean,
  };
  if (opts.budget !== undefined) report.budget = budgetPicks(table, pred, opts.budget, opts.costs ?? table.flops);
  return report;
}

/** The truly best network (the first of tied bests) and the mean of all (%): what a random pick gets on average. */
export function bestAndRandomMean(table: TruthMeans): { best: PathTruth; randomMean: number } {
  const { mean } = table;
  let best = 0,
    total = 0;
  for (let i = 0; i < table.count; i++) {
    if (mean[i]! > mean[best]!) best = i; // strict: the first of tied bests stays
    total += mean[i]!;
  }
  return { best: truthOf(table, best), randomMean: total / table.count };
}

/**
 * Under a cost limit (inclusive): the best-scoring path that fits and the truly best that fits, ties to the
 * lower cost, then the lower index (as bestUnderBudget breaks them). `pred` and `costs` in path index order.
 */
export function budgetPicks(table: TruthMeans, pred: ArrayLike<number>, limit: number, costs: ArrayLike<number>): NonNullable<GroundTruthReport['budget']> {
  if (costs.length !== table.count) throw new Error(`${costs.length} path costs for a table of ${table.count}`);
  let exact = -1,
    trueBest = -1,
    feasible = 0;
  // "a before b": higher key, then lower cost, then lower index (the loop visits indices ascending).
  const before = (key: ArrayLike<number>, i: number, j: number): boolean => j < 0 || key[i]! > key[j]! || (key[i] === key[j] && costs[i]! < costs[j]!);
  for (let i = 0; i < table.count; i++) {
    if (!(costs[i]! <= limit)) continue;
    feasible++;
    if (before(pred, i, exact)) exact = i;
    if (before(table.mean, i, trueBest)) trueBest = i;
  }
  const at = (i: number): BudgetTruth | null => (i < 0 ? null : { ...truthOf(table, i), cost: costs[i]! });
  return { limit, feasible, exact: at(exact), trueBest: at(trueBest) };
}

/** Baselines depend on the table only: computed once per table. */
const baselineCache = new WeakMap<TruthTable, GroundTruthReport['baselines']>();
/** The trivial predictors' agreement with the truth, computed once per table. */
export function baselinesOf(table: TruthTable): GroundTruthReport['baselines'] {
  let b = baselineCache.get(table);
  if (!b) {
    const { mean, depth } = table;
    b = Object.freeze({
      params: Object.freeze(rankAgreement(table.params, mean, depth)),
      flops: Object.freeze(rankAgreement(table.flops, mean, depth)),
      depth: Object.freeze(rankAgreement(depth, mean, depth)),
      largestOp: Object.freeze(rankAgreement(largestOpCount(table), mean, depth)),
      structure: Object.freeze(rankAgreement(structureScore(table), mean, depth)),
    });
    baselineCache.set(table, b);
  }
  return b;
}

/**
 * What a BN score gets from its structure alone, before any training: every op with a BN scores 1,
 * the Identity 0 where it has no BN (stride 1) and 1 where it is a strided 1x1 conv + BN (the table's bnIdentityLayers).
 */
function structureScore(table: TruthTable): Uint8Array {
  const out = new Uint8Array(table.count);
  for (let i = 0; i < table.count; i++) {
    let n = 0;
    for (let x = i, l = table.layers - 1; l >= 0; l--, x = Math.floor(x / table.numOps)) if (x % table.numOps !== 0 || table.bnIdentityLayers.includes(l)) n++;
    out[i] = n;
  }
  return out;
}

/** Per path, how many layers pick the last (largest) op, e.g. MB6_K5. */
function largestOpCount(table: TruthTable): Uint8Array {
  const out = new Uint8Array(table.count);
  for (let i = 0; i < table.count; i++) {
    let n = 0;
    for (let x = i, l = 0; l < table.layers; l++, x = Math.floor(x / table.numOps)) if (x % table.numOps === table.numOps - 1) n++;
    out[i] = n;
  }
  return out;
}

/** Rank and percentile of the network at `index` among all of the table. */
export function foundOf(table: TruthTable, index: number): FoundTruth {
  checkIndex(table, index);
  const m = table.mean[index]!;
  let below = 0,
    above = 0;
  for (let i = 0; i < table.count; i++) {
    if (table.mean[i]! < m) below++;
    else if (table.mean[i]! > m) above++;
  }
  return { ...truthOf(table, index), trueRank: 1 + above, percentile: (100 * below) / table.count };
}

export const TRIVIAL_RULE = 'the most non-Identity layers, ties to the most FLOPs';
const trivialCache = new WeakMap<TruthTable, GroundTruthReport['trivialPick']>();
/** The network the trivial rule picks (see TRIVIAL_RULE), with its truth; computed once per table. */
export function trivialPickOf(table: TruthTable): GroundTruthReport['trivialPick'] {
  let pick = trivialCache.get(table);
  if (!pick) {
    let best = 0;
    for (let i = 1; i < table.count; i++) {
      if (table.depth[i]! > table.depth[best]! || (table.depth[i] === table.depth[best] && table.flops[i]! > table.flops[best]!)) best = i;
    }
    pick = Object.freeze({ ...foundOf(table, best), rule: TRIVIAL_RULE });
    trivialCache.set(table, pick);
  }
  return pick;
}

function argBest(pred: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < pred.length; i++) if (pred[i]! > pred[best]!) best = i;
  return best;
}

function truthOf(table: TruthMeans, index: number): PathTruth {
  return { path: pathKey(pathAt(index, table.layers, table.numOps)), index, trueAccuracy: table.mean[index]! };
}

function checkIndex(table: TruthMeans, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= table.count) throw new RangeError(`path index ${index} is not in 0..${table.count - 1}`);
}
