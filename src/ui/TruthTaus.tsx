import { useMemo, useRef } from 'react';
import type { TruthEpoch, GroundTruth } from '../engine/session';
import type { TruthView } from '../worker/events';
import { fixed } from './format';
import { LiveLineChart, type Axis, type Series } from './LiveLineChart';
import { PngButton } from './PngButton';

type Agreement = { kendall: number; spearman: number; withinDepthKendall: number };

const SERIES: Series[] = [
  { key: 'tau', name: 'BN score τ', color: '#1d3557' },
  { key: 'wtau', name: 'τ within depth', color: '#1f7a70' },
  { key: 'depth', name: 'depth count τ', color: '#6b6b6b' },
];
const AXIS: Axis = { domain: 'auto', width: 36 };

function Row({ name, a, testIds, title, bn }: { name: string; a: Agreement; testIds?: [string, string, string]; title?: string; bn?: boolean }) {
  return (
    <tr className={bn ? 'selected' : undefined} title={title}>
      <th scope="row">{name}</th>
      <td data-testid={testIds?.[0]}>{fixed(a.kendall, 3)}</td>
      <td data-testid={testIds?.[1]}>{fixed(a.spearman, 3)}</td>
      <td data-testid={testIds?.[2]}>{fixed(a.withinDepthKendall, 3)}</td>
    </tr>
  );
}

/**
 * The BN score's rank agreement with the truth beside the trivial predictors' (what it must beat),
 * and its Kendall tau (overall and within depth) after each epoch.
 */
export function TruthTaus({ truth, entry, epochs, spos }: { truth: TruthView; entry: TruthEpoch | undefined; epochs: TruthEpoch[]; spos?: GroundTruth['spos'] }) {
  const b = truth.baselines;
  const box = useRef<HTMLDivElement>(null);
  const data = useMemo(() => epochs.map((e) => ({
    x: e.epoch, tau: Number.isFinite(e.kendall) ? +e.kendall.toFixed(4) : null,
    wtau: Number.isFinite(e.withinDepthKendall) ? +e.withinDepthKendall.toFixed(4) : null, depth: +b.depth.kendall.toFixed(4),
  })), [epochs, b]);
  return (
    <div className="truth-taus">
      <table className="rank-table compact" data-testid="truth-taus">
        <caption className="sr-only">Kendall tau, Spearman rho and Kendall tau within depth of each predictor against the true accuracy of all {truth.count} networks</caption>
        <thead><tr><th scope="col">predictor</th><th scope="col">τ</th><th scope="col">ρ</th><th scope="col" title="Kendall τ inside each group of networks with the same number of non-Identity layers, averaged by group size">τ within depth</th></tr></thead>
        <tbody>
          {entry
            ? <Row name={`BN score (epoch ${entry.epoch})`} a={entry} testIds={['tau-bn', 'rho-bn', 'wtau-bn']} bn />
            : <tr><th scope="row">BN score</th><td data-testid="tau-bn">—</td><td data-testid="rho-bn">—</td><td data-testid="wtau-bn">—</td></tr>}
          <Row name="parameter count" a={b.params} />
          <Row name="FLOPs" a={b.flops} />
          <Row name="depth count" a={b.depth} title="The number of non-Identity layers: constant inside a depth group, so it has no τ within depth" />
          <Row name="MB6_K5 layers" a={b.largestOp} title="The number of layers that pick the largest op, MB6_K5" />
          <Row name="BN score's structure, untrained" a={b.structure} title="Every op with a BN scores 1, the BN-less Identity 0: what the BN score's ranking is before any training. A trained score must beat this to show it learned anything (docs/recipe.md)" />
        </tbody>
      </table>
      {spos && (
        <p className="hint" data-testid="truth-spos">
          On the {spos.paths} subnets SPOS evaluated: SPOS accuracy τ <b>{fixed(spos.kendall, 3)}</b> (ρ {fixed(spos.spearman, 3)}),
          BN score τ <b>{fixed(spos.bnKendall, 3)}</b> (ρ {fixed(spos.bnSpearman, 3)}) against the truth.
        </p>
      )}
      <div className="chart-box small" data-testid="truth-tau-chart" ref={box}>
        <p className="hint chart-title">Kendall τ against the truth after each epoch <PngButton target={box} name="truth-taus" title="Kendall τ of the BN score against the truth (NAS-Bench-Macro) after each epoch" /></p>
        <LiveLineChart data={data} series={SERIES} height={130} left={AXIS} xLabel="epoch" legend={false} label="Kendall tau of the BN score against the truth after each epoch, overall and within depth" />
        <p className="chart-legend" aria-hidden="true">
          {SERIES.map((s) => <span key={s.key} style={{ color: s.color }}><i style={{ background: s.color }} />{s.name}</span>)}
        </p>
        <table className="sr-only" data-testid="truth-tau-table">
          <caption>Kendall tau against the truth by epoch: overall, within depth</caption>
          <tbody>{epochs.map((e) => <tr key={e.epoch}><th>{e.epoch}</th><td>{fixed(e.kendall, 4)}</td><td>{fixed(e.withinDepthKendall, 4)}</td></tr>)}</tbody>
        </table>
      </div>
    </div>
  );
}
