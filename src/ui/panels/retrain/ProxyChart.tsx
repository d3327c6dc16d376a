import { useRef } from 'react';
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { kendallTauB, nullKendallSd, spearmanRho } from '../../../engine/stats';
import type { RetrainOutcome } from '../../../worker/events';
import { fixed } from '../../common/format';
import { PathOps } from '../../common/PathOps';
import { PngButton } from '../../charts/PngButton';
import { pctTick, useAxisScale } from '../../charts/chartScale';

type Point = { score: number; accuracy: number; path: string; ops: string[] };

/** The hovered subnet: its ops (key on hover), BN score and retrained accuracy. */
function PointTip({ active, payload, shortNames }: { active?: boolean; payload?: readonly { payload?: Point }[]; shortNames: boolean }) {
  const p = active ? payload?.[0]?.payload : undefined;
  if (!p) return null;
  return (
    <div className="chart-tooltip static" data-testid="proxy-tooltip">
      <PathOps ops={p.ops} path={p.path} shortNames={shortNames} />
      <span>
        BN score {p.score.toFixed(5)} · accuracy {p.accuracy}%
      </span>
    </div>
  );
}

/**
 * BN score vs retrained accuracy, one point per subnet (the mean of its seeds) and a faint one per seed, with Kendall
 * tau and Spearman rho. The accuracy axis starts at chance, so a 2-point spread between subnets looks as small as it is
 * beside the seeds' own spread.
 */
export function ProxyChart({ results, shortNames = false, chance }: { results: RetrainOutcome[]; shortNames?: boolean; chance: number }) {
  const box = useRef<HTMLDivElement>(null);
  const axis = useAxisScale();
  const n = results.length;
  const tau =
    n >= 2
      ? kendallTauB(
          results.map((r) => r.score),
          results.map((r) => r.accuracy),
        )
      : null;
  const rho =
    n >= 2
      ? spearmanRho(
          results.map((r) => r.score),
          results.map((r) => r.accuracy),
        )
      : null;
  const points: Point[] = results.map((r) => ({ score: +r.score.toFixed(5), accuracy: +(r.accuracy * 100).toFixed(2), path: r.path, ops: r.ops }));
  const seedPoints: Point[] = results.some((r) => r.accuracies.length > 1)
    ? results.flatMap((r) => r.accuracies.map((a) => ({ score: +r.score.toFixed(5), accuracy: +(a * 100).toFixed(2), path: r.path, ops: r.ops })))
    : [];
  const chancePct = chance * 100;
  return (
    <div className="proxy" data-testid="proxy-chart" ref={box}>
      <p className="proxy-stats">
        {n} subnet{n === 1 ? '' : 's'} · Kendall τ <b data-testid="proxy-tau">{fixed(tau, 3)}</b> · Spearman ρ <b data-testid="proxy-rho">{fixed(rho, 3)}</b>
        {n >= 2 && (
          <>
            {' '}
            · with {n} subnets, unrelated rankings give |τ| up to about {(2 * nullKendallSd(n)).toFixed(2)} by chance
          </>
        )}
        {n > 0 && (
          <>
            {' '}
            <PngButton target={box} name="proxy" title={`BN score vs retrained accuracy, ${n} subnets (Kendall τ ${fixed(tau, 3)})`} />
          </>
        )}
      </p>
      {n > 0 && (
        <p className="hint" data-testid="proxy-axis-note">
          Accuracy from chance ({pctTick(chancePct)}) up
          {seedPoints.length > 0
            ? "; faint points are single seeds, solid ones their mean: the seeds' spread is the noise"
            : '; retrain with 2+ seeds to see the noise of each point'}
          .
        </p>
      )}
      {n === 0 ? (
        <p className="empty">Points appear as subnets finish retraining.</p>
      ) : (
        <ResponsiveContainer width="100%" height={220}>
          <ScatterChart margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="score"
              name="BN score"
              domain={['auto', 'auto']}
              tickFormatter={(v: number) => v.toFixed(3)}
              label={{ value: 'BN score (sum of mean |γ|)', position: 'insideBottom', offset: -8 }}
            />
            <YAxis
              type="number"
              dataKey="accuracy"
              name="accuracy"
              domain={[chancePct, (max: number) => Math.min(100, Math.ceil((max + 1) / 10) * 10)]}
              allowDataOverflow
              width={Math.round(52 * axis)}
              tickFormatter={pctTick}
            />
            <Tooltip
              cursor={{ strokeDasharray: '3 3' }}
              content={(props) => (
                <PointTip active={props.active} payload={props.payload as readonly { payload?: Point }[] | undefined} shortNames={shortNames} />
              )}
            />
            {seedPoints.length > 0 && <Scatter data={seedPoints} className="seed-points" fill="#e63946" fillOpacity={0.3} isAnimationActive={false} />}
            <Scatter data={points} className="mean-points" fill="#e63946" isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      )}
    </div>
  );
}
