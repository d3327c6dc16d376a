import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useRef } from 'react';
import { useStore } from '../state/store';
import { PngButton } from './PngButton';
import { Explainer } from './Explainer';

/** Kendall tau between each epoch's full path ranking and the latest epoch's. */
export function StabilityChart() {
  const box = useRef<HTMLDivElement>(null);
  const stability = useStore((s) => s.stability);
  const data = stability.map((p) => ({ epoch: p.epoch, tau: Number.isNaN(p.kendallVsLatest) ? null : +p.kendallVsLatest.toFixed(4) }));
  return (
    <section className="panel chart chart-with-overlay" aria-label="Rank stability">
      <h2>Rank stability <PngButton target={box} name="stability" /></h2>
      <Explainer>
        Kendall τ between the ranking of all paths at each epoch and at the latest one (1 = same order). The paper's claim
        that 10 BN-only epochs suffice means this curve should reach ~1 early: the ranking stops changing.
      </Explainer>
      {/* The chart stays mounted from the start: mounting recharts mid-run cost a ~150 ms main-thread task. */}
      {data.length === 0 && <p className="empty overlay">Needs one finished epoch.</p>}
      <div className="chart-box" ref={box} data-testid="stability-chart">
        <ResponsiveContainer width="100%" height={180}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="epoch" />
            <YAxis domain={[-1, 1]} width={40} />
            <ReferenceLine y={0} stroke="#999" />
            <Tooltip />
            <Line type="monotone" dataKey="tau" stroke="#6a4c93" dot isAnimationActive={false} name="Kendall τ vs latest" />
          </LineChart>
        </ResponsiveContainer>
        <table className="sr-only" data-testid="stability-table">
          <caption>Kendall tau vs latest epoch</caption>
          <tbody>{stability.map((p) => <tr key={p.epoch}><th>{p.epoch}</th><td>{p.kendallVsLatest.toFixed(4)}</td></tr>)}</tbody>
        </table>
      </div>
    </section>
  );
}
