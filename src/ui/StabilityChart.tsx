import { useMemo, useRef } from 'react';
import { useStore } from '../state/store';
import { PngButton } from './PngButton';
import { Explainer } from './Explainer';
import { LiveLineChart, type Axis, type Series } from './LiveLineChart';

const SERIES: Series[] = [{ key: 'tau', name: 'Kendall τ vs latest', color: '#6a4c93' }];
const TAU: Axis = { domain: [-1, 1], width: 40 };

/** Kendall tau between each epoch's full path ranking and the latest epoch's. */
export function StabilityChart() {
  const box = useRef<HTMLDivElement>(null);
  const stability = useStore((s) => s.stability);
  const data = useMemo(() => stability.map((p) => ({ x: p.epoch, tau: Number.isNaN(p.kendall) ? null : +p.kendall.toFixed(4) })), [stability]);
  return (
    <section className="panel chart chart-with-overlay" aria-label="Rank stability">
      <h2>Rank stability <PngButton target={box} name="stability" /></h2>
      <Explainer>
        Kendall τ between the ranking of all paths at each epoch and at the latest one (1 = same order). The paper's claim
        that 10 BN-only epochs suffice means this curve should reach ~1 early: the ranking stops changing.
      </Explainer>
      {data.length === 0 && <p className="empty overlay">Needs one finished epoch.</p>}
      <div className="chart-box" ref={box} data-testid="stability-chart">
        <LiveLineChart data={data} series={SERIES} height={180} left={TAU} refY={0} xLabel="epoch" label="Kendall tau vs the latest epoch, by epoch" />
        <table className="sr-only" data-testid="stability-table">
          <caption>Kendall tau vs latest epoch</caption>
          <tbody>{stability.map((p) => <tr key={p.epoch}><th>{p.epoch}</th><td>{p.kendall.toFixed(4)}</td></tr>)}</tbody>
        </table>
      </div>
    </section>
  );
}
