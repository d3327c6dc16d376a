import { OP_LABELS } from '../config';
import { isIdentitySkip, spaceOf } from '../engine/space';
import { useStore } from '../state/store';
import { textOn, viridis } from './colormap';
import { Explainer } from './Explainer';

/** Layers x ops, colour = mean |gamma| of each op's last BN, scrubbable by epoch. */
export function GammaHeatmap() {
  const epochs = useStore((s) => s.epochs);
  const chosen = useStore((s) => s.heatmapEpoch);
  const setEpoch = useStore((s) => s.setHeatmapEpoch);
  const config = useStore((s) => s.runConfig ?? s.config);
  const space = spaceOf(config);
  const shown = epochs.length === 0 ? null : epochs[Math.min(chosen ?? epochs.length, epochs.length) - 1]!;
  const values = shown?.scores.flat().filter((v) => v > 0) ?? [];
  const lo = values.length ? Math.min(...values) : 0, hi = values.length ? Math.max(...values) : 1;
  const norm = (v: number) => (hi > lo ? (v - lo) / (hi - lo) : 0.5);
  // Enough decimals that neighbouring cells read differently when the spread is small.
  const digits = hi > lo ? Math.min(5, Math.max(3, Math.ceil(-Math.log10(hi - lo)) + 1)) : 3;
  return (
    <section className="panel heatmap" aria-label="Gamma heatmap">
      <h2>Gamma heatmap {shown && <small data-testid="heatmap-epoch">epoch {shown.epoch}{chosen == null ? ' (latest)' : ''}</small>}</h2>
      <Explainer>
        Each cell is an op's score: the mean |γ| of its last BatchNorm. BN-NAS reads a large γ as "this op matters" and ranks
        a path by the sum of its ops' scores, so the best path takes the brightest cell of every row (outlined).
        An identity skip has no BN, so it scores 0.
      </Explainer>
      {!shown ? <p className="empty">The heatmap fills in after each epoch.</p> : (
        <>
          {epochs.length > 1 && (
            <label className="scrub">
              <span>Epoch</span>
              <input type="range" min={1} max={epochs.length} value={chosen ?? epochs.length} data-testid="heatmap-scrub"
                aria-valuetext={`epoch ${chosen ?? epochs.length} of ${epochs.length}`}
                onChange={(e) => { const v = Number(e.target.value); setEpoch(v === epochs.length ? null : v); }} />
              <span>{chosen ?? epochs.length}/{epochs.length}</span>
            </label>
          )}
          <table className="heatmap-grid" data-testid="heatmap">
            <caption className="sr-only">Mean |gamma| of each op's last BN, by layer, at epoch {shown.epoch}</caption>
            <thead>
              <tr><th scope="col">layer</th>{space.ops.map((op) => <th scope="col" key={op}>{OP_LABELS[op]}</th>)}</tr>
            </thead>
            <tbody>
              {shown.scores.map((row, l) => {
                const best = row.indexOf(Math.max(...row));
                return (
                  <tr key={l}>
                    <th scope="row">{l}{space.layers[l]!.stride === 2 ? ' ↓2' : ''}</th>
                    {row.map((v, k) => {
                      const op = space.ops[k]!;
                      const identity = (op === 'skip' || op === 'id') && isIdentitySkip(space.layers[l]!);
                      const t = norm(v);
                      return (
                        <td key={k} data-testid={`cell-${l}-${k}`} data-value={v} className={k === best ? 'best' : undefined}
                          title={identity ? `layer ${l}, ${OP_LABELS[op]}: identity, no BN → 0` : `layer ${l}, ${OP_LABELS[op]}: mean |γ| = ${v.toFixed(6)}`}
                          style={identity ? undefined : { background: viridis(t), color: textOn(t) }}>
                          {identity ? <span className="nobn">no BN → 0</span> : v.toFixed(digits)}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="legend">
            <span>{lo.toFixed(digits)}</span>
            <span className="legend-bar" aria-hidden style={{ background: `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map(viridis).join(',')})` }} />
            <span>{hi.toFixed(digits)}</span>
          </p>
        </>
      )}
    </section>
  );
}
