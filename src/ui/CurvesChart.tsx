import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useRef } from 'react';
import { useStore } from '../state/store';
import { PngButton } from './PngButton';
import { Explainer } from './Explainer';

/** Supernet loss and accuracy per epoch. */
export function CurvesChart() {
  const box = useRef<HTMLDivElement>(null);
  const epochs = useStore((s) => s.epochs);
  const data = epochs.map((e) => ({
    epoch: e.epoch, loss: +e.loss.toFixed(4),
    train: +(e.trainAccuracy * 100).toFixed(2), val: e.valAccuracy == null ? null : +(e.valAccuracy * 100).toFixed(2),
  }));
  return (
    <section className="panel chart chart-with-overlay" aria-label="Loss and accuracy">
      <h2>Supernet loss and accuracy <PngButton target={box} name="curves" /></h2>
      <Explainer>
        Each step trains one random path (SPOS); with BN-only training the convolutions stay at their random init and only
        the BN scales and shifts learn. Chance accuracy is 10%. A supernet that stays near chance gives gammas that carry little signal.
      </Explainer>
      {/* The chart stays mounted from the start: mounting recharts mid-run cost a ~150 ms main-thread task. */}
      {data.length === 0 && <p className="empty overlay">Curves appear after the first epoch.</p>}
      <div className="chart-box" ref={box} data-testid="curves-chart">
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="epoch" label={{ value: 'epoch', position: 'insideBottomRight', offset: -4 }} />
            <YAxis yAxisId="loss" domain={['auto', 'auto']} width={56} tickFormatter={(v: number) => v.toFixed(3)} />
            <YAxis yAxisId="acc" orientation="right" domain={[0, 100]} unit="%" width={48} />
            <Tooltip />
            <Legend />
            <Line yAxisId="loss" type="monotone" dataKey="loss" stroke="#e63946" dot isAnimationActive={false} name="loss" />
            <Line yAxisId="acc" type="monotone" dataKey="train" stroke="#457b9d" dot isAnimationActive={false} name="train acc %" />
            <Line yAxisId="acc" type="monotone" dataKey="val" stroke="#2a9d8f" dot isAnimationActive={false} name="val acc %" connectNulls />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
