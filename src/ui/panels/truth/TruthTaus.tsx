import { useMemo, useRef } from 'react';
import type { TruthEpoch, GroundTruth } from '../../../engine/session';
import { insideNoise } from '../../../engine/stats';
import type { TruthView } from '../../../worker/events';
import { fixed } from '../../common/format';
import { LiveLineChart, type Axis, type Series } from '../../charts/LiveLineChart';
import { PngButton } from '../../charts/PngButton';

type Agreement = { kendall: number; spearman: number; withinDepthKendall: number };
type Rule = 'bn' | 'skip';
/** What the table reads: an epoch's figures, or the final report (both carry both rules and the parts). */
type Anatomy = Pick<TruthEpoch, 'rules' | 'parts'> & { structuralRule: TruthEpoch['structuralRule']; epoch: number | null };

const SERIES: Series[] = [
  { key: 'skip', name: 'τ, Identity 0', color: '#1d3557' },
  { key: 'bn', name: 'τ, Identity by its BN', color: '#8d5fa8' },
  { key: 'lvl', name: 'layer levels, τ within depth', color: '#1f7a70' },
  { key: 'diff', name: 'op differences, τ within depth', color: '#b02e42' },
  { key: 'depth', name: 'depth count τ', color: '#6b6b6b' },
  { key: 'val', name: 'supernet val. acc. (right)', color: '#8a5d00', axis: 'right' },
];
const AXIS: Axis = { domain: 'auto', width: 36 };
const ACC_AXIS: Axis = { domain: 'auto', width: 36, unit: '%' };
const RULE_LABEL: Record<Rule, string> = { skip: 'BN score, Identity 0', bn: 'BN score, Identity by its BN' };

function Row({ name, a, testId, title, selected }: { name: React.ReactNode; a: Agreement; testId?: string; title?: string; selected?: boolean }) {
  return (
    <tr className={selected ? 'selected' : undefined} title={title} data-testid={testId}>
      <th scope="row">{name}</th>
      <td data-testid={testId && `${testId}-tau`}>{fixed(a.kendall, 3)}</td>
      <td data-testid={testId && `${testId}-rho`}>{fixed(a.spearman, 3)}</td>
      <td data-testid={testId && `${testId}-wtau`}>{fixed(a.withinDepthKendall, 3)}</td>
    </tr>
  );
}

/**
 * The BN score's rank agreement with the truth under both Identity rules, split into its layer levels
 * (structure) and its op differences (what tells ops apart), beside the trivial predictors it must beat;
 * and all of it after each epoch, with the supernet's validation accuracy.
 */
