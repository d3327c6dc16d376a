import type { Comparison } from '../../../engine/train';
import { leaderboardOf, PROXY_LABELS } from '../../../engine/stats';
import type { RetrainOutcome } from '../../../worker/events';
import { fixed } from '../../common/format';

/** The proxies' labels (the proxy table's) beside this table's other rows. */
const LABELS: Record<string, string> = {
  ...PROXY_LABELS,
  bnScore: 'BN score (BN-NAS)',
  sposAccuracy: 'SPOS accuracy (final supernet)',
  sposShort: "SPOS accuracy at BN-NAS's epochs",
};

/**
 * Every cheap proxy against the same retrained accuracies: is the BN score
 * better than counting parameters? With the two yardsticks that say how much
 * a tau means here: chance (n subnets) and seed noise (the same subnets retrained with another seed).
 */
export function ProxyLeaderboard({ results, comparison }: { results: RetrainOutcome[]; comparison?: Comparison | null }) {
  if (results.length < 3)
    return (
      <p className="hint" data-testid="leaderboard-empty">
        The proxy leaderboard appears once 3 subnets are retrained.
      </p>
    );
  const { board, nullKendallSd, seedNoise: noise } = leaderboardOf(results, comparison?.sample);
  const partial = board.some((b) => b.n !== results.length);
  const chance = 2 * nullKendallSd;
  const maxAbs = Math.max(...board.map((b) => (Number.isNaN(b.kendall) ? 0 : Math.abs(b.kendall))), 1e-9);
  return (
    <div className="leaderboard" data-testid="leaderboard">
      <h3>Proxy leaderboard</h3>
      <table className="rank-table">
        <caption className="sr-only">Kendall tau and Spearman rho of each proxy against retrained accuracy, best first</caption>
        <thead>
          <tr>
            <th>#</th>
            <th>proxy</th>
            <th>Kendall τ</th>
            <th>Spearman ρ</th>
            {partial && <th>subnets</th>}
            <th aria-hidden="true"></th>
          </tr>
        </thead>
        <tbody>
          {board.map((b, i) => (
            <tr key={b.name} data-proxy={b.name} className={b.name === 'bnScore' ? 'selected' : undefined}>
              <td>{i + 1}</td>
              <td>{LABELS[b.name] ?? b.name}</td>
              <td data-testid={`lb-tau-${b.name}`}>{fixed(b.kendall, 3)}</td>
              <td data-testid={`lb-rho-${b.name}`}>{fixed(b.spearman, 3)}</td>
              {partial && <td>{b.n}</td>}
              <td aria-hidden="true" className="lb-bar-cell">
                {!Number.isNaN(b.kendall) && (
                  <span className={`lb-bar ${b.kendall < 0 ? 'neg' : ''}`} style={{ width: `${(Math.abs(b.kendall) / maxAbs) * 100}%` }} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint" data-testid="leaderboard-note">
        Over {results.length} subnets, unrelated rankings reach |τ| ≈ {chance.toFixed(2)} by chance (2 SD).{' '}
        {noise ? (
          <>
            Retrained with {noise.seeds} seeds, a subnet&apos;s accuracy moves {(noise.meanAbsDiff * 100).toFixed(1)} points between seeds, and the seeds agree
            on the ranking with τ = <b data-testid="seed-tau">{fixed(noise.kendall, 3)}</b>: no proxy should be expected to do much better.
          </>
        ) : (
          <>Set Seeds to 2 or more to see how much retraining disagrees with itself.</>
        )}{' '}
        Zero-cost proxies are computed on each subnet at its seeded initialisation, on one training batch.
      </p>
    </div>
  );
}
