import { useMemo, type ReactNode } from 'react';
import { benchmarkInfo, spaceInfo } from '../../../config';
import { allPathScores, resolveBudget } from '../../../engine/search';
import { applyIdentityRule, numPaths, parsePathKey, spaceOf } from '../../../engine/space';
import { bestAndRandomMean, budgetPicks, meanThatFits, pathFlops, trueRankOf, type PathTruth } from '../../../engine/truth';
import { useStore } from '../../../state/store';
import { PANEL_TITLES } from '../../../state/view';
import { BenchmarkCitation } from './BenchmarkCitation';
import { Explainer } from '../../common/Explainer';
import { mflops, withCommas, truePct } from '../../common/format';
import { CompactLegend, PathOps } from '../../common/PathOps';

/** One row of the outcome: what it is, its path (short chips; key and names on hover), true accuracy and rank. */
function Net({
  what,
  pick,
  testId,
  ops,
  rank,
  sd,
  count,
}: {
  what: ReactNode;
  pick: PathTruth | null | undefined;
  testId: string;
  ops: (key: string) => string[];
  rank: number | null;
  sd?: number;
  count: number;
}) {
  return (
    <tr>
      <th scope="row">{what}</th>
      {pick ? (
        <>
          <td>
            <PathOps ops={ops(pick.path)} path={pick.path} shortNames />
          </td>
          <td className="num">
            <b data-testid={testId} data-path={pick.path}>
              {truePct(pick.trueAccuracy, sd)}
            </b>
          </td>
          <td className="num" data-testid={`${testId}-rank`}>
            {rank === null ? (
              '—'
            ) : (
              <>
                {withCommas(rank)}
                <small> / {withCommas(count)}</small>
              </>
            )}
          </td>
        </>
      ) : (
        <td colSpan={3} data-testid={testId}>
          no path fits
        </td>
      )}
    </tr>
  );
}

/**
 * How good BN-NAS's pick really is on a benchmark space: its true accuracy and rank, beside the best
 * network, a random pick, and the truly best under the same FLOPs budget. Live from each epoch, final when done.
 */
