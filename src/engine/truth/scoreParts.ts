/**
 * What a trained score's ranking is made of. Each layer's scored ops share a level (their mean
 * gamma); a path's score is the sum of its layers' levels plus the sum of its ops' differences
 * from them. The levels say "a block in this layer is worth this much" (structure); only the
 * differences tell the ops of a layer apart, which is what BN-NAS claims to do. Ranking by each
 * part alone, against the truth, shows which part carries the ranking.
 */
import { allPathScores } from '../search';
import { applyIdentityRule, hasResidual, isIdentityOp, scoredMask, type IdentityRule, type Rng, type ScoreMatrix, type SearchSpace } from '../space';
import { noiseBand, type NoiseBand } from '../stats';
import { rankAgreement, type RankAgreement } from './groundTruth';
import type { TruthTable } from './table';

export interface ScoreParts {
  /** Per layer, the mean gamma of its scored ops (0 when none is scored). */
  levels: number[];
  /** Layers x ops: the layer's level where the op is scored, else 0. */
  layerLevels: number[][];
  /** Layers x ops: the op's gamma minus its layer's level where scored, else 0. */
  opDifferences: number[][];
  /** Layers x ops: which ops carry a score under the rule (the others are 0 in both parts). */
  scored: boolean[][];
}

/** Splits the score matrix of `gammas` under `rule` into layer levels and op differences (they sum to it). */
export function scoreParts(gammas: ScoreMatrix, space: Pick<SearchSpace, 'ops'>, rule: IdentityRule): ScoreParts {
  const scores = applyIdentityRule(gammas, space, rule);
  const mask = scoredMask(gammas, space, rule);
  const levels = scores.map((row, l) => {
    const kept = row.filter((_, k) => mask[l]![k]);
    return kept.length === 0 ? 0 : kept.reduce((a, b) => a + b, 0) / kept.length;
  });
  return {
    levels,
    layerLevels: scores.map((row, l) => row.map((_, k) => (mask[l]![k] ? levels[l]! : 0))),
    opDifferences: scores.map((row, l) => row.map((v, k) => (mask[l]![k] ? v - levels[l]! : 0))),
    scored: mask,
  };
}

/**
 * The noise band of the op differences: the rank agreement that differences of the same sizes reach
 * when each layer's are dealt to its scored ops at random (a seeded permutation test). Op differences
 * whose tau lies inside mean ± 2 sd tell ops apart no better than chance.
 */
export function opDifferenceNoise(parts: ScoreParts, table: TruthTable, rng: Rng, draws = 16): { kendall: NoiseBand; withinDepthKendall: NoiseBand } {
  const mask = parts.scored;
  const kendall: number[] = [],
    within: number[] = [];
  for (let d = 0; d < draws; d++) {
    const shuffled = parts.opDifferences.map((row, l) => {
      const slots = row.map((_, k) => k).filter((k) => mask[l]![k]);
      const dealt = rng.shuffle(slots.map((k) => row[k]!));
      const out = row.map(() => 0);
      slots.forEach((k, i) => {
        out[k] = dealt[i]!;
      });
      return out;
    });
    const a = rankAgreement(allPathScores(shuffled), table.mean, table.depth);
    kendall.push(a.kendall);
    if (Number.isFinite(a.withinDepthKendall)) within.push(a.withinDepthKendall);
  }
  return { kendall: noiseBand(kendall), withinDepthKendall: noiseBand(within) };
}

/**
 * The structural control, a fixed rule with no op-level information: every Identity 0, a block in a
 * reduction layer (stride 2 or new width: no residual) 1, a block in a residual layer r. With r from
 * a run's layer levels (mean residual level / mean reduction level, skip rule), it is what the run's
 * score would rank like if training had learned nothing but how much residual branches are scaled.
 */
export function structuralRuleScores(space: SearchSpace, r: number): number[][] {
  return space.layers.map((layer) => space.ops.map((op) => (isIdentityOp(op) ? 0 : hasResidual(layer) ? r : 1)));
}

/** r of the structural rule from layer levels: mean level of residual layers over mean level of the others (1 if either is missing). */
export function residualRatio(space: SearchSpace, levels: readonly number[]): number {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const res = levels.filter((_, l) => hasResidual(space.layers[l]!));
  const red = levels.filter((_, l) => !hasResidual(space.layers[l]!));
  if (res.length === 0 || red.length === 0 || !(mean(red) > 0)) return 1;
  return mean(res) / mean(red);
}

/** The structural rule's agreement with the truth, and the r it used. */
export function structuralRule(space: SearchSpace, levels: readonly number[], table: TruthTable): RankAgreement & { r: number } {
  const r = residualRatio(space, levels);
  return { r, ...rankAgreement(allPathScores(structuralRuleScores(space, r)), table.mean, table.depth) };
}
