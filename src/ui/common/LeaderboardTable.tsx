import { PROXY_LABELS, type LeaderboardRow } from '../../engine/stats';
import { fixed } from './format';

/** Every row a leaderboard may hold: the proxy table's, the BN score, SPOS's accuracies, and the truth board's extras. */
const LABELS: Record<string, string> = {
  ...PROXY_LABELS,
  bnScore: 'BN score (BN-NAS)',
  depth: 'depth count',
  retrained: 'accuracy retrained here (few epochs)',
  sposAccuracy: 'SPOS accuracy (final supernet)',
  sposShort: "SPOS accuracy at BN-NAS's epochs",
};

/**
 * One leaderboard, best first: each predictor's Kendall τ and Spearman ρ against a yardstick, the BN score's row marked.
 * `ids` prefixes the cells tests read (`${ids}-tau-<name>`); `count` shows how many subnets each row covers; `bars` draws |τ|.
 */
export function LeaderboardTable({
  board,
  caption,
  ids,
  count,
  bars,
}: {
  board: readonly LeaderboardRow[];
  caption: string;
  ids: string;
  count: boolean;
  bars: boolean;
}) {
  const maxAbs = Math.max(...board.map((b) => (Number.isNaN(b.kendall) ? 0 : Math.abs(b.kendall))), 1e-9);
  return (
    <table className="rank-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th>#</th>
          <th>proxy</th>
          <th>Kendall τ</th>
          <th>Spearman ρ</th>
          {count && <th>subnets</th>}
          {bars && <th aria-hidden="true"></th>}
        </tr>
      </thead>
      <tbody>
        {board.map((b, i) => (
          <tr key={b.name} data-proxy={b.name} className={b.name === 'bnScore' ? 'selected' : undefined}>
            <td>{i + 1}</td>
            <td>{LABELS[b.name] ?? b.name}</td>
            <td data-testid={`${ids}-tau-${b.name}`}>{fixed(b.kendall, 3)}</td>
            <td data-testid={`${ids}-rho-${b.name}`}>{fixed(b.spearman, 3)}</td>
            {count && <td>{b.n}</td>}
            {bars && (
              <td aria-hidden="true" className="lb-bar-cell">
                {!Number.isNaN(b.kendall) && (
                  <span className={`lb-bar ${b.kendall < 0 ? 'neg' : ''}`} style={{ width: `${(Math.abs(b.kendall) / maxAbs) * 100}%` }} />
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
