import type { Comparison } from '../../../engine/train';
import { leaderboardOf } from '../../../engine/stats';
import type { RetrainOutcome } from '../../../worker/events';
import { fixed } from '../../common/format';
import { LeaderboardTable } from '../../common/LeaderboardTable';

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
  return (
    <div className="leaderboard" data-testid="leaderboard">
      <h3>Proxy leaderboard</h3>
      <LeaderboardTable
        board={board}
        caption="Kendall tau and Spearman rho of each proxy against retrained accuracy, best first"
        ids="lb"
        count={partial}
        bars
      />
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
