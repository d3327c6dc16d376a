import { benchmarkInfo } from '../../../config';
import type { Comparison } from '../../../engine/train';
import { indexOfPath } from '../../../engine/truth';
import { leaderboardOf, type RetrainedRow } from '../../../engine/stats';
import type { RetrainOutcome, TruthView } from '../../../worker/events';
import { Explainer } from '../../common/Explainer';
import { fixed, withCommas } from '../../common/format';
import { LeaderboardTable } from '../../common/LeaderboardTable';

/**
 * The retrained subnets' proxies against the benchmark's accuracies (networks trained for real on the full dataset):
 * every cheap proxy, and the accuracy retrained in the browser itself, scored by the same yardstick.
 */
export function TruthLeaderboard({
  results,
  comparison,
  truth,
  images,
}: {
  results: RetrainOutcome[];
  comparison?: Comparison | null;
  truth: TruthView;
  images: number;
}) {
  if (results.length < 3) return null;
  const rows = results.map((r): RetrainedRow & { extra: Record<string, number> } => {
    const i = indexOfPath(r.path.split('-').map(Number), truth.numOps);
    return {
      path: r.path,
      score: r.score,
      accuracy: truth.mean[i]! / 100,
      accuracies: [truth.mean[i]! / 100],
      proxies: r.proxies,
      extra: { retrained: r.accuracy, depth: truth.depth[i]! },
    };
  });
  const { board } = leaderboardOf(rows, comparison?.sample);
  const tauOf = (name: string) => board.find((b) => b.name === name)?.kendall ?? null;
  return (
    <div className="leaderboard" data-testid="truth-leaderboard">
      <h3>What the truth says</h3>
      {/* The verdict first: the benchmark's accuracies are the yardstick, the few epochs retrained here only a noisy echo of it. */}
      <p className="verdict" data-testid="truth-headline">
        Against {truth.benchmark}&apos;s accuracies, the BN score ranks these {results.length} subnets with Kendall τ <b>{fixed(tauOf('bnScore'), 2)}</b>; the
        accuracy retrained here ranks them with τ {fixed(tauOf('retrained'), 2)}: a few epochs on {withCommas(images)} images are noisy (see the seeds&apos;
        spread below).
      </p>
      <Explainer>
        Ranked against {truth.benchmark}'s accuracies (it {benchmarkInfo(truth.benchmark).trainedHow}) instead of the few epochs retrained here. The row
        “accuracy retrained here” says how far the browser's quick retraining agrees with the real one: a proxy that beats it is doing better than retraining on
        {withCommas(images)} images.
      </Explainer>
      <LeaderboardTable
        board={board}
        caption="Kendall tau and Spearman rho of each proxy against the benchmark's accuracy over the retrained subnets"
        ids="tlb"
        count
        bars={false}
      />
    </div>
  );
}
