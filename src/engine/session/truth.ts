/**
 * A run checked against a benchmark table: when the space is the benchmark's
 * (NAS-Bench-Macro), every ranking the run produces — each epoch's, the
 * final top-k, the budgeted optimum, SPOS's sample — is set against the
 * accuracies of networks that were really trained.
 */
import type { RankedRow, SearchResult } from '../search';
import { additiveCost } from '../search';
import { layerCosts, pathAt, type ScoreMatrix, type SearchSpace } from '../space';
import { kendallTauB, spearmanRho } from '../stats';
import type { Comparison } from '../train';
import { groundTruthReport, indexOfPath, trueRankOf, type FoundTruth, type GroundTruthReport, type TruthTable } from '../truth';

/** One epoch's ranking against the truth (the live chart of tau after each epoch). */
export interface TruthEpoch { epoch: number; kendall: number; spearman: number; withinDepthKendall: number; found: FoundTruth }

/** The truth of one ranking row: mean ± sd of the benchmark's trainings (percent) and its rank among all paths (1 = best). */
export interface RowTruth { trueAccuracy: number; trueSd: number; trueRank: number }

export interface GroundTruth extends GroundTruthReport {
  byEpoch: { epoch: number; kendall: number; withinDepthKendall: number }[];
  /** Mode full/both: SPOS's accuracies of its sampled subnets, and the BN score on the same subnets, against the truth. */
  spos?: { paths: number; kendall: number; spearman: number; bnKendall: number; bnSpearman: number };
}

/** The benchmark table bound to a run's space (same layers and ops; widths may differ, the table is at width 1). */
export class TruthContext {
  /** Per-path FLOPs of the run's own space (its width), in index order: budgets are in these units. */
  readonly flops: Float64Array;

  constructor(readonly table: TruthTable, readonly space: SearchSpace) {
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

  epoch(epoch: number, scores: ScoreMatrix, top: readonly RankedRow[]): TruthEpoch {
    const r = groundTruthReport(this.table, scores, { top1Index: this.indexOf(top[0]!.path) });
    return { epoch, kendall: r.kendall, spearman: r.spearman, withinDepthKendall: r.withinDepthKendall, found: r.found };
  }

  /** The final report: `found` is the ranking's first row, the budget the search's FLOPs budget. */
  final(scores: ScoreMatrix, search: SearchResult, byEpoch: readonly TruthEpoch[], comparison?: Comparison): GroundTruth {
    const report = groundTruthReport(this.table, scores, { top1Index: this.indexOf(search.top[0]!.path), budget: search.flops.budget, costs: this.flops });
    return {
      ...report,
      byEpoch: byEpoch.map((e) => ({ epoch: e.epoch, kendall: e.kendall, withinDepthKendall: e.withinDepthKendall })),
      ...(comparison ? { spos: this.spos(comparison) } : {}),
    };
  }

  private spos(c: Comparison): GroundTruth['spos'] {
    const truth = c.sample.map((s) => this.row(s.path).trueAccuracy);
    const spos = c.sample.map((s) => s.sposAccuracy[s.sposAccuracy.length - 1]!);
    const bn = c.sample.map((s) => s.bnScore);
    return { paths: c.sample.length, kendall: kendallTauB(spos, truth), spearman: spearmanRho(spos, truth), bnKendall: kendallTauB(bn, truth), bnSpearman: spearmanRho(bn, truth) };
  }

  private indexOf(key: string): number {
    return indexOfPath(key.split('-').map(Number), this.table.numOps);
  }
}
