import type { KeyboardEvent } from 'react';
import { benchmarkInfo, spaceInfo, type BenchmarkId } from '../../../config';
import type { BudgetResult, RankedRow } from '../../../engine/search';
import { numPaths, spaceOf } from '../../../engine/space';
import { shownTop, useStore } from '../../../state/store';
import { Explainer } from '../../common/Explainer';
import { ExportBar } from './ExportBar';
import { fixed, kparams, mflops, withCommas } from '../../common/format';
import { CompactLegend, PathOps as Ops } from '../../common/PathOps';

const trueTitle = (b: BenchmarkId) => `${benchmarkInfo(b).dataset} test accuracy of this network in ${b}, which ${benchmarkInfo(b).trainedHow}: mean ± sd`;
const rankTitle = (b: BenchmarkId, paths: number) => `Rank of this network among all ${withCommas(paths)} by its true (${b}) accuracy: 1 = best`;

/** The best path under one budget (FLOPs or params): exact, and the paper's evolutionary search with its gap to exact. */
function BudgetBlock({ b, opsOf, shortNames }: { b: BudgetResult; opsOf: (path: number[]) => string[]; shortNames: boolean }) {
  const cost = b.metric === 'flops' ? mflops : kparams;
  const id = b.metric === 'flops' ? 'constrained' : 'constrained-params';
  return (
    <div className="budget" data-testid={id} data-budget={b.budget}>
      <h3>
        Best under {cost(b.budget)}
        {b.metric === 'flops' ? 'FLOPs' : ' params'}
      </h3>
      <dl>
        <dt>exact (dynamic programming)</dt>
        <dd data-testid={`${id}-exact`} data-key={b.exact?.key} data-score={b.exact?.score} data-cost={b.exact?.cost}>
          {b.exact ? (
            <>
              <Ops ops={opsOf(b.exact.path)} path={b.exact.key} shortNames={shortNames} /> score {fixed(b.exact.score)} · {cost(b.exact.cost)}
            </>
          ) : (
            'no path fits'
          )}
        </dd>
        <dt>evolutionary (the paper's search)</dt>
        <dd data-testid={`${id}-evo`} data-key={b.evolutionary?.key} data-score={b.evolutionary?.score}>
          {b.evolutionary ? (
            <>
              <Ops ops={opsOf(b.evolutionary.path)} path={b.evolutionary.key} shortNames={shortNames} /> score {fixed(b.evolutionary.score)} ·{' '}
              {cost(b.evolutionary.cost)} · {b.evolutionary.evaluated} paths scored · gap {fixed(b.evolutionary.gap, 5)}{' '}
              <small>(exact score minus its: 0 = it found the optimum)</small>
            </>
          ) : (
            'none found'
          )}
        </dd>
      </dl>
    </div>
  );
}

/** Live top-k paths by BN score, and the best path under the FLOPs budget and under the params budget, exact vs evolutionary. */
export function RankingTable() {
  const top = useStore(shownTop);
  const result = useStore((s) => s.result);
  const selected = useStore((s) => s.selectedPath);
  const select = useStore((s) => s.selectPath);
  const config = useStore((s) => s.runConfig ?? s.config);
  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, row: RankedRow) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      select(selected === row.path ? null : row.path);
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling) as HTMLElement | null;
      next?.focus();
    }
  };
  const space = spaceOf(config);
  const paths = numPaths(space);
  const opsOf = (path: number[]) => path.map((k) => space.ops[k]!);
  const { benchmark, shortChips: shortNames } = spaceInfo(config.space);
  const truth = !!benchmark && top.some((r) => r.trueAccuracy !== undefined);
  return (
    <section className="panel ranking" aria-label="Path ranking">
      <h2>Top {config.topk} paths</h2>
      <Explainer>
        Ranked exactly over all paths by the summed BN score, no sampling: the score is additive, so a best-first search finds the top-k without scoring all{' '}
        {paths > 1e6 ? 'millions of' : withCommas(paths)} paths.
        {benchmark && <> Each row also shows the network&apos;s true accuracy and rank in {benchmark}.</>} Select a row to mark a path for retraining.
      </Explainer>
      {top.length === 0 ? (
        <p className="empty">The ranking appears after the first epoch.</p>
      ) : (
        <div className="table-scroll">
          <table className={`rank-table${truth ? ' dense' : ''}`} data-testid="ranking">
            <thead>
              <tr>
                <th>#</th>
                <th>path</th>
                <th>score</th>
                <th>FLOPs</th>
                <th className="col-params">params</th>
                {truth && benchmark && (
                  <>
                    <th title={trueTitle(benchmark)}>
                      <abbr title={trueTitle(benchmark)}>true acc.</abbr>
                    </th>
                    <th title={rankTitle(benchmark, paths)}>
                      <abbr title={rankTitle(benchmark, paths)}>true rank</abbr>
                    </th>
                  </>
                )}
              </tr>
            </thead>
            <tbody>
              {top.map((r, i) => (
                <tr
                  key={r.path}
                  tabIndex={0}
                  aria-selected={selected === r.path}
                  className={selected === r.path ? 'selected' : undefined}
                  data-testid={`rank-row-${i}`}
                  data-path={r.path}
                  data-score={r.score}
                  data-flops={r.flops}
                  data-params={r.params}
                  onClick={() => select(selected === r.path ? null : r.path)}
                  onKeyDown={(e) => onKey(e, r)}
                >
                  <td>{i + 1}</td>
                  <td>
                    <Ops ops={r.ops} path={r.path} shortNames={shortNames} />
                  </td>
                  <td>{fixed(r.score, 5)}</td>
                  <td>{mflops(r.flops)}</td>
                  <td className="col-params">{kparams(r.params)}</td>
                  {truth && (
                    <>
                      <td data-testid={`true-acc-${i}`} className="num">
                        {r.trueAccuracy === undefined ? (
                          '—'
                        ) : (
                          <>
                            {r.trueAccuracy.toFixed(2)}
                            <small>{r.trueSd === undefined ? '' : ` ± ${r.trueSd.toFixed(2)}`}</small>%
                          </>
                        )}
                      </td>
                      <td data-testid={`true-rank-${i}`} className="num">
                        {r.trueRank === undefined ? (
                          '—'
                        ) : (
                          <>
                            {withCommas(r.trueRank)}
                            <small className="of"> / {withCommas(paths)}</small>
                          </>
                        )}
                      </td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {shortNames && top.length > 0 && <CompactLegend ops={space.ops} />}
      <ExportBar />
      {result && (
        <div className="constrained">
          <p className="hint">The budgets are set under Search (auto = the median path's cost, so half the paths fit).</p>
          <BudgetBlock b={result.search.flops} opsOf={opsOf} shortNames={shortNames} />
          {result.search.params && <BudgetBlock b={result.search.params} opsOf={opsOf} shortNames={shortNames} />}
        </div>
      )}
    </section>
  );
}
