import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PROXY_SAMPLE_SIZE } from '../../../config';
import { PROXIES, PROXY_LABELS } from '../../../engine/stats';
import { useStore } from '../../../state/store';
import { PANEL_TITLES } from '../../../state/view';
import { Explainer } from '../../common/Explainer';
import { fixed, withCommas } from '../../common/format';

/** The zero-cost proxies' names, from the proxy table: 'grad-norm, SNIP, synflow, NASWOT'. */
const ZERO_COST = PROXIES.filter((p) => p.kind === 'init')
  .map((p) => p.label.replace(/ at init$/, ''))
  .join(', ');

/** The proxies' labels (the proxy table's) beside this table's other rows. */
const LABELS: Record<string, string> = {
  ...PROXY_LABELS,
  bnScore: 'BN score (this run)',
};

/** The zero-cost proxies on a seeded sample of a benchmark space's paths, each ranked against the truth beside the BN score. */
export function ProxySamplePanel() {
  const s = useStore(
    useShallow((st) => ({
      result: st.result,
      status: st.status,
      sample: st.proxySample,
      progress: st.proxySampleProgress,
      score: st.scoreProxySample,
      stop: st.stopProxySample,
      truth: st.benchmarkTable,
    })),
  );
  const [count, setCount] = useState<number>(PROXY_SAMPLE_SIZE.pageDefault);
  const { min, pageMax: max } = PROXY_SAMPLE_SIZE;
  const busy = s.progress !== null;
  const rows = s.sample ? Object.entries(s.sample.proxies).sort((a, b) => (b[1].kendall || -2) - (a[1].kendall || -2)) : [];
  return (
    <section className="panel" aria-label="Zero-cost proxies against the truth" data-testid="proxy-sample">
      <h2>{PANEL_TITLES.proxies} against the truth</h2>
      <Explainer>
        Scores a seeded sample of the {s.truth ? `${withCommas(s.truth.count)} ` : ''}networks with the zero-cost proxies ({ZERO_COST}: one batch at the
        network's random init, no training) and ranks each against {s.truth?.benchmark ?? 'the benchmark'}'s accuracies, beside this run's BN score on the same
        networks. About a second per network here. To be worth anything a proxy has to beat the depth count (τ{' '}
        {fixed(s.truth?.baselines.depth.kendall ?? NaN, 2)} over all networks).
      </Explainer>
      <div className="retrain-controls">
        <label className="field">
          Networks{' '}
          <input
            type="number"
            min={min}
            max={max}
            value={count}
            onChange={(e) => setCount(Math.max(min, Math.min(max, Math.round(Number(e.target.value)) || min)))}
            data-testid="proxy-sample-count"
          />
        </label>
        <button type="button" disabled={!s.result || s.status !== 'done' || busy} onClick={() => void s.score(count)} data-testid="proxy-sample-run">
          Score {count} sampled networks
        </button>
        <button type="button" disabled={!busy} onClick={s.stop} data-testid="proxy-sample-stop">
          Stop
        </button>
        {busy && (
          <span data-testid="proxy-sample-progress">
            {s.progress!.done} / {s.progress!.total}
          </span>
        )}
      </div>
      {s.sample && (
        <table className="rank-table" data-testid="proxy-sample-table">
          <caption className="sr-only">
            Kendall tau, Spearman rho and tau within depth of each zero-cost proxy against the benchmark's accuracy, over the sampled networks
          </caption>
          <thead>
            <tr>
              <th>proxy</th>
              <th>Kendall τ</th>
              <th>Spearman ρ</th>
              <th>τ within depth</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([name, a]) => (
              <tr key={name} className={name === 'bnScore' ? 'selected' : undefined} data-proxy={name}>
                <td>{LABELS[name] ?? name}</td>
                <td data-testid={`ps-tau-${name}`}>{fixed(a.kendall, 3)}</td>
                <td>{fixed(a.spearman, 3)}</td>
                <td>{fixed(a.withinDepthKendall, 3)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={4} className="hint">
                over {s.sample.paths} sampled networks (seeded by the run's seed)
              </td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
