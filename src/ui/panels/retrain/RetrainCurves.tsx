import { useRef } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { parsePathKey, type SearchSpace } from '../../../engine/space';
import type { RetrainOutcome, RetrainProgress } from '../../../worker/events';
import { pathText } from '../../common/PathOps';
import { PngButton } from '../../charts/PngButton';
import { pctTick, useAxisScale } from '../../charts/chartScale';

const COLORS = ['#1d3557', '#e63946', '#2a9d8f', '#f4a261', '#6a4c93', '#457b9d', '#8ab17d', '#e76f51', '#264653', '#b5838d'];

/** Validation accuracy per epoch of every retrained subnet, the running one live; each line named by its ops. */
export function RetrainCurves({
  done,
  running,
  space,
  shortNames,
}: {
  done: RetrainOutcome[];
  running: RetrainProgress | null;
  space: SearchSpace;
  shortNames: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  const axis = useAxisScale();
  const series = [
    ...done.map((r) => ({ path: r.path, curve: r.curve })),
    ...(running && running.curve.length ? [{ path: running.path, curve: running.curve }] : []),
  ];
  if (series.length === 0) return null;
  const nameOf = (key: string) => {
    const idx = parsePathKey(key, space.layers.length, space.ops.length);
    return idx
      ? pathText(
          idx.map((k) => space.ops[k]!),
          shortNames,
        )
      : key;
  };
  const epochs = Math.max(...series.map((s) => s.curve.length));
  const data = Array.from({ length: epochs }, (_, e) =>
    Object.fromEntries([['epoch', e + 1], ...series.map((s) => [s.path, s.curve[e] == null ? null : +(s.curve[e]! * 100).toFixed(2)])]),
  );
  return (
    <div className="retrain-curves">
      <h3>
        Validation accuracy while retraining <PngButton target={box} name="retrain-curves" title="Retrained subnets: validation accuracy by epoch" />
      </h3>
      <div className="chart-box" data-testid="retrain-curves" ref={box}>
        <ResponsiveContainer width="100%" height={200}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="epoch" />
            <YAxis width={Math.round(48 * axis)} domain={['auto', 'auto']} tickFormatter={pctTick} />
            <Tooltip />
            <Legend />
            {series.map((s, i) => (
              <Line
                key={s.path}
                type="monotone"
                dataKey={s.path}
                name={nameOf(s.path)}
                stroke={COLORS[i % COLORS.length]}
                dot
                isAnimationActive={false}
                connectNulls
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
