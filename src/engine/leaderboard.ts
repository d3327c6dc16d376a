/**
 * How well each cheap proxy — the BN score, params, FLOPs, zero-cost proxies
 * at init — ranks retrained subnets: Kendall tau-b and Spearman rho against
 * their accuracy, with the spread tau shows between unrelated rankings of n items.
 */
import { kendallTauB, spearmanRho } from './metrics';
import { PROXY_NAMES, type ProxyScores } from './proxies';

export interface RetrainedSubnet { path: string; score: number; accuracy: number; proxies: ProxyScores }
export interface Correlation { kendall: number; spearman: number }

/** Standard deviation of Kendall tau between two independent random rankings of n items. */
export function nullKendallSd(n: number): number {
  return Math.sqrt((2 * (2 * n + 5)) / (9 * n * (n - 1)));
}

/** Correlation of every proxy (and the BN score as 'bnScore') with accuracy, best Kendall tau first. */
export function proxyLeaderboard(rows: readonly RetrainedSubnet[]): { name: string; kendall: number; spearman: number }[] {
  const acc = rows.map((r) => r.accuracy);
  const cols: [string, number[]][] = [['bnScore', rows.map((r) => r.score)], ...PROXY_NAMES.map((p) => [p, rows.map((r) => r.proxies[p])] as [string, number[]])];
  return cols
    .map(([name, values]) => ({ name, kendall: kendallTauB(values, acc), spearman: spearmanRho(values, acc) }))
    .sort((a, b) => (Number.isNaN(b.kendall) ? -2 : b.kendall) - (Number.isNaN(a.kendall) ? -2 : a.kendall));
}
