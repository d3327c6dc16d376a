/**
 * One BN-NAS experiment from a Config: split the data, build the space and
 * supernet, train, then rank and search on the final scores. Shared by the
 * worker and the CLI; returns plain numbers only.
 */
import type { Config } from '../config/schema';
import { channelStats, splitDataset, type Dataset } from './data/dataset';
import { layerCosts, pathCost, supernetParams } from './cost';
import { costRange, bestUnderBudget, type BudgetedPath } from './budget';
import { evolutionarySearch } from './evolution';
import { pathKey, type ScoreMatrix } from './path';
import { topK } from './rank';
import { createRng, type Rng } from './rng';
import { buildSpace, type SearchSpace } from './space';
import { rankStability } from './stability';
import { createSupernet, disposeSupernet, trainableVariables, type Supernet, type TrainScope } from './supernet';
import { SupernetTrainer, trainSupernet, type EpochReport, type TrainData, type TrainHooks } from './train';
import { compareWithSpos, type CompareHooks, type Comparison } from './compare';

export interface PreparedData { data: TrainData; warnings: string[] }

/** Seeded train/val split of `dataset` with the sizes the config asks for, and the train set's channel stats. */
export function prepareData(dataset: Dataset, config: Pick<Config, 'n' | 'val' | 'seed'>): PreparedData {
  const split = splitDataset(dataset, config.n, config.val, createRng(config.seed).fork('split'));
  return { data: { train: split.train, val: split.val, stats: channelStats(split.train) }, warnings: split.warnings };
}

export function spaceOf(config: Pick<Config, 'ops' | 'stages'>): SearchSpace {
  return buildSpace(config.ops, config.stages);
}

export function scopeOf(config: Pick<Config, 'mode' | 'bnscope' | 'head'>): TrainScope {
  // Mode 'both' trains the BN-NAS supernet first (the SPOS one follows in compare.ts).
  return { mode: config.mode === 'full' ? 'full' : 'bn', bnscope: config.bnscope, head: config.head };
}

export interface RankedRow { path: string; ops: string[]; score: number; flops: number; params: number }
export interface BudgetResult {
  metric: 'flops' | 'params';
  /** Budget in raw units (multiply-accumulates or parameters). */
  budget: number;
  exact: (BudgetedPath & { key: string }) | null;
  evolutionary: (BudgetedPath & { key: string; evaluated: number; gap: number }) | null;
}
export interface SearchResult { top: RankedRow[]; flops: BudgetResult; params: BudgetResult; seconds: number }

/** Budget in raw units: the config's value (MFLOPs or M params), or the midpoint of the space's range. */
export function resolveBudget(space: SearchSpace, metric: 'flops' | 'params', value: number | 'auto'): number {
  if (value !== 'auto') return value * 1e6;
  const { min, max } = costRange(layerCosts(space, metric));
  return Math.round((min + max) / 2);
}

/** Top-k ranking plus the exact and evolutionary best paths under the FLOPs and params budgets. */
export function searchPaths(space: SearchSpace, scores: ScoreMatrix, config: Pick<Config, 'topk' | 'flops' | 'params' | 'seed'>): SearchResult {
  const t0 = performance.now();
  const row = (path: readonly number[], score: number): RankedRow => {
    const cost = pathCost(space, path);
    return { path: pathKey(path), ops: path.map((k) => space.ops[k]!), score, flops: cost.flops, params: cost.params };
  };
  const top = topK(scores, config.topk).map((r) => row(r.path, r.score));
  const budgeted = (metric: 'flops' | 'params', rng: Rng): BudgetResult => {
    const costs = layerCosts(space, metric);
    const budget = resolveBudget(space, metric, config[metric]);
    const exact = bestUnderBudget(scores, costs, budget);
    const evo = evolutionarySearch(scores, costs, budget, rng);
    return {
      metric, budget,
      exact: exact && { ...exact, key: pathKey(exact.path) },
      evolutionary: evo && { path: evo.path, score: evo.score, cost: evo.cost, key: pathKey(evo.path), evaluated: evo.evaluated, gap: exact ? exact.score - evo.score : 0 },
    };
  };
  const rng = createRng(config.seed).fork('search');
  const flops = budgeted('flops', rng.fork('flops'));
  const params = budgeted('params', rng.fork('params'));
  return { top, flops, params, seconds: (performance.now() - t0) / 1000 };
}

