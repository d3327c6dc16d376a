/**
 * How well each cheap proxy — the BN score, params, FLOPs, zero-cost proxies
 * at init — ranks retrained subnets: Kendall tau-b and Spearman rho against
 * their accuracy, with the two yardsticks a reader needs: the spread tau shows
 * between unrelated rankings of n items, and how well retraining agrees with
 * itself under another seed. Pure numbers, no tfjs: the page uses it too.
 */
import { kendallTauB, spearmanRho } from './metrics';
import { PROXY_NAMES, type ProxyScores } from './proxyNames';

export interface RetrainedSubnet {
  path: string;
  score: number;
  accuracy: number;
  proxies: ProxyScores;
  /** More proxies known for some subnets only (e.g. SPOS accuracy for the sampled ones); each is correlated over the subnets that have it. */
  extra?: Readonly<Record<string, number>>;
}
export interface Correlation {
  kendall: number;
  spearman: number;
}
export interface LeaderboardRow extends Correlation {
  name: string;
  n: number;
}

/** Standard deviation of Kendall tau between two independent random rankings of n items. */
export function nullKendallSd(n: number): number {
  return Math.sqrt((2 * (2 * n + 5)) / (9 * n * (n - 1)));
}

/** Correlation of every proxy (and the BN score as 'bnScore') with accuracy, best Kendall tau first. */
export function proxyLeaderboard(rows: readonly RetrainedSubnet[]): LeaderboardRow[] {
  const acc = rows.map((r) => r.accuracy);
  const cols: [string, number[], number[]][] = [
    ['bnScore', rows.map((r) => r.score), acc],
    ...PROXY_NAMES.map((p) => [p, rows.map((r) => r.proxies[p]), acc] as [string, number[], number[]]),
  ];
  const extraNames = [...new Set(rows.flatMap((r) => Object.keys(r.extra ?? {})))];
  for (const name of extraNames) {
    const have = rows.filter((r) => r.extra?.[name] !== undefined);
    cols.push([name, have.map((r) => r.extra![name]!), have.map((r) => r.accuracy)]);
  }
  return cols
    .map(([name, values, y]) => ({ name, n: values.length, kendall: kendallTauB(values, y), spearman: spearmanRho(values, y) }))
    .sort((a, b) => (Number.isNaN(b.kendall) ? -2 : b.kendall) - (Number.isNaN(a.kendall) ? -2 : a.kendall));
}

/**
 * A mode-'both' subnet's SPOS accuracies (one per checkpoint) as leaderboard
 * proxies: 'sposAccuracy' at the end, 'sposShort' at BN-NAS's epoch budget when SPOS was evaluated there too.
 */
export function sposProxies(sposAccuracy: readonly number[]): Record<string, number> {
  const last = sposAccuracy[sposAccuracy.length - 1]!;
  return sposAccuracy.length > 1 ? { sposAccuracy: last, sposShort: sposAccuracy[0]! } : { sposAccuracy: last };
}

export interface SeedNoise {
  /** Seeds per subnet that the figures use (the smallest count among the subnets). */
  seeds: number;
  /** Mean over subnets and seed pairs of |accuracy(seed a) − accuracy(seed b)|. */
  meanAbsDiff: number;
  /** Mean over seed pairs of Kendall tau between the subnets' accuracies under seed a and under seed b: no proxy can be expected to beat it by much. */
  kendall: number;
}

/**
 * How much retraining disagrees with itself: `accuracies[i]` holds subnet i's
 * accuracy under each seed. Null with fewer than 2 seeds for every subnet, or fewer than 2 subnets.
 */
export function seedNoise(accuracies: readonly (readonly number[])[]): SeedNoise | null {
  if (accuracies.length < 2) return null;
  const seeds = Math.min(...accuracies.map((a) => a.length));
  if (seeds < 2) return null;
  let diff = 0,
    diffs = 0,
    tau = 0,
    pairs = 0;
  for (let a = 0; a < seeds; a++) {
    for (let b = a + 1; b < seeds; b++) {
      for (const acc of accuracies) {
        diff += Math.abs(acc[a]! - acc[b]!);
        diffs++;
      }
      const t = kendallTauB(
        accuracies.map((acc) => acc[a]!),
        accuracies.map((acc) => acc[b]!),
      );
      if (!Number.isNaN(t)) {
        tau += t;
        pairs++;
      }
    }
  }
  return { seeds, meanAbsDiff: diff / diffs, kendall: pairs ? tau / pairs : NaN };
}

/** Mean and sample standard deviation (0 for one value). */
export function meanAndSd(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n < 2 ? 0 : Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  return { mean, sd };
}

/** A retrained subnet as the leaderboard reads it: BN score, proxies and each seed's accuracy. */
export interface RetrainedRow {
  path: string;
  score: number;
  accuracy: number;
  accuracies: readonly number[];
  proxies: ProxyScores;
  /** More proxies for this row (e.g. depth, or the browser's retrained accuracy when ranking against a benchmark). */
  extra?: Readonly<Record<string, number>>;
}

export interface LeaderboardReport {
  board: LeaderboardRow[];
  /** Kendall tau between two unrelated rankings of this many subnets has about this standard deviation. */
  nullKendallSd: number;
  /** With 2+ seeds: how much retraining disagrees with itself (the ceiling for any proxy). */
  seedNoise: SeedNoise | null;
}

/**
 * The leaderboard of retrained subnets, the one computation the page and the CLI share.
 * `sposSample` (mode 'both'): SPOS accuracies join as proxies for the subnets SPOS evaluated.
 */
export function leaderboardOf(rows: readonly RetrainedRow[], sposSample?: readonly { path: string; sposAccuracy: readonly number[] }[]): LeaderboardReport {
  const withSpos = rows.map((r): RetrainedSubnet => {
    const hit = sposSample?.find((s) => s.path === r.path);
    return hit ? { ...r, extra: { ...r.extra, ...sposProxies(hit.sposAccuracy) } } : r;
  });
  return { board: proxyLeaderboard(withSpos), nullKendallSd: nullKendallSd(rows.length), seedNoise: seedNoise(rows.map((r) => r.accuracies)) };
}
