import { useShallow } from 'zustand/react/shallow';
import { spaceInfo } from '../../../config';
import type { Comparison, ComparedSubnet } from '../../../engine/train';
import { nullKendallSd } from '../../../engine/stats';
import { useStore } from '../../../state/store';
import { PANEL_TITLES } from '../../../state/view';
import { CompareCharts } from './CompareCharts';
import { Explainer } from '../../common/Explainer';
import { fixed, pct, ratio, seconds } from '../../common/format';
import { PathOps } from '../../common/PathOps';

const finalAcc = (s: ComparedSubnet) => s.sposAccuracy[s.sposAccuracy.length - 1]!;

function SpeedTable({ c }: { c: Comparison }) {
  return (
    <div className="table-scroll">
      <table className="rank-table compare-speed" data-testid="compare-speed">
        <caption className="sr-only">Measured cost of BN-NAS and SPOS</caption>
        <thead>
          <tr>
            <th></th>
            <th>BN-NAS</th>
            <th>SPOS</th>
            <th>SPOS / BN-NAS</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">supernet epochs</th>
            <td>{c.bn.epochs}</td>
            <td>{c.spos.epochs}</td>
            <td>{ratio(c.spos.epochs / c.bn.epochs)}</td>
          </tr>
          <tr>
            <th scope="row">training time per epoch</th>
            <td>{seconds(c.bn.secondsPerEpoch)}</td>
            <td>{seconds(c.spos.secondsPerEpoch)}</td>
            <td data-testid="speedup-epoch">{ratio(c.speedup.trainPerEpoch)}</td>
          </tr>
          <tr>
            <th scope="row">training time in total</th>
            <td data-testid="bn-seconds">{seconds(c.bn.seconds)}</td>
            <td data-testid="spos-seconds">{seconds(c.spos.seconds)}</td>
            <td data-testid="speedup-total">{ratio(c.speedup.trainTotal)}</td>
          </tr>
          <tr>
            <th scope="row">evaluating one subnet</th>
            <td>
              {seconds(c.evaluation.bnSecondsPerSubnet)} <small>(a sum of {c.sample[0]?.ops.length ?? 0} op scores)</small>
            </td>
            <td>
              {seconds(c.evaluation.sposSecondsPerSubnet)} <small>(BN recalibration + validation)</small>
            </td>
            <td data-testid="speedup-eval">{ratio(c.speedup.evaluation)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function TopLists({ c, k, shortNames }: { c: Comparison; k: number; shortNames: boolean }) {
  const byBn = [...c.sample].sort((a, b) => b.bnScore - a.bnScore).slice(0, k);
  const bySpos = [...c.sample].sort((a, b) => finalAcc(b) - finalAcc(a)).slice(0, k);
  const both = new Set(byBn.map((s) => s.path).filter((p) => bySpos.some((s) => s.path === p)));
  const list = (rows: ComparedSubnet[], id: string, title: string) => (
    <div>
      <h3>{title}</h3>
      <ol className="compare-list" data-testid={id}>
        {rows.map((s) => (
          <li key={s.path} className={both.has(s.path) ? 'in-both' : undefined} data-path={s.path}>
            <PathOps ops={s.ops} path={s.path} shortNames={shortNames} /> · score {fixed(s.bnScore, 4)} · SPOS {pct(finalAcc(s))}
          </li>
        ))}
      </ol>
    </div>
  );
  return (
    <div className="compare-lists">
      {list(byBn, 'compare-top-bn', `Top ${k} by BN score`)}
      {list(bySpos, 'compare-top-spos', `Top ${k} by SPOS accuracy`)}
      <p className="hint" data-testid="compare-overlap">
        {both.size} of {k} in both lists (highlighted). Both rank the same {c.sample.length} sampled subnets; the BN-NAS ranking of all paths is in the ranking
        table.
      </p>
    </div>
  );
}

/** Mode 'both': BN-NAS and SPOS side by side — what each cost, and whether they agree. */
export function ComparePanel() {
  const s = useStore(
    useShallow((st) => ({
      result: st.result,
      runConfig: st.runConfig,
      config: st.config,
      status: st.status,
      retrainStatus: st.retrainStatus,
      enqueueMany: st.enqueueMany,
    })),
  );
  const mode = (s.runConfig ?? s.config).mode;
  const c = s.result?.comparison;
  if (mode !== 'both' && !c) return null;
  const n = c?.sample.length ?? 0;
  const cfg = s.runConfig ?? s.config;
  const shortNames = spaceInfo(cfg.space).shortChips;
  return (
    <section className="panel compare" aria-label="BN-NAS vs SPOS" data-testid="compare-panel">
      <h2>{PANEL_TITLES.compare}, same data and seed</h2>
      <Explainer>
        After the BN-only supernet, a second supernet starts from the same random init and data order and trains every weight (SPOS), here for{' '}
        <span data-testid="compare-epochs">
          {cfg.sposx}× the epochs ({cfg.epochs} vs {cfg.sposx * cfg.epochs})
        </span>
        ; the paper trained SPOS 10× as long as BN-NAS (100 epochs vs 10). SPOS judges a subnet by its validation accuracy after recalibrating the BN statistics
        for that path; BN-NAS just adds up mean |γ|. Both rank the same uniformly sampled subnets. Times are measured in this run, on this backend.
      </Explainer>
      <div>
        <CompareCharts comparison={c ?? null} />
        {!c && <p className="empty">The comparison appears when both supernets are trained and the sample is evaluated.</p>}
        {c && (
          <>
            <SpeedTable c={c} />
            <p className="compare-agreement" data-testid="compare-agreement">
              Over {n} sampled subnets, Kendall τ between the BN score and SPOS accuracy:{' '}
              {c.checkpoints.map((k, i) => (
                <span key={k.epoch}>
                  {i > 0 && '; '}at SPOS epoch {k.epoch} <b data-testid={`compare-tau-${i}`}>{fixed(k.kendall, 3)}</b> (ρ {fixed(k.spearman, 3)})
                </span>
              ))}
              {c.sposShortVsFinal !== null && (
                <>
                  . SPOS at epoch {c.checkpoints[0]!.epoch} vs its own final ranking: τ <b data-testid="compare-spos-short">{fixed(c.sposShortVsFinal, 3)}</b>
                </>
              )}
              . Unrelated rankings of {n} give |τ| up to about {(2 * nullKendallSd(n)).toFixed(2)} by chance.
            </p>
            <TopLists c={c} k={Math.min(5, n)} shortNames={shortNames} />
            <details className="compare-sample">
              <summary>All {n} sampled subnets</summary>
              <div className="table-scroll">
                <table className="rank-table" data-testid="compare-sample">
                  <thead>
                    <tr>
                      <th>path</th>
                      <th>BN score</th>
                      {c.checkpoints.map((k) => (
                        <th key={k.epoch}>SPOS acc @ epoch {k.epoch}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {c.sample.map((r) => (
                      <tr key={r.path} data-path={r.path} data-score={r.bnScore} data-spos={r.sposAccuracy.join(',')}>
                        <td>
                          <PathOps ops={r.ops} path={r.path} shortNames={shortNames} />
                        </td>
                        <td>{fixed(r.bnScore, 5)}</td>
                        {r.sposAccuracy.map((a, i) => (
                          <td key={i}>{pct(a)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </>
        )}
      </div>
      {c && (
        <p>
          <button
            type="button"
            data-testid="compare-retrain"
            disabled={s.retrainStatus === 'running'}
            onClick={() => s.enqueueMany(c.sample.map((r) => ({ path: r.path, score: r.bnScore })))}
          >
            Queue the {n} sampled subnets for retraining
          </button>{' '}
          <span className="hint">
            Retrained accuracy is the ground truth for both: the proxy leaderboard then ranks BN score and SPOS accuracy side by side.
          </span>
        </p>
      )}
    </section>
  );
}
