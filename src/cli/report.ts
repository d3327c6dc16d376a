/** The CLI's JSON report: plain numbers, identical for the same seed and backend apart from timings. */
import { encodeConfig, type Config } from '../config';
import type { TrainData } from '../engine/data';
import type { ExperimentResult, GroundTruth, ProxySample } from '../engine/session';
import { chanceCheck, gammaSpread } from '../engine/stats';
import { numPaths, type SearchSpace } from '../engine/space';

export const REPORT_VERSION = 1;

/** `data`: the split's sizes (a run elsewhere brings only its counts). */
export function buildReport(
  config: Config,
  space: SearchSpace,
  data: { train: Pick<TrainData['train'], 'count'>; val: Pick<TrainData['val'], 'count'> },
  source: string,
  backend: string,
  result: ExperimentResult,
) {
  const f = result.search.flops;
  const p = result.search.params;
  return {
    version: REPORT_VERSION,
    config,
    url: `#${encodeConfig(config)}`,
    backend,
    space: { layers: space.layers.length, ops: [...space.ops], paths: numPaths(space) },
    data: { source, train: data.train.count, val: data.val.count },
    supernet: {
      ...result.supernet,
      chance: result.supernet.valAccuracy === null ? null : chanceCheck(result.supernet.valAccuracy, data.val.count, space.numClasses),
    },
    epochs: result.epochs.map(({ scores: _scores, ...e }) => e),
    /** The final score matrix under config.idscore (what ranks the paths). */
    scores: result.scores,
    /** The final gamma matrix (mean |gamma| of each op's last BN, 0 without one), before the Identity rule. */
    gammas: result.gammas,
    /** Each epoch's gamma matrix, before the Identity rule. */
    scoresByEpoch: result.scoresByEpoch,
    gammaSpread: gammaSpread(result.scores),
    stability: result.stability,
    top: result.search.top,
    constrained: {
      flops: f.budget,
      exact: f.exact && { path: f.exact.key, score: f.exact.score, flops: f.exact.cost },
      evolutionary: f.evolutionary && {
        path: f.evolutionary.key,
        score: f.evolutionary.score,
        flops: f.evolutionary.cost,
        evaluated: f.evolutionary.evaluated,
        gap: f.evolutionary.gap,
      },
    },
    constrainedParams: {
      params: p.budget,
      exact: p.exact && { path: p.exact.key, score: p.exact.score, params: p.exact.cost },
      evolutionary: p.evolutionary && {
        path: p.evolutionary.key,
        score: p.evolutionary.score,
        params: p.evolutionary.cost,
        evaluated: p.evolutionary.evaluated,
        gap: p.evolutionary.gap,
      },
    },
    rankSeconds: result.search.seconds,
    /** Mode 'both': the SPOS baseline side by side (timings, sampled subnets, rank agreement, speedups). */
    comparison: result.comparison,
    /** On the NAS-Bench-Macro space: every ranking of the run against the 6,561 networks the benchmark trained. */
    groundTruth: result.groundTruth as (GroundTruth & { proxySample?: ProxySample }) | undefined,
    seedAgreement: undefined as { kendall: number; seeds: number[] } | undefined,
  };
}

export type CliReport = ReturnType<typeof buildReport>;