export function TruthTaus({
  truth,
  entry,
  final,
  epochs,
  spos,
  rule,
}: {
  truth: TruthView;
  entry: TruthEpoch | undefined;
  final: GroundTruth | null;
  epochs: TruthEpoch[];
  spos?: GroundTruth['spos'];
  rule: Rule;
}) {
  const b = truth.baselines;
  const box = useRef<HTMLDivElement>(null);
  // The final report follows the rule chosen after the run; an earlier epoch on show has its own figures.
  const latest = !entry || entry.epoch === epochs[epochs.length - 1]?.epoch;
  const a: Anatomy | null =
    final && latest
      ? { rules: final.rules, parts: final.parts, structuralRule: final.baselines.structuralRule, epoch: entry?.epoch ?? null }
      : entry
        ? { ...entry, epoch: entry.epoch }
        : null;
  const data = useMemo(
    () =>
      epochs.map((e) => ({
        x: e.epoch,
        skip: num(e.rules.skip.kendall),
        bn: num(e.rules.bn.kendall),
        lvl: num(e.parts.layerLevels.withinDepthKendall),
        diff: num(e.parts.opDifferences.withinDepthKendall),
        depth: num(b.depth.kendall),
        val: e.valAccuracy === null ? null : +(100 * e.valAccuracy).toFixed(2),
      })),
    [epochs, b],
  );
  const diff = a?.parts.opDifferences;
  const noise = diff?.noise.withinDepthKendall;
  const opsApart = diff && noise && Number.isFinite(noise.sd) ? !insideNoise(diff.withinDepthKendall, noise) : null;
  const chosen = a?.rules[rule];
  const beatsDepth = chosen ? chosen.kendall > b.depth.kendall : false;
  return (
    <div className="truth-taus">
      <table className="rank-table compact" data-testid="truth-taus">
        <caption className="sr-only">
          Kendall tau, Spearman rho and Kendall tau within depth of each predictor against the true accuracy of all {truth.count} networks
        </caption>
        <thead>
          <tr>
            <th scope="col">predictor{a?.epoch != null && <small> (epoch {a.epoch})</small>}</th>
            <th scope="col">τ</th>
            <th scope="col">ρ</th>
            <th scope="col" title="Kendall τ inside each group of networks with the same number of non-Identity layers, averaged by group size">
              τ within depth
            </th>
          </tr>
        </thead>
        <tbody>
          {a ? (
            (['skip', 'bn'] as const).map((r) => (
              <Row
                key={r}
                name={
                  <>
                    {RULE_LABEL[r]}
                    {r === rule && <small> · ranks now</small>}
                  </>
                }
                a={{ ...a.rules[r] }}
                testId={`rule-${r}`}
                selected={r === rule}
              />
            ))
          ) : (
            <tr>
              <th scope="row">BN score</th>
              <td data-testid="tau-bn">—</td>
              <td>—</td>
              <td>—</td>
            </tr>
          )}
          {a && (
            <>
              <Row
                name={
                  <>
                    … its layer levels alone <small>(structure)</small>
                  </>
                }
                a={a.parts.layerLevels}
                testId="part-levels"
                title="Each layer's scored ops replaced by their mean γ: says how much a block in each layer is worth, nothing about which block"
              />
              <Row
                name={
                  <>
                    … its op differences alone <small>(which op)</small>
                  </>
                }
                a={a.parts.opDifferences}
                testId="part-diffs"
                title="Each op's γ minus its layer's mean: the only part that tells the ops of a layer apart"
              />
            </>
          )}
          <Row name="parameter count" a={b.params} />
          <Row name="FLOPs" a={b.flops} />
          <Row name="depth count" a={b.depth} title="The number of non-Identity layers: constant inside a depth group, so it has no τ within depth" />
          <Row name="MB6_K5 layers" a={b.largestOp} title="The number of layers that pick the largest op, MB6_K5" />
          <Row
            name="BN score's structure, untrained"
            a={b.structure}
            title="Every op with a BN scores 1, the BN-less Identity 0: what the BN score's ranking is before any training"
          />
          {a && (
            <Row
              name={<>structural rule, r = {fixed(a.structuralRule.r, 3)}</>}
              a={a.structuralRule}
              testId="structural-rule"
              title="No training at all: Identity 0, a block in a stride-2 layer 1, a block in a residual layer r (r taken from this run's layer levels)"
            />
          )}
        </tbody>
      </table>
      <div className="truth-reading" data-testid="truth-reading">
        <p className="hint">
          <b>Why the two rules differ:</b> a stride-2 Identity is a 1×1 conv + BN. Scored by its γ it looks like a block; scored 0 it counts as the skip it
          stands for, and the truth says it is the weakest choice of its layer.
        </p>
        {a && diff && noise && (
          <p className="hint" data-testid="truth-parts-verdict" data-ops-apart={opsApart === null ? 'unknown' : opsApart ? 'yes' : 'no'}>
            <b>Which part carries the ranking:</b>{' '}
            {opsApart ? (
              <>
                the op differences (τ within depth {fixed(diff.withinDepthKendall, 2)}) lie <b>outside</b> the band that the same differences dealt to ops at
                random reach ({fixed(noise.mean, 2)} ± {fixed(2 * noise.sd, 2)}): here the γs tell ops apart.
              </>
            ) : (
              <>
                the op differences (τ within depth {fixed(diff.withinDepthKendall, 2)}) stay <b>inside</b> the band that the same differences dealt to ops at
                random reach ({fixed(noise.mean, 2)} ± {fixed(2 * noise.sd, 2)}), so the γs do not tell ops apart.{' '}
                {beatsDepth ? (
                  <>
                    Beating the depth count here comes from the <b>layer levels</b>: structure (how much training scaled each layer&apos;s branch), which the
                    structural rule gets with no training at all.
                  </>
                ) : (
                  <>
                    What ranking there is comes from the <b>layer levels</b>, i.e. structure.
                  </>
                )}
              </>
            )}
          </p>
        )}
      </div>
      {spos && (
        <p className="hint" data-testid="truth-spos">
          On the {spos.paths} subnets SPOS evaluated: SPOS accuracy τ <b>{fixed(spos.kendall, 3)}</b> (ρ {fixed(spos.spearman, 3)}), BN score τ{' '}
          <b>{fixed(spos.bnKendall, 3)}</b> (ρ {fixed(spos.bnSpearman, 3)}) against the truth.
        </p>
      )}
      <div className="chart-box small" data-testid="truth-tau-chart" ref={box}>
        <p className="hint chart-title">
          Kendall τ against the truth after each epoch{' '}
          <PngButton target={box} name="truth-taus" title={`Kendall τ of the BN score and its parts against the truth (${truth.benchmark}) after each epoch`} />
        </p>
        <LiveLineChart
          data={data}
          series={SERIES}
          height={150}
          left={AXIS}
          right={ACC_AXIS}
          xLabel="epoch"
          legend={false}
          label="Kendall tau against the truth after each epoch: both Identity rules, the layer levels and the op differences within depth, the depth count, and the supernet's validation accuracy"
        />
        <p className="chart-legend" aria-hidden="true">
          {SERIES.map((s) => (
            <span key={s.key} style={{ color: s.color }}>
              <i style={{ background: s.color }} />
              {s.name}
            </span>
          ))}
        </p>
        {/* Wrapped: a table is never narrower than its cells, so an sr-only table would widen the page. */}
        <div className="sr-only">
          <table data-testid="truth-tau-table">
            <caption>By epoch: tau with Identity 0, tau with Identity by its BN, layer levels and op differences tau within depth, validation accuracy</caption>
            <tbody>
              {epochs.map((e) => (
                <tr key={e.epoch}>
                  <th>{e.epoch}</th>
                  <td>{fixed(e.rules.skip.kendall, 4)}</td>
                  <td>{fixed(e.rules.bn.kendall, 4)}</td>
                  <td>{fixed(e.parts.layerLevels.withinDepthKendall, 4)}</td>
                  <td>{fixed(e.parts.opDifferences.withinDepthKendall, 4)}</td>
                  <td>{e.valAccuracy === null ? '—' : fixed(100 * e.valAccuracy, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}

function num(x: number): number | null {
  return Number.isFinite(x) ? +x.toFixed(4) : null;
}
