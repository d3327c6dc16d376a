import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RetrainOutcome, RetrainProgress } from '../worker/events';

const COLORS = ['#1d3557', '#e63946', '#2a9d8f', '#f4a261', '#6a4c93', '#457b9d', '#8ab17d', '#e76f51', '#264653', '#b5838d'];

/** Validation accuracy per epoch of every retrained subnet, the running one live. */
export function RetrainCurves({ done, running }: { done: RetrainOutcome[]; running: RetrainProgress | null }) {
  const series = [...done.map((r) => ({ path: r.path, curve: r.curve })), ...(running && running.curve.length ? [{ path: running.path, curve: running.curve }] : [])];
  if (series.length === 0) return null;
  const epochs = Math.max(...series.map((s) => s.curve.length));
  const data = Array.from({ length: epochs }, (_, e) => Object.fromEntries([['epoch', e + 1], ...series.map((s) => [s.path, s.curve[e] == null ? null : +(s.curve[e]! * 100).toFixed(2)])]));
  return (
    <div className="chart-box" data-testid="retrain-curves">
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="epoch" />
          <YAxis unit="%" width={48} domain={['auto', 'auto']} />
          <Tooltip />
          <Legend />
          {series.map((s, i) => <Line key={s.path} type="monotone" dataKey={s.path} stroke={COLORS[i % COLORS.length]} dot isAnimationActive={false} connectNulls />)}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
