/**
 * A run checked against a benchmark table: when the space is the benchmark's
 * (NAS-Bench-Macro), every ranking the run produces — each epoch's, the
 * final top-k, the budgeted optimum, SPOS's sample — is set against the
 * accuracies of networks that were really trained.
 */
import { additiveCost, allPathScores, type RankedRow, type SearchResult } from '../search';
import { applyIdentityRule, benchmarkOf, createRng, layerCosts, pathAt, type IdentityRule, type ScoreMatrix, type SearchSpace } from '../space';
import { kendallTauB, spearmanRho, type NoiseBand } from '../stats';
import type { Comparison } from '../train';
import {
  groundTruthReport,
  indexOfPath,
  opDifferenceNoise,
  rankAgreement,
  scoreParts,
  structuralRule,
  trueRankOf,
  type FoundTruth,
  type GroundTruthReport,
  type RankAgreement,
  type TruthTable,
} from '../truth';

/** Kendall overall and within depth: the two figures every per-epoch line carries. */
export type TauPair = Pick<RankAgreement, 'kendall' | 'withinDepthKendall'>;

/** Both Identity rules' rankings, and the score split into its layer levels and its op differences (the run's rule). */
export interface ScoreAnatomy<A extends TauPair = RankAgreement> {
  rules: { bn: A; skip: A };
  parts: {
    rule: IdentityRule;
    /** Per layer, the mean gamma of its scored ops. */
    levels: number[];
    layerLevels: A;
    /** The op differences' agreement, and the band that the same differences dealt to ops at random reach. */
    opDifferences: A & { noise: { kendall: NoiseBand; withinDepthKendall: NoiseBand } };
  };
  /** The structural control: Identity 0, reduction-layer blocks 1, residual-layer blocks r (r from this run's levels, skip rule). */
  structuralRule: A & { r: number };
}

/** One epoch's ranking against the truth (the live chart of tau after each epoch). */
export interface TruthEpoch extends ScoreAnatomy {
  epoch: number;
  kendall: number;
  spearman: number;
  withinDepthKendall: number;
  found: FoundTruth;
  /** The supernet's validation accuracy after this epoch (0..1), null without validation images. */
  valAccuracy: number | null;
}

/** The truth of one ranking row: mean ± sd of the benchmark's trainings (percent) and its rank among all paths (1 = best). */
export interface RowTruth {
  trueAccuracy: number;
  trueSd: number;
  trueRank: number;
}

/** The final ranking's report: both rules, the score's parts, and the structural control among the trivial baselines. */
export type RankingReport = Omit<GroundTruthReport, 'baselines'> &
  Omit<ScoreAnatomy, 'structuralRule'> & {
    baselines: GroundTruthReport['baselines'] & { structuralRule: ScoreAnatomy['structuralRule'] };
  };

export interface GroundTruth extends RankingReport {
  byEpoch: ({ epoch: number; kendall: number; withinDepthKendall: number; valAccuracy: number | null } & ScoreAnatomy<TauPair>)[];
  /** Mode full/both: SPOS's accuracies of its sampled subnets, and the BN score on the same subnets, against the truth. */
  spos?: { paths: number; kendall: number; spearman: number; bnKendall: number; bnSpearman: number };
}

/** `table` bound to `space` when it is that space's benchmark (the space's entry names it), else null. */
export function truthFor(table: TruthTable | null | undefined, space: SearchSpace): TruthContext | null {
  return hasTruth(table, space) ? new TruthContext(table, space) : null;
}

/** Whether `table` holds the truth of `space`'s paths (its entry in the table of spaces names that benchmark). */
export function hasTruth(table: TruthTable | null | undefined, space: SearchSpace): table is TruthTable {
  return !!table && table.benchmark === benchmarkOf(space);
}

/** The benchmark table bound to a run's space (same layers and ops; widths may differ, the table is at width 1). */
export class TruthContext {
  /** Per-path FLOPs of the run's own space (its width), in index order: budgets are in these units. */
  readonly flops: Float64Array;

  constructor(
    readonly table: TruthTable,
    readonly space: SearchSpace,
  ) {
    if (space.layers.length !== table.layers || space.ops.length !== table.numOps) {
      throw new Error(`the ${table.benchmark} table has ${table.layers} layers x ${table.numOps} ops, the space ${space.layers.length} x ${space.ops.length}`);
    }
    const costs = layerCosts(space, 'flops');
    this.flops = Float64Array.from({ length: table.count }, (_, i) => additiveCost(costs, pathAt(i, table.layers, table.numOps)));
  }

