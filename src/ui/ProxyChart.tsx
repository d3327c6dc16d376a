import { useRef } from 'react';
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { kendallTauB, nullKendallSd, spearmanRho } from '../engine/stats';
import type { RetrainOutcome } from '../worker/events';
import { fixed } from './format';
import { PngButton } from './PngButton';

/** BN score vs retrained accuracy, one point per subnet, with Kendall tau and Spearman rho. */
export function ProxyChart({ results }: { results: RetrainOutcome[] }) {
  const box = useRef<HTMLDivElement>(null);
  const n = results.length;
  const tau = n >= 2 ? kendallTauB(results.map((r) => r.score), results.map((r) => r.accuracy)) : null;
  const rho = n >= 2 ? spearmanRho(results.map((r) => r.score), results.map((r) => r.accuracy)) : null;
  const points = results.map((r) => ({ score: +r.score.toFixed(5), accuracy: +(r.accuracy * 100).toFixed(2), path: r.ops.join(' ') }));
  return (
    <div className="proxy" data-testid="proxy-chart" ref={box}>
      <p className="proxy-stats">
        {n} subnet{n === 1 ? '' : 's'} · Kendall τ <b data-testid="proxy-tau">{fixed(tau, 3)}</b> · Spearman ρ <b data-testid="proxy-rho">{fixed(rho, 3)}</b>
        {n >= 2 && <> · with {n} subnets, unrelated rankings give |τ| up to about {(2 * nullKendallSd(n)).toFixed(2)} by chance</>}
        {n > 0 && <> <PngButton target={box} name="proxy" /></>}
      </p>
      {n === 0 ? <p className="empty">Points appear as subnets finish retraining.</p> : (
        <ResponsiveContainer width="100%" height={220}>
          <ScatterChart margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" dataKey="score" name="BN score" domain={['auto', 'auto']} tickFormatter={(v: number) => v.toFixed(3)} label={{ value: 'BN score (sum of mean |γ|)', position: 'insideBottom', offset: -8 }} />
            <YAxis type="number" dataKey="accuracy" name="accuracy" unit="%" domain={['auto', 'auto']} width={52} />
            <Tooltip cursor={{ strokeDasharray: '3 3' }} formatter={(v) => String(v)} labelFormatter={() => ''} />
            <Scatter data={points} fill="#e63946" isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      )}
    </div>
  );
}
