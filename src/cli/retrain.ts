/** `--retrain N`: retrain N subnets spread over the BN ranking, score them with every proxy, and correlate. */
import type { Config } from '../config';
import type { Dataset } from '../engine/data/dataset';
import { meanAndSd, proxyLeaderboard, sposProxies, nullKendallSd, seedNoise, type RetrainedSubnet, type SeedNoise } from '../engine/leaderboard';
import { parsePathKey, type ScoreMatrix } from '../engine/path';
import { retrainWithSeeds } from '../engine/retrainSeeds';
import type { SearchSpace } from '../engine/space';
import { spreadPaths } from '../engine/spread';
import type { TrainData } from '../engine/train';
import type { Comparison } from '../engine/compare';

export interface RetrainReport {
  /** accuracy: the mean over `accuracies`, one per retrain seed. */
  retrain: { path: string; score: number; accuracy: number; accuracies: number[]; epochs: number; seconds: number }[];
  proxy: { kendall: number; spearman: number };
  proxies: Record<string, { kendall: number; spearman: number; n: number }>;
  /** Kendall tau between two unrelated rankings of this many subnets has about this standard deviation. */
  nullKendallSd: number;
  /** With 2+ seeds: how much retraining disagrees with itself (the ceiling for any proxy). */
  seedNoise: SeedNoise | null;
  evalSource: string;
}

/**
 * Retrains `count` subnets: spread over the BN ranking, or (mode 'both') the
 * first `count` of SPOS's uniform sample, whose SPOS accuracies then join the
 * leaderboard as proxies ('sposAccuracy' at the end, 'sposShort' at BN-NAS's epoch budget).
 */
export async function retrainSpread(
  config: Config, space: SearchSpace, scores: ScoreMatrix, data: TrainData, evalSet: Dataset | null,
  count: number, epochs: number, log: (line: string) => void, seeds = 1, comparison?: Comparison,
): Promise<RetrainReport> {
  const picked = comparison ? comparison.sample.slice(0, count).map((c) => ({ path: c.path, score: c.bnScore })) : spreadPaths(scores, count);
  const extraOf = (key: string) => {
    const c = comparison?.sample.find((s) => s.path === key);
    return c && sposProxies(c.sposAccuracy);
  };
  const val = evalSet ?? data.val;
  const rows: (RetrainedSubnet & { accuracies: number[]; seconds: number })[] = [];
  for (const [i, p] of picked.entries()) {
    const path = parsePathKey(p.path, space.layers.length, space.ops.length)!;
    const { accuracies, proxies, seconds } = await retrainWithSeeds(space, path, p.path, { train: data.train, val, stats: data.stats }, { epochs, batch: config.batch, lr: 0.05 }, config.seed, seeds);
    const { mean, sd } = meanAndSd(accuracies);
    rows.push({ path: p.path, score: p.score, accuracy: mean, accuracies, proxies, seconds, extra: extraOf(p.path) });
    log(`retrained ${i + 1}/${picked.length} ${p.path}: score ${p.score.toFixed(5)} accuracy ${(mean * 100).toFixed(1)}%${seeds > 1 ? ` ± ${(sd * 100).toFixed(1)} over ${seeds} seeds` : ''} in ${seconds.toFixed(0)} s`);
  }
  const board = proxyLeaderboard(rows);
  const bn = board.find((b) => b.name === 'bnScore')!;
  return {
    retrain: rows.map((r) => ({ path: r.path, score: r.score, accuracy: r.accuracy, accuracies: r.accuracies, epochs, seconds: r.seconds })),
    proxy: { kendall: bn.kendall, spearman: bn.spearman },
    proxies: Object.fromEntries(board.map((b) => [b.name, { kendall: b.kendall, spearman: b.spearman, n: b.n }])),
    nullKendallSd: nullKendallSd(rows.length),
    seedNoise: seedNoise(rows.map((r) => r.accuracies)),
    evalSource: evalSet ? evalSet.source : `validation split (${val.count} images)`,
  };
}

export function formatLeaderboard(r: RetrainReport): string {
  const lines = [`proxy leaderboard over ${r.retrain.length} retrained subnets (accuracy on ${r.evalSource}); unrelated rankings give Kendall tau ≈ 0 ± ${r.nullKendallSd.toFixed(2)}:`];
  lines.push('proxy          Kendall  Spearman  subnets');
  for (const [name, c] of Object.entries(r.proxies)) lines.push(`${name.padEnd(13)} ${c.kendall.toFixed(3).padStart(8)} ${c.spearman.toFixed(3).padStart(9)} ${String(c.n).padStart(8)}`);
  const noise = r.seedNoise;
  if (noise) lines.push(`seed noise over ${noise.seeds} seeds: accuracy moves ${(noise.meanAbsDiff * 100).toFixed(1)} points on average between seeds; seed-vs-seed Kendall tau ${noise.kendall.toFixed(3)} (no proxy should be expected to beat it)`);
  return lines.join('\n');
}
