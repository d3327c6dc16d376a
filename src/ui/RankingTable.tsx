import type { KeyboardEvent } from 'react';
import type { RankedRow } from '../engine/search';
import { useStore } from '../state/store';
import { Explainer } from './Explainer';
import { ExportBar } from './ExportBar';
import { fixed, kparams, mflops } from './format';

function Ops({ ops }: { ops: string[] }) {
  return <span className="path-ops">{ops.map((o, i) => <code key={i} className={`op-chip op-${o}`}>{o}</code>)}</span>;
}

/** Live top-k paths by BN score, and the best path under the FLOPs budget, exact vs evolutionary. */
export function RankingTable() {
  const top = useStore((s) => s.top);
  const result = useStore((s) => s.result);
  const selected = useStore((s) => s.selectedPath);
  const select = useStore((s) => s.selectPath);
  const config = useStore((s) => s.runConfig ?? s.config);
  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, row: RankedRow) => {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(selected === row.path ? null : row.path); }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling) as HTMLElement | null;
      next?.focus();
    }
  };
  const f = result?.search.flops;
  const opsOf = (path: number[]) => path.map((k) => config.ops[k]!);
  return (
    <section className="panel ranking" aria-label="Path ranking">
      <h2>Top {config.topk} paths</h2>
      <Explainer>
        Ranked exactly over all paths by the summed BN score, no sampling: the score is additive, so a best-first search
        finds the top-k without scoring all {config.ops.length ** config.stages.reduce((a, s) => a + s.layers, 0) > 1e6 ? 'millions of' : ''} paths.
        Select a row to mark a path for retraining.
      </Explainer>
      {top.length === 0 ? <p className="empty">The ranking appears after the first epoch.</p> : (
        <table className="rank-table" data-testid="ranking">
          <thead><tr><th>#</th><th>path</th><th>score</th><th>FLOPs</th><th>params</th></tr></thead>
          <tbody>
            {top.map((r, i) => (
              <tr key={r.path} tabIndex={0} aria-selected={selected === r.path} className={selected === r.path ? 'selected' : undefined}
                data-testid={`rank-row-${i}`} data-path={r.path} data-score={r.score}
                onClick={() => select(selected === r.path ? null : r.path)} onKeyDown={(e) => onKey(e, r)}>
                <td>{i + 1}</td><td><Ops ops={r.ops} /></td><td>{fixed(r.score, 5)}</td><td>{mflops(r.flops)}</td><td>{kparams(r.params)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ExportBar />
      {f && (
        <div className="constrained" data-testid="constrained">
          <h3>Best under {mflops(f.budget)}FLOPs</h3>
          <dl>
            <dt>exact (dynamic programming)</dt>
            <dd data-testid="constrained-exact">{f.exact ? <><Ops ops={opsOf(f.exact.path)} /> score {fixed(f.exact.score)} · {mflops(f.exact.cost)}</> : 'no path fits'}</dd>
            <dt>evolutionary (the paper's search)</dt>
            <dd data-testid="constrained-evo">{f.evolutionary ? <><Ops ops={opsOf(f.evolutionary.path)} /> score {fixed(f.evolutionary.score)} · {f.evolutionary.evaluated} paths scored · gap {fixed(f.evolutionary.gap, 5)}</> : 'none found'}</dd>
          </dl>
        </div>
      )}
    </section>
  );
}
