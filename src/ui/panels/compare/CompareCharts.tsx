import { useMemo, useRef } from 'react';
import { CartesianGrid, Legend, Line, ResponsiveContainer, Scatter, ComposedChart, Tooltip, XAxis, YAxis } from 'recharts';
import { LiveLineChart, type Axis, type Series } from '../../charts/LiveLineChart';
import type { Comparison } from '../../../engine/train';
import { useStore } from '../../../state/store';
import { PngButton } from '../../charts/PngButton';
import { useAxisScale } from '../../charts/chartScale';

const ACC_SERIES: Series[] = [
  { key: 'bn', name: 'BN-NAS (BN only)', color: '#2a9d8f', connectNulls: true },
  { key: 'spos', name: 'SPOS (all weights)', color: '#e76f51', connectNulls: true },
];
const ACC_AXIS: Axis = { domain: 'auto', width: 48, unit: '%' };

/**
 * Left: both supernets' validation accuracy per epoch (live). Right, once the
 * sample is evaluated: the paper's epochs axis — how well the BN score after
 * each BN-NAS epoch agrees with SPOS's final ranking, next to SPOS itself at that budget.
 */
export function CompareCharts({ comparison }: { comparison: Comparison | null }) {
  const bn = useStore((s) => s.epochs);
  const spos = useStore((s) => s.sposEpochs);
  const acc = useMemo(
    () =>
      Array.from({ length: Math.max(bn.length, spos.length) }, (_, e) => ({
        x: e + 1,
        bn: bn[e]?.valAccuracy == null ? null : +(bn[e]!.valAccuracy! * 100).toFixed(2),
        spos: spos[e]?.valAccuracy == null ? null : +(spos[e]!.valAccuracy! * 100).toFixed(2),
      })),
    [bn, spos],
  );
  const c = comparison;
  const axis = useAxisScale();
  const accBox = useRef<HTMLDivElement>(null),
    epochsBox = useRef<HTMLDivElement>(null);
  const short = c && c.sposShortVsFinal !== null ? c.checkpoints[0]! : null;
  const agreement = c
    ? c.bnEpochsVsSpos.map((p) => ({
        epoch: p.epoch,
        bn: +p.kendall.toFixed(3),
        spos: short && short.epoch === p.epoch ? +c.sposShortVsFinal!.toFixed(3) : null,
      }))
    : [];
  return (
    <div className="compare-charts">
      <div className="chart-box" data-testid="compare-acc-chart" ref={accBox}>
        <h3>
          Supernet validation accuracy <PngButton target={accBox} name="compare-accuracy" title="BN-NAS vs SPOS: supernet validation accuracy by epoch" />
        </h3>
        {/* Updated at every epoch while training: the light SVG chart, not recharts (see LiveLineChart). */}
        <LiveLineChart data={acc} series={ACC_SERIES} height={200} left={ACC_AXIS} xLabel="epoch" label="Validation accuracy of both supernets by epoch" />
      </div>
      {c && (
        <div className="chart-box" data-testid="compare-epochs-chart" ref={epochsBox}>
          <h3>
            Agreement with SPOS&apos;s final ranking (τ) by epochs trained{' '}
            <PngButton target={epochsBox} name="compare-epochs" title="Kendall τ with SPOS's final ranking, by epochs trained" />
          </h3>
          <ResponsiveContainer width="100%" height={200}>
            <ComposedChart data={agreement} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="epoch" type="number" domain={[1, 'dataMax']} allowDecimals={false} />
              <YAxis domain={[-1, 1]} width={Math.round(40 * axis)} />
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