export interface SupernetSummary {
  mode: Config['mode'];
  epochs: number;
  steps: number;
  seconds: number;
  imagesPerSecond: number;
  trainableParams: number;
  totalParams: number;
  finalLoss: number;
}

export interface ExperimentResult {
  supernet: SupernetSummary;
  epochs: EpochReport[];
  scores: number[][];
  scoresByEpoch: number[][][];
  stability: { epoch: number; kendallVsFinal: number }[];
  search: SearchResult;
  /** Mode 'both': the SPOS baseline trained and evaluated after BN-NAS, side by side. */
  comparison?: Comparison;
}

/** BN-NAS training hooks, plus (mode 'both') the SPOS stage's: its steering (signal, gate) is shared. */
export interface ExperimentHooks extends TrainHooks {
  spos?: Omit<CompareHooks, 'train'> & Pick<TrainHooks, 'onStep' | 'onEpoch'> & { onStart?(): void };
}

/** Parameters any path can train in this scope (the union over paths), for reporting. */
export function trainableParamCount(net: Supernet, scope: TrainScope): number {
  const seen = new Set<string>();
  let total = 0;
  const K = net.space.ops.length;
  for (let k = 0; k < K; k++) {
    for (const v of trainableVariables(net, net.space.layers.map(() => k), scope)) {
      if (!seen.has(v.name)) { seen.add(v.name); total += v.size; }
    }
  }
  return total;
}

/** Trains the supernet of `config` on `data` and searches its final scores. */
export async function runExperiment(config: Config, data: TrainData, hooks: ExperimentHooks = {}): Promise<ExperimentResult> {
  const space = spaceOf(config);
  const rng = createRng(config.seed);
  if (config.mode === 'both' && data.val.count === 0) throw new Error("mode 'both' ranks subnets by validation accuracy: set val above 0");
  const net = createSupernet(space, rng.fork('init'));
  const trainer = new SupernetTrainer(net, data, {
    epochs: config.epochs, batch: config.batch, lr: config.lr, opt: config.opt, scope: scopeOf(config),
  }, rng.fork('train'));
  try {
    const { spos, ...trainHooks } = hooks;
    const trained = await trainSupernet(trainer, trainHooks);
    const scoresByEpoch = trained.epochs.map((e) => e.scores);
    const scores = scoresByEpoch[scoresByEpoch.length - 1]!;
    const taus = rankStability(scoresByEpoch, rng.fork('stability'));
    let comparison: Comparison | undefined;
    if (config.mode === 'both') {
      // Free the BN-NAS supernet's optimizer state first: the SPOS one holds every weight's.
      trainer.dispose();
      spos?.onStart?.();
      comparison = await compareWithSpos(config, space, data, { train: trained, scoresByEpoch }, rng, {
        train: { signal: hooks.signal, gate: hooks.gate, onStep: spos?.onStep, onEpoch: spos?.onEpoch },
        onEvaluate: spos?.onEvaluate,
      });
    }
    return {
      comparison,
      supernet: {
        mode: config.mode, epochs: trained.epochs.length, steps: trained.steps, seconds: trained.seconds,
        imagesPerSecond: trained.imagesPerSecond,
        trainableParams: trainableParamCount(net, scopeOf(config)),
        totalParams: supernetParams(space),
        finalLoss: trained.epochs[trained.epochs.length - 1]!.loss,
      },
      epochs: trained.epochs,
      scores,
      scoresByEpoch,
      stability: taus.map((t, i) => ({ epoch: i + 1, kendallVsFinal: t })),
      search: searchPaths(space, scores, config),
    };
  } finally {
    trainer.dispose();
    disposeSupernet(net);
  }
}

/** Spread of the op scores that have a BN: (max − min) / mean, 0 when all equal. */
export function gammaSpread(scores: ScoreMatrix): { min: number; max: number; relative: number } {
  const values = scores.flat().filter((v) => v > 0);
  if (values.length === 0) return { min: 0, max: 0, relative: 0 };
  const min = Math.min(...values), max = Math.max(...values);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { min, max, relative: (max - min) / mean };
}

