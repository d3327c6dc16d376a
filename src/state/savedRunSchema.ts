/**
 * The schema of a saved run, checked on every read: a record written by an
 * older or newer version, or damaged in storage, is dropped with a notice and
 * never rendered. Deep enough that every field a panel reads is the type it
 * expects, and the score matrices fit the config's space.
 */
import { z } from 'zod';
import { ConfigSchema, type Config, type OpId } from '../config';
import { spaceOf, type PathKey } from '../engine/space';
import type { EpochReport } from '../engine/train';
import type { RankedRow } from '../engine/search';
import type { ProxySample, RetrainOutcome, RunSummary, TruthEpoch } from '../engine/session';
import { PROXIES, type ProxyName } from '../engine/stats';

/** Bumped when a saved run gains a field its panels read: 3 added both Identity rules and the score's parts. */
export const SAVED_RUN_VERSION = 3;

const num = z.number().finite();
/** A statistic: NaN is a legitimate value (e.g. Kendall tau of a constant ranking). */
const stat = z.union([z.number(), z.nan()]);
const prob = z.number().min(0).max(1);
const matrix = z.array(z.array(num));
/** A path key, checked by its form ('0-1-2'); `pathKey` types it as the engine's branded key where the engine does. */
const pathText = z.string().regex(/^\d+(-\d+)*$/);
const pathKey = pathText as unknown as z.ZodType<PathKey>;
/** A path's op names; `ops` types them as the engine's op ids where the engine does (the same check at run time). */
const opNames = z.array(z.string());
const ops = opNames as unknown as z.ZodType<OpId[]>;

const epochReport = z.object({
  epoch: z.number().int().positive(),
  loss: num,
  trainAccuracy: prob,
  valAccuracy: prob.nullable(),
  scores: matrix,
  seconds: num,
  imagesPerSecond: num,
}) satisfies z.ZodType<EpochReport>;
const rankedRow = z.object({
  path: pathKey,
  ops,
  score: num,
  flops: num,
  params: num,
  trueAccuracy: num.optional(),
  trueSd: num.optional(),
  trueRank: z.number().int().positive().optional(),
}) satisfies z.ZodType<RankedRow>;
const budgeted = z.object({ path: z.array(z.number().int()), score: num, cost: num, key: pathKey });
const budgetResult = z.object({
  metric: z.enum(['flops', 'params']),
  budget: num,
  exact: budgeted.nullable(),
  evolutionary: budgeted.extend({ evaluated: num, gap: num }).nullable(),
});
const timing = z.object({ epochs: num, steps: num, seconds: num, secondsPerEpoch: num, imagesPerSecond: num });
const comparison = z.object({
  bn: timing,
  spos: timing.extend({ lr: num, epochReports: z.array(epochReport.omit({ scores: true })) }),
  sample: z.array(z.object({ path: pathKey, ops, bnScore: num, flops: num, params: num, sposAccuracy: z.array(prob) })),
  checkpoints: z.array(z.object({ epoch: num, kendall: stat, spearman: stat, evalSeconds: num })),
  bnEpochsVsSpos: z.array(z.object({ epoch: num, kendall: stat })),
  sposShortVsFinal: stat.nullable(),
  evaluation: z.object({ bnSecondsPerSubnet: num, sposSecondsPerSubnet: num }),
  speedup: z.object({ trainPerEpoch: num, trainTotal: num, evaluation: num }),
});
const band = z.object({ mean: stat, sd: stat, draws: num });
/** Both Identity rules, the score's two parts and the structural control, with agreements of the shape `a`. */
const anatomyOf = <S extends z.ZodRawShape>(a: z.ZodObject<S>) => ({
  rules: z.object({ bn: a, skip: a }),
  parts: z.object({
    rule: z.enum(['bn', 'skip']),
    levels: z.array(num),
    layerLevels: a,
    opDifferences: a.extend({ noise: z.object({ kendall: band, withinDepthKendall: band }) }),
  }),
  structuralRule: a.extend({ r: num }),
});
const pathTruth = z.object({ path: pathKey, index: z.number().int(), trueAccuracy: num });
const agreement = z.object({ kendall: stat, spearman: stat, withinDepthKendall: stat.nullable() });
const groundTruth = z
  .object({
    benchmark: z.string(),
    paths: z.number().int(),
    kendall: stat,
    spearman: stat,
    withinDepthKendall: stat,
    baselines: z.record(z.string(), agreement),
    found: pathTruth.extend({ trueRank: z.number().int(), percentile: num }),
    trivialPick: pathTruth.extend({ trueRank: z.number().int(), percentile: num, rule: z.string() }),
    best: pathTruth,
    randomMean: num,
    rules: anatomyOf(agreement).rules,
    parts: anatomyOf(agreement).parts,
    budget: z.object({ limit: num, feasible: num, exact: pathTruth.nullable(), trueBest: pathTruth.nullable() }).passthrough().optional(),
    byEpoch: z.array(
      z.object({
        epoch: num,
        kendall: stat,
        withinDepthKendall: stat,
        valAccuracy: prob.nullable(),
        ...anatomyOf(z.object({ kendall: stat, withinDepthKendall: stat })),
      }),
    ),
  })
  .passthrough();
