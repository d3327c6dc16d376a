import { useMemo, useRef } from 'react';
import { useStore } from '../../../state/store';
import { PANEL_TITLES } from '../../../state/view';
import { PngButton } from '../../charts/PngButton';
import { Explainer } from '../../common/Explainer';
import { fixed } from '../../common/format';
import { LiveLineChart, type Axis, type Series } from '../../charts/LiveLineChart';
import { noiseYardstick } from '../truth/noiseYardstick';

const TAU: Axis = { domain: [-1, 1], width: 40 };

/** Kendall tau between each epoch's full path ranking and the latest epoch's (the final one once the run is done), beside a noise yardstick. */
export function StabilityChart() {
  const box = useRef<HTMLDivElement>(null);
  const stability = useStore((s) => s.stability);
  const done = useStore((s) => s.status === 'done');
  const last = useStore((s) => s.epochs[s.epochs.length - 1]);
  const seed = useStore((s) => (s.runConfig ?? s.config).seed);
  const ref = done ? 'the final epoch' : 'the latest epoch';
  const series: Series[] = useMemo(() => [{ key: 'tau', name: `Kendall τ vs ${done ? 'final' : 'latest'}`, color: '#6a4c93' }], [done]);
  const data = useMemo(() => stability.map((p) => ({ x: p.epoch, tau: Number.isFinite(p.kendall) ? +p.kendall.toFixed(4) : null })), [stability]);
  // A few thousand paths ranked 5 times: milliseconds, once per epoch.
  // Five Kendall taus over every path take tens of ms on the main thread: once, when the run is done, not every epoch.
  const noise = useMemo(() => (last && done ? noiseYardstick(last.scores, seed) : null), [last, seed, done]);
  const hasNoise = noise !== null && Number.isFinite(noise.mean);
  return (
    <section className="panel chart chart-with-overlay" aria-label="Rank stability">
      <h2>
        {PANEL_TITLES.stability} <small data-testid="stability-ref">vs {ref}</small>{' '}
        <PngButton target={box} name="stability" title={`Rank stability: Kendall τ of each epoch's ranking vs ${ref}`} />
      </h2>
      <Explainer>
        Kendall τ between the ranking of all paths at each epoch and at {ref} (1 = same order). The last point is 1 by construction: that epoch is compared with
        itself. The paper's claim that 10 BN-only epochs suffice means the curve should reach ~1 early: the ranking stops changing.
      </Explainer>
      {data.length === 0 && <p className="empty overlay">Needs one finished epoch.</p>}
      <div className="chart-box" ref={box} data-testid="stability-chart">
        <LiveLineChart data={data} series={series} height={180} left={TAU} refY={0} xLabel="epoch" label={`Kendall tau vs ${ref}, by epoch`} />
        {/* Wrapped: a table is never narrower than its cells, so an sr-only table would widen the page. */}
        <div className="sr-only">
          <table data-testid="stability-table">
            <caption>Kendall tau vs {ref}</caption>
            <tbody>
              {stability.map((p) => (
                <tr key={p.epoch}>
                  <th>{p.epoch}</th>
                  <td>{fixed(p.kendall, 4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {noise && (
        <p className="hint yardstick" data-testid="stability-noise" data-value={hasNoise ? noise.mean : ''}>
          What &ldquo;stable&rdquo; is worth: shaking the {done ? 'final' : 'latest'} scores by noise as large as their spread within a layer (sd{' '}
          {hasNoise ? noise.sigma.toPrecision(2) : '—'}) gives τ <b data-testid="stability-noise-tau">{hasNoise ? noise.mean.toFixed(3) : '—'}</b>
          {hasNoise && noise.draws > 1 && (
            <>
              {' '}
              (mean of {noise.draws} seeded draws, {noise.min.toFixed(2)} to {noise.max.toFixed(2)})
            </>
          )}
          .
          {hasNoise
            ? ' An epoch whose τ is above this moved the ranking less than that noise would.'
            : ' This space has too few paths or ops per layer to rank (τ needs two paths that differ).'}
        </p>
      )}
    </section>
  );
}