  /** Truth of the path written '0-1-2-…'. */
  row(key: string): RowTruth {
    const i = indexOfPath(key.split('-').map(Number), this.table.numOps);
    return { trueAccuracy: this.table.mean[i]!, trueSd: this.table.sd[i]!, trueRank: trueRankOf(this.table, i) };
  }

  annotate<T extends { path: string }>(rows: readonly T[]): (T & RowTruth)[] {
    return rows.map((r) => ({ ...r, ...this.row(r.path) }));
  }

  /** One epoch: `gammas` is the raw gamma matrix, ranked under `rule` (its top-k in `top`). */
  epoch(epoch: number, gammas: ScoreMatrix, rule: IdentityRule, top: readonly RankedRow[], valAccuracy: number | null, seed: number): TruthEpoch {
    const scores = applyIdentityRule(gammas, this.space, rule);
    const r = groundTruthReport(this.table, scores, { top1Index: this.indexOf(top[0]!.path) });
    return {
      epoch,
      kendall: r.kendall,
      spearman: r.spearman,
      withinDepthKendall: r.withinDepthKendall,
      found: r.found,
      valAccuracy,
      ...this.anatomy(gammas, rule, seed),
    };
  }

  /** Both rules, the two parts of the score (with the op differences' noise band) and the structural control. */
  anatomy(gammas: ScoreMatrix, rule: IdentityRule, seed: number): ScoreAnatomy {
    const agree = (m: ScoreMatrix) => rankAgreement(allPathScores(m), this.table.mean, this.table.depth);
    const parts = scoreParts(gammas, this.space, rule);
    const noise = opDifferenceNoise(parts, this.table, createRng(seed).fork('op-difference-noise'));
    return {
      rules: { bn: agree(applyIdentityRule(gammas, this.space, 'bn')), skip: agree(applyIdentityRule(gammas, this.space, 'skip')) },
      parts: { rule, levels: parts.levels, layerLevels: agree(parts.layerLevels), opDifferences: { ...agree(parts.opDifferences), noise } },
      // The structural rule scores every Identity 0: its r comes from the skip rule's levels.
      structuralRule: structuralRule(this.space, (rule === 'skip' ? parts : scoreParts(gammas, this.space, 'skip')).levels, this.table),
    };
  }

  /** The report of a ranking of `gammas` under `rule`: `found` is the search's first row, the budget its FLOPs budget. */
  report(gammas: ScoreMatrix, rule: IdentityRule, search: SearchResult, seed: number): RankingReport {
    const scores = applyIdentityRule(gammas, this.space, rule);
    const report = groundTruthReport(this.table, scores, { top1Index: this.indexOf(search.top[0]!.path), budget: search.flops.budget, costs: this.flops });
    const { structuralRule: control, ...anatomy } = this.anatomy(gammas, rule, seed);
    return { ...report, ...anatomy, baselines: { ...report.baselines, structuralRule: control } };
  }

  /** The final report, with each epoch's figures and (mode 'both') SPOS's sample against the truth. */
  final(gammas: ScoreMatrix, rule: IdentityRule, search: SearchResult, byEpoch: readonly TruthEpoch[], seed: number, comparison?: Comparison): GroundTruth {
    return {
      ...this.report(gammas, rule, search, seed),
      byEpoch: byEpoch.map((e) => ({
        epoch: e.epoch,
        kendall: e.kendall,
        withinDepthKendall: e.withinDepthKendall,
        valAccuracy: e.valAccuracy,
        rules: { bn: tauPair(e.rules.bn), skip: tauPair(e.rules.skip) },
        parts: {
          rule: e.parts.rule,
          levels: e.parts.levels,
          layerLevels: tauPair(e.parts.layerLevels),
          opDifferences: { ...tauPair(e.parts.opDifferences), noise: e.parts.opDifferences.noise },
        },
        structuralRule: { ...tauPair(e.structuralRule), r: e.structuralRule.r },
      })),
      ...(comparison ? { spos: this.spos(comparison) } : {}),
    };
  }

  private spos(c: Comparison): GroundTruth['spos'] {
    const truth = c.sample.map((s) => this.row(s.path).trueAccuracy);
    const spos = c.sample.map((s) => s.sposAccuracy[s.sposAccuracy.length - 1]!);
    const bn = c.sample.map((s) => s.bnScore);
    return {
      paths: c.sample.length,
      kendall: kendallTauB(spos, truth),
      spearman: spearmanRho(spos, truth),
      bnKendall: kendallTauB(bn, truth),
      bnSpearman: spearmanRho(bn, truth),
    };
  }

  private indexOf(key: string): number {
    return indexOfPath(key.split('-').map(Number), this.table.numOps);
  }
}

function tauPair(a: TauPair): TauPair {
  return { kendall: a.kendall, withinDepthKendall: a.withinDepthKendall };
}
