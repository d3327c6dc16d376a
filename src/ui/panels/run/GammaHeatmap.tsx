import { useRef, useState } from 'react';
import { OP_LABELS } from '../../../config';
import { applyIdentityRule, isIdentityOp, isIdentitySkip, spaceOf } from '../../../engine/space';
import { useStore } from '../../../state/store';
import { PANEL_TITLES } from '../../../state/view';
import { textOn, viridis } from '../../charts/colormap';
import { Explainer } from '../../common/Explainer';
import { PngButton } from '../../charts/PngButton';

type Scale = 'global' | 'layer';

/** Range of the BN cells (v > 0: a BN-less identity's 0 is structure, not a score) of some values. */
function rangeOf(values: readonly number[]): { lo: number; hi: number } | null {
  const v = values.filter((x) => x > 0);
  return v.length ? { lo: Math.min(...v), hi: Math.max(...v) } : null;
}

/** Layers x ops, colour = mean |gamma| of each op's last BN, scrubbable by epoch; one colour scale or one per layer. */
export function GammaHeatmap() {
  const epochs = useStore((s) => s.epochs);
  const chosen = useStore((s) => s.heatmapEpoch);
  const setEpoch = useStore((s) => s.setHeatmapEpoch);
  const config = useStore((s) => s.runConfig ?? s.config);
  const [scale, setScale] = useState<Scale>('global');
  const box = useRef<HTMLDivElement>(null);
  const space = spaceOf(config);
  const shown = epochs.length === 0 ? null : epochs[Math.min(chosen ?? epochs.length, epochs.length) - 1]!;
  const ruled = shown ? applyIdentityRule(shown.scores, space, config.idscore) : null;
  const all = rangeOf(shown?.scores.flat() ?? []) ?? { lo: 0, hi: 1 };
  const rows = shown?.scores.map((row) => rangeOf(row)) ?? [];
  const widest = rows.reduce<{ layer: number; spread: number }>((w, r, l) => (r && r.hi - r.lo > w.spread ? { layer: l, spread: r.hi - r.lo } : w), {
    layer: -1,
    spread: 0,
  });
  const norm = (v: number, l: number) => {
    const r = scale === 'layer' ? (rows[l] ?? all) : all;
    return r.hi > r.lo ? (v - r.lo) / (r.hi - r.lo) : 0.5;
  };
  // Enough decimals that neighbouring cells of a layer read differently when its spread is small.
  const span = all.hi - all.lo;
  const fine = Math.min(span, ...rows.map((r) => (r ? r.hi - r.lo : 0)).filter((d) => d > 0));
  const digits = fine > 0 && Number.isFinite(fine) ? Math.min(5, Math.max(3, Math.ceil(-Math.log10(fine)) + 1)) : 3;
  return (
    <section className="panel heatmap" aria-label="Gamma heatmap">
      <h2>
        {PANEL_TITLES.heatmap}{' '}
        {shown && (
          <small data-testid="heatmap-epoch">
            epoch {shown.epoch}
            {chosen == null ? ' (latest)' : ''}
          </small>
        )}
        {shown && (
          <PngButton
            target={box}
            name="heatmap"
            title={`Gamma heatmap: mean |γ| of each op's last BN, epoch ${shown.epoch}${scale === 'layer' ? ' (colour per layer)' : ''}`}
          />
        )}
      </h2>
      <Explainer>
        Each cell is an op's score: the mean |γ| of its last BatchNorm. BN-NAS reads a large γ as "this op matters" and ranks a path by the sum of its ops'
        scores, so the best path takes the brightest cell of every row (outlined). An identity skip has no BN, so it scores 0; with the rule <i>Identity 0</i>{' '}
        (Search settings), a stride-2 Identity (a 1×1 conv + BN) scores 0 too, its γ shown crossed over to 0.
      </Explainer>
      {!shown ? (
        <p className="empty">The heatmap fills in after each epoch.</p>
      ) : (
        <>
          <div className="heatmap-tools">
            {epochs.length > 1 && (
              <label className="scrub">
                <span>Epoch</span>
                <input
                  type="range"
                  min={1}
                  max={epochs.length}
                  value={chosen ?? epochs.length}
                  data-testid="heatmap-scrub"
                  aria-valuetext={`epoch ${chosen ?? epochs.length} of ${epochs.length}`}
                  onChange={(e) => {
                    const v = Number(e.target.value);
                    setEpoch(v === epochs.length ? null : v);
                  }}
                />
                <span>
                  {chosen ?? epochs.length}/{epochs.length}
                </span>
              </label>
            )}
            <label className="scale-toggle" title="The ranking depends only on differences within a layer: a path takes one op from each">
              <input
                type="checkbox"
                checked={scale === 'layer'}
                data-testid="heatmap-scale"
                onChange={(e) => setScale(e.target.checked ? 'layer' : 'global')}
              />{' '}
              colour each layer on its own scale
            </label>
          </div>
          <div ref={box} data-testid="heatmap-box" data-scale={scale}>
            <table className="heatmap-grid" data-testid="heatmap">
              <caption className="sr-only">Mean |gamma| of each op's last BN, by layer, at epoch {shown.epoch}</caption>
              <thead>
                <tr>
                  <th scope="col">layer</th>
                  {space.ops.map((op) => (
                    <th scope="col" key={op}>
                      {OP_LABELS[op]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.scores.map((row, l) => {
                  const scored = ruled![l]!;
                  const best = scored.indexOf(Math.max(...scored));
                  return (
                    <tr key={l}>
                      <th scope="row">
                        {l}
                        {space.layers[l]!.stride === 2 ? ' ↓2' : ''}
                      </th>
                      {row.map((v, k) => {
                        const op = space.ops[k]!;
                        const identity = isIdentityOp(op) && isIdentitySkip(space.layers[l]!);
                        // A strided Identity has a BN (a γ) that the rule 'Identity 0' does not count.
                        const unscored = !identity && scored[k] !== v;
                        const t = norm(v, l);
                        return (
                          <td
                            key={k}
                            data-testid={`cell-${l}-${k}`}
                            data-value={v}
                            data-score={scored[k]}
                            className={k === best ? 'best' : undefined}
                            title={
                              identity
                                ? `layer ${l}, ${OP_LABELS[op]}: identity, no BN → 0`
                                : unscored
                                  ? `layer ${l}, ${OP_LABELS[op]}: a strided 1×1 conv + BN with mean |γ| = ${v.toFixed(6)}; the Identity rule in force scores it 0`
                                  : `layer ${l}, ${OP_LABELS[op]}: mean |γ| = ${v.toFixed(6)}`
                            }
                            style={identity || unscored ? undefined : { background: viridis(t), color: textOn(t) }}
                          >
                            {identity ? (
                              <span className="nobn">no BN → 0</span>
                            ) : unscored ? (
                              <span className="nobn">γ {v.toFixed(digits)} → 0</span>
                            ) : (
                              v.toFixed(digits)
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <p className="legend">
              <span>{scale === 'layer' ? "each layer's lowest" : all.lo.toFixed(digits)}</span>
              <span className="legend-bar" aria-hidden style={{ background: `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map(viridis).join(',')})` }} />
              <span>{scale === 'layer' ? "each layer's highest" : all.hi.toFixed(digits)}</span>
            </p>
          </div>
          <p className="hint" data-testid="heatmap-spread" data-overall={span} data-layer={widest.spread}>
            Spread: <b>{span.toFixed(digits)}</b> between the largest and smallest score overall; <b>{widest.spread.toFixed(digits)}</b> at most within one
            layer{widest.layer >= 0 && <> (layer {widest.layer})</>}. Only the within-layer differences change the ranking: a path takes one op from every
            layer, so a layer whose scores are all high adds the same to every path.
          </p>
        </>
      )}
    </section>
  );
}
