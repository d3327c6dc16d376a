import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Scatter, ComposedChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { Comparison } from '../engine/compare';
import { useStore } from '../state/store';

/**
 * Left: both supernets' validation accuracy per epoch (live). Right, once the
 * sample is evaluated: the paper's epochs axis — how well the BN score after
 * each BN-NAS epoch agrees with SPOS's final ranking, next to SPOS itself at that budget.
 */
export function CompareCharts({ comparison }: { comparison: Comparison | null }) {
  const bn = useStore((s) => s.epochs);
  const spos = useStore((s) => s.sposEpochs);
  const epochs = Math.max(bn.length, spos.length);
  const acc = Array.from({ length: epochs }, (_, e) => ({
    epoch: e + 1,
    bn: bn[e]?.valAccuracy == null ? null : +(bn[e]!.valAccuracy! * 100).toFixed(2),
    spos: spos[e]?.valAccuracy == null ? null : +(spos[e]!.valAccuracy! * 100).toFixed(2),
  }));
  const c = comparison;
  const short = c && c.sposShortVsFinal !== null ? c.checkpoints[0]! : null;
  const agreement = c ? c.bnEpochsVsSpos.map((p) => ({
    epoch: p.epoch, bn: +p.kendall.toFixed(3),
    spos: short && short.epoch === p.epoch ? +c.sposShortVsFinal!.toFixed(3) : null,
  })) : [];
  return (
    <div className="compare-charts">
      <div className="chart-box" data-testid="compare-acc-chart">
        <h3>Supernet validation accuracy</h3>
        <ResponsiveContainer width="100%" height={200}>
          <LineChart data={acc} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="epoch" type="number" domain={[1, 'dataMax']} allowDecimals={false} />
            <YAxis unit="%" width={48} domain={[0, 'auto']} />
            <Tooltip />
            <Legend />
            <Line dataKey="bn" name="BN-NAS (BN only)" stroke="#2a9d8f" dot={false} isAnimationActive={false} connectNulls />
            <Line dataKey="spos" name="SPOS (all weights)" stroke="#e76f51" dot={false} isAnimationActive={false} connectNulls />
          </LineChart>
        </ResponsiveContainer>
      </div>
      {c && (
        <div className="chart-box" data-testid="compare-epochs-chart">
          <h3>Agreement with SPOS&apos;s final ranking (τ) by epochs trained</h3>
          <ResponsiveContainer width="100%" height={200}>
            <ComposedChart data={agreement} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="epoch" type="number" domain={[1, 'dataMax']} allowDecimals={false} />
              <YAxis domain={[-1, 1]} width={40} />
              <Tooltip />
              <Legend />
              <Line dataKey="bn" name="BN score after this many BN-NAS epochs" stroke="#2a9d8f" isAnimationActive={false} />
              {short && <Scatter dataKey="spos" name={`SPOS after ${short.epoch} epochs`} fill="#e76f51" isAnimationActive={false} />}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </div>
  );
}