export function SearchOutcome() {
  const config = useStore((s) => s.runConfig ?? s.config);
  const truth = useStore((s) => s.benchmarkTable);
  const truthEpochs = useStore((s) => s.truthEpochs);
  const epochs = useStore((s) => s.epochs);
  const status = useStore((s) => s.status);
  const final = useStore((s) => (s.status === 'done' ? (s.result?.groundTruth ?? null) : null));
  const space = useMemo(() => spaceOf(config), [config]);
  const last = truthEpochs[truthEpochs.length - 1];
  const gammas = epochs[epochs.length - 1]?.scores;
  const benchmark = spaceInfo(config.space).benchmark;
  const hasTruth = benchmark !== null;
  // The run's FLOPs budget (raw units) and every path's FLOPs: fixed for a run, so computed once per space and budget.
  const setup = useMemo(() => (hasTruth ? { limit: resolveBudget(space, 'flops', config.flops), costs: pathFlops(space) } : null), [hasTruth, space, config]);
  const fixedTruth = useMemo(() => (truth ? bestAndRandomMean(truth) : null), [truth]);
  const live = useMemo(() => {
    if (!truth || !fixedTruth || !setup || final || !gammas || gammas.length !== space.layers.length) return null;
    return { ...fixedTruth, budget: budgetPicks(truth, allPathScores(applyIdentityRule(gammas, space, config.idscore)), setup.limit, setup.costs) };
  }, [truth, fixedTruth, setup, final, gammas, space, config.idscore]);
  const randomThatFits = useMemo(() => (setup && truth ? meanThatFits(truth.mean, setup.limit, setup.costs) : null), [setup, truth]);
  const found = final?.found ?? last?.found;
  if (!benchmark || !found) return null;
  const best = final?.best ?? live?.best;
  const randomMean = final?.randomMean ?? live?.randomMean;
  const budget = final?.budget ?? live?.budget;
  const count = truth?.count ?? final?.paths ?? numPaths(space);
  const ops = (key: string) => (parsePathKey(key, space.layers.length, space.ops.length) ?? []).map((k) => space.ops[k]!);
  const sd = truth?.sd[found.index];
  const trivial = final?.trivialPick ?? truth?.trivialPick;
  const beat = !!trivial && found.trueAccuracy > trivial.trueAccuracy;
  const rankIn = (p: PathTruth) => (truth ? trueRankOf(truth, p.index) : null);
  return (
    <section className="panel outcome" aria-label="Search outcome against the truth" data-testid="search-outcome">
      <h2>
        {PANEL_TITLES.outcome}{' '}
        <small data-testid="outcome-state">
          {final ? 'final' : `live · epoch ${last?.epoch ?? '—'} of ${config.epochs}${status === 'paused' ? ' (paused)' : ''}`}
        </small>
      </h2>
      <p className="outcome-headline" data-testid="outcome-headline">
        top-1: <b>{truePct(found.trueAccuracy)}</b>, better than <b>{found.percentile.toFixed(1)}%</b> of the {withCommas(count)} networks
      </p>
      {trivial && (
        <p className={`outcome-verdict ${beat ? 'good' : 'bad'}`} data-testid="outcome-verdict" data-beat={beat ? 'yes' : 'no'}>
          {beat ? (
            <>
              BN-NAS <b>beat the trivial rule</b> on this run: its top-1 is {gap(found.trueAccuracy - trivial.trueAccuracy)} the rule&apos;s pick (
              {trivial.rule}), which needs no training.
            </>
          ) : found.trueAccuracy === trivial.trueAccuracy ? (
            <>
              BN-NAS <b>only tied the trivial rule</b> on this run: training found nothing better than {trivial.rule}.
            </>
          ) : (
            <>
              BN-NAS <b>did not beat the trivial rule</b> on this run: its top-1 is {gap(found.trueAccuracy - trivial.trueAccuracy)} the rule&apos;s pick (
              {trivial.rule}), which needs no training.
            </>
          )}
        </p>
      )}
      <Explainer>
        {benchmark} {benchmarkInfo(benchmark).trainedHow}, so we can look up how good the path BN-NAS ranks first really is, without retraining anything.
      </Explainer>
      <div className="table-scroll">
        <table className="rank-table dense outcome-table">
          <caption className="sr-only">The true CIFAR-10 accuracy and rank of BN-NAS&apos;s picks, of the best network and of a random pick</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">network</span>
              </th>
              <th scope="col">path</th>
              <th scope="col">true acc.</th>
              <th scope="col">true rank</th>
            </tr>
          </thead>
          <tbody>
            <Net what="BN-NAS's top-1" pick={found} testId="outcome-top1-acc" ops={ops} rank={found.trueRank} sd={sd} count={count} />
            <Net what="the best network" pick={best} testId="outcome-best" ops={ops} rank={best ? rankIn(best) : null} count={count} />
            {trivial && (
              <Net
                what={
                  <>
                    the trivial rule
                    <br />
                    <small>{trivial.rule}</small>
                  </>
                }
                pick={trivial}
                testId="outcome-trivial"
                ops={ops}
                rank={trivial.trueRank}
                count={count}
              />
            )}
            <tr>
              <th scope="row">a random path, on average</th>
              <td>—</td>
              <td className="num">
                <b data-testid="outcome-random">{truePct(randomMean)}</b>
              </td>
              <td className="num">—</td>
            </tr>
            {budget && (
              <>
                <tr>
                  <th scope="rowgroup" colSpan={4} className="outcome-group">
                    Under the FLOPs budget, {mflops(budget.limit)}FLOPs at width {config.width} ({withCommas(budget.feasible)} of {withCommas(count)} networks
                    fit):
                  </th>
                </tr>
                <Net
                  what="BN-NAS's optimum"
                  pick={budget.exact}
                  testId="outcome-budget-exact"
                  ops={ops}
                  rank={budget.exact ? rankIn(budget.exact) : null}
                  count={count}
                />
                <Net
                  what="the truly best that fits"
                  pick={budget.trueBest}
                  testId="outcome-budget-best"
                  ops={ops}
                  rank={budget.trueBest ? rankIn(budget.trueBest) : null}
                  count={count}
                />
                {randomThatFits !== null && (
                  <tr>
                    <th scope="row">a random path that fits, on average</th>
                    <td>—</td>
                    <td className="num">
                      <b data-testid="outcome-budget-random">{truePct(randomThatFits)}</b>
                    </td>
                    <td className="num">—</td>
                  </tr>
                )}
              </>
            )}
          </tbody>
        </table>
      </div>
      {budget?.exact && randomMean !== undefined && randomThatFits !== null && budget.exact.trueAccuracy < randomMean && (
        <p className="hint" data-testid="outcome-budget-note">
          The budget&apos;s optimum is below a random path ({truePct(randomMean)}) because the budget leaves out the large networks, the better ones here:
          against a random path that fits ({truePct(randomThatFits)}) it is {gap(budget.exact.trueAccuracy - randomThatFits)}.
        </p>
      )}
      <CompactLegend ops={space.ops} />
      <p className="hint" data-testid="outcome-gaps">
        The top-1 is {best ? <b>{(best.trueAccuracy - found.trueAccuracy).toFixed(2)} points</b> : '—'} below the best network
        {randomMean !== undefined && <> and {gap(found.trueAccuracy - randomMean)} a random pick</>}
        {budget?.exact && budget.trueBest && (
          <>
            ; under the budget, BN-NAS&apos;s optimum is <b>{(budget.trueBest.trueAccuracy - budget.exact.trueAccuracy).toFixed(2)} points</b> short of the best
            that fits
          </>
        )}
        .
      </p>
      <BenchmarkCitation benchmark={benchmark} />
    </section>
  );
}

/** '2.17 points above' / '0.40 points below'. */
function gap(d: number): ReactNode {
  return (
    <>
      <b>{Math.abs(d).toFixed(2)} points</b> {d >= 0 ? 'above' : 'below'}
    </>
  );
}
