/** What each epoch's scores say, computed once per epoch: the live charts show it, the final result keeps the last. */
import type { Config } from '../../config/schema';
import { topK, type RankedRow } from '../search';
import { applyIdentityRule, createRng, describePath, type SearchSpace } from '../space';
import { rankStability } from '../stats';
import type { TruthContext, TruthEpoch } from './truth';

export interface EpochAnalytics {
  epoch: number;
  /** Kendall tau of every epoch's path ranking so far vs this epoch's (the last entry is 1). */
  stability: { epoch: number; kendall: number }[];
  /** Top paths under this epoch's scores (with their true accuracy on a benchmark space). */
  top: RankedRow[];
  /** On a benchmark space: this epoch's ranking against the truth. */
  truth?: TruthEpoch;
}

/**
 * Analytics of the latest of `gammasByEpoch` (layers x ops matrices of mean |gamma|, oldest first),
 * ranked under the config's Identity rule. `valAccuracy` is the supernet's after that epoch.
 */
export function analyzeEpoch(
  space: SearchSpace,
  gammasByEpoch: readonly number[][][],
  config: Pick<Config, 'seed' | 'topk' | 'idscore'>,
  truth?: TruthContext | null,
  valAccuracy: number | null = null,
): EpochAnalytics {
  const scoresByEpoch = gammasByEpoch.map((g) => applyIdentityRule(g, space, config.idscore));
  const latest = scoresByEpoch[scoresByEpoch.length - 1]!;
  const epoch = scoresByEpoch.length;
  const taus = rankStability(scoresByEpoch, createRng(config.seed).fork('stability'));
  const top = topK(latest, config.topk).map((r) => ({ ...describePath(space, r.path), score: r.score }));
  return {
    epoch,
    stability: taus.map((kendall, i) => ({ epoch: i + 1, kendall })),
    top: truth ? truth.annotate(top) : top,
    ...(truth ? { truth: truth.epoch(epoch, gammasByEpoch[gammasByEpoch.length - 1]!, config.idscore, top, valAccuracy, config.seed) } : {}),
  };
}