const truthEpoch = z.object({
  epoch: num,
  kendall: stat,
  spearman: stat,
  withinDepthKendall: stat,
  found: pathTruth.extend({ trueRank: z.number().int(), percentile: num }),
  valAccuracy: prob.nullable(),
  ...anatomyOf(agreement),
});
/** Every proxy of the table (zod drops keys it does not list, so a hand-written list would lose a new proxy on restore). */
const proxyScores = z.object(Object.fromEntries(PROXIES.map((p) => [p.name, p.kind === 'cost' ? num : stat])) as Record<ProxyName, typeof stat>);
const retrained = z.object({
  path: pathText,
  ops: opNames,
  score: num,
  accuracy: prob,
  accuracies: z.array(prob).min(1),
  epochs: num,
  seconds: num,
  curve: z.array(prob),
  flops: num,
  params: num,
  proxies: proxyScores,
}) satisfies z.ZodType<RetrainOutcome>;

const savedRun = z.object({
  version: z.literal(SAVED_RUN_VERSION),
  config: ConfigSchema,
  dataId: z.string().min(1).max(200),
  result: z.object({
    supernet: z.object({
      mode: z.enum(['bn', 'full', 'both']),
      epochs: num,
      steps: num,
      seconds: num,
      imagesPerSecond: num,
      trainableParams: num,
      totalParams: num,
      finalLoss: num,
      valAccuracy: prob.nullable(),
    }),
    scores: matrix,
    gammas: matrix,
    search: z.object({ top: z.array(rankedRow).min(1), flops: budgetResult, params: budgetResult, seconds: num }),
    comparison: comparison.optional(),
    groundTruth: groundTruth.optional(),
    backend: z.string(),
    dataId: z.string(),
  }),
  epochs: z.array(epochReport).min(1),
  stability: z.array(z.object({ epoch: num, kendall: stat })),
  // (Records saved before the ranking was stored once also hold `top`: zod drops it, it is result.search.top.)
  truthEpochs: z.array(truthEpoch).optional(),
  retrained: z.array(retrained),
  proxySample: z.object({ paths: z.number().int().positive(), sample: z.array(pathKey), proxies: z.record(z.string(), agreement) }).optional(),
  savedAt: z.string().refine((s) => !Number.isNaN(Date.parse(s))),
});

/**
 * A saved run's type, from the schema: the version, the series, the ranking and the retrained subnets are its
 * inferred types, and those parts `satisfies` the engine's types (a required field the engine adds, which zod would
 * drop on restore, is a compile error). The result, the truth per epoch and the proxy sample are checked only as
 * deep as their panels need, or looser than the engine (the rest passes through), so their types are the engine's.
 */
export type SavedRun = Omit<z.infer<typeof savedRun>, 'result' | 'truthEpochs' | 'proxySample'> & {
  /** The run without the series kept beside it. */
  result: RunSummary;
  /** On a benchmark space: each epoch's ranking against the truth. */
  truthEpochs?: TruthEpoch[];
  /** The zero-cost proxies on a seeded sample of this run's space, once scored. */
  proxySample?: ProxySample;
};

/** The record as the saved-run type `T` (persist.ts's SavedRun), or the reason it cannot be shown. */
export function checkSavedRun<T extends { config: Config }>(raw: unknown): { run: T } | { problem: string } {
  const parsed = savedRun.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { problem: `${issue.path.join('.') || 'record'}: ${issue.message}` };
  }
  const run = parsed.data as unknown as T & { result: { scores: number[][] }; epochs: { scores: number[][] }[] };
  // Every score matrix must be layers x ops of the config's space, or the heatmap and ranking would index past it.
  let space;
  try {
    space = spaceOf(run.config);
  } catch (e) {
    return { problem: `config: ${(e as Error).message}` };
  }
  const fits = (m: readonly (readonly number[])[]) => m.length === space.layers.length && m.every((row) => row.length === space.ops.length);
  if (!fits(run.result.scores)) return { problem: 'result.scores: does not fit the search space' };
  const bad = run.epochs.findIndex((e) => !fits(e.scores));
  if (bad >= 0) return { problem: `epochs.${bad}.scores: does not fit the search space` };
  return { run };
}
