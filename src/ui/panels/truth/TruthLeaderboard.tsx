import { benchmarkInfo } from '../../../config';
import type { Comparison } from '../../../engine/train';
import { indexOfPath } from '../../../engine/truth';
import { leaderboardOf, PROXY_LABELS, type RetrainedRow } from '../../../engine/stats';
import type { RetrainOutcome, TruthView } from '../../../worker/events';
import { Explainer } from '../../common/Explainer';
import { fixed } from '../../common/format';

/** The proxies' labels (the proxy table's) beside this table's other rows. */
const LABELS: Record<string, string> = {
  ...PROXY_LABELS,
  bnScore: 'BN score (BN-NAS)',
  depth: 'depth count',
  retrained: 'accuracy retrained here (few epochs, 4,000 images)',
  sposAccuracy: 'SPOS accuracy (final supernet)',
  sposShort: "SPOS accuracy at BN-NAS's epochs",
};

/**
 * The retrained subnets' proxies against the benchmark's accuracies (networks trained for real on the full dataset):
 * every cheap proxy, and the accuracy retrained in the browser itself, scored by the same yardstick.
 */
export function TruthLeaderboard({ results, comparison, truth }: { results: RetrainOutcome[]; comparison?: Comparison | null; truth: TruthView }) {
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
        accuracy retrained here ranks them with τ {fixed(tauOf('retrained'), 2)}: a few epochs on 4,000 images are noisy (see the seeds&apos; spread below).
      </p>
      <Explainer>
        Ranked against {truth.benchmark}'s accuracies (it {benchmarkInfo(truth.benchmark).trainedHow}) instead of the few epochs retrained here. The row
        “accuracy retrained here” says how far the browser's quick retraining agrees with the real one: a proxy that beats it is doing better than retraining on
        4,000 images.
      </Explainer>
      <table className="rank-table">
        <caption className="sr-only">Kendall tau and Spearman rho of each proxy against the benchmark's accuracy over the retrained subnets</caption>
        <thead>
          <tr>
            <th>#</th>
            <th>proxy</th>
            <th>Kendall τ</th>
            <th>Spearman ρ</th>
            <th>subnets</th>
          </tr>
        </thead>
        <tbody>
          {board.map((b, i) => (
            <tr key={b.name} data-proxy={b.name} className={b.name === 'bnScore' ? 'selected' : undefined}>
              <td>{i + 1}</td>
              <td>{LABELS[b.name] ?? b.name}</td>
              <td data-testid={`tlb-tau-${b.name}`}>{fixed(b.kendall, 3)}</td>
              <td>{fixed(b.spearman, 3)}</td>
              <td>{b.n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
