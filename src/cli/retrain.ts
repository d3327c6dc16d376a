/** `--retrain N`: which subnets to retrain, and the leaderboard as the CLI reports and prints it. */
import type { Comparison } from '../engine/train';
import { leaderboardOf, spreadPaths, type SeedNoise } from '../engine/stats';
import type { ScoreMatrix } from '../engine/space';
import type { RetrainOutcome } from '../engine/session';

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

/** Spread over the BN ranking, or (mode 'both') the first `count` of SPOS's uniform sample, whose SPOS accuracies then join the leaderboard. */
export function retrainPicks(scores: ScoreMatrix, count: number, comparison?: Comparison): { path: string; score: number }[] {
  return comparison ? comparison.sample.slice(0, count).map((c) => ({ path: c.path, score: c.bnScore })) : spreadPaths(scores, count);
}

export function retrainReport(outcomes: readonly RetrainOutcome[], evalSource: string, comparison?: Comparison): RetrainReport {
  const { board, nullKendallSd, seedNoise } = leaderboardOf(outcomes, comparison?.sample);
  const bn = board.find((b) => b.name === 'bnScore')!;
  return {
    retrain: outcomes.map((r) => ({ path: r.path, score: r.score, accuracy: r.accuracy, accuracies: r.accuracies, epochs: r.epochs, seconds: r.seconds })),
    proxy: { kendall: bn.kendall, spearman: bn.spearman },
    proxies: Object.fromEntries(board.map((b) => [b.name, { kendall: b.kendall, spearman: b.spearman, n: b.n }])),
    nullKendallSd,
    seedNoise,
    evalSource,
  };
}

export function formatLeaderboard(r: RetrainReport): string {
  const lines = [
    `proxy leaderboard over ${r.retrain.length} retrained subnets (accuracy on ${r.evalSource}); unrelated rankings give Kendall tau ≈ 0 ± ${r.nullKendallSd.toFixed(2)}:`,
  ];
  lines.push('proxy          Kendall  Spearman  subnets');
  for (const [name, c] of Object.entries(r.proxies))
    lines.push(`${name.padEnd(13)} ${c.kendall.toFixed(3).padStart(8)} ${c.spearman.toFixed(3).padStart(9)} ${String(c.n).padStart(8)}`);
  const noise = r.seedNoise;
  if (noise)
    lines.push(
      `seed noise over ${noise.seeds} seeds: accuracy moves ${(noise.meanAbsDiff * 100).toFixed(1)} points on average between seeds; seed-vs-seed Kendall tau ${noise.kendall.toFixed(3)} (no proxy should be expected to beat it)`,
    );
  return lines.join('\n');
}
