import { OP_LABELS, isOpId, type OpId } from '../config';

/** Short chip text for the table that lists many paths; the other ops' ids are short already. */
const SHORT: Partial<Record<OpId, string>> = { id: 'I', mb3k3: 'M3', mb6k5: 'M6' };

const label = (o: string, compact: boolean) => (isOpId(o) ? (compact ? SHORT[o] ?? OP_LABELS[o] : OP_LABELS[o]) : o);

/** A path as one chip per layer with the op's display name (NAS-Bench-Macro's own for its blocks); its key and full names on hover. */
export function PathOps({ ops, path, compact = false }: { ops: readonly string[]; path?: string; compact?: boolean }) {
  const title = path ? `path ${path}${compact ? `: ${ops.map((o) => label(o, false)).join(' ')}` : ''}` : undefined;
  return (
    <span className={`path-ops${compact ? ' compact' : ''}`} title={title} data-key={path}>
      {ops.map((o, i) => <code key={i} className={`op-chip op-${o}`}>{label(o, compact)}</code>)}
    </span>
  );
}

/** The legend of the compact chips, for the ops that have a short name. */
export function CompactLegend({ ops }: { ops: readonly string[] }) {
  const short = ops.filter((o): o is OpId => isOpId(o) && SHORT[o] !== undefined);
  if (short.length === 0) return null;
  return (
    <p className="hint chip-legend">
      {short.map((o) => <span key={o}><code className={`op-chip op-${o}`}>{SHORT[o]}</code> {OP_LABELS[o]} </span>)}
    </p>
  );
}
