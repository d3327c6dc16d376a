import { OP_LABELS, isOpId, type OpId } from '../../config';
import { parsePathKey, type SearchSpace } from '../../engine/space';

/** Short chip text for the table that lists many paths; the other ops' ids are short already. */
const SHORT: Partial<Record<OpId, string>> = { id: 'I', mb3k3: 'M3', mb6k5: 'M6' };

const label = (o: string, shortNames: boolean) => (isOpId(o) ? (shortNames ? (SHORT[o] ?? OP_LABELS[o]) : OP_LABELS[o]) : o);

/** A path as plain text, its ops' display names (short ones with shortNames: the space's entry says so) separated by spaces: for chart legends and tooltips. */
export const pathText = (ops: readonly string[], shortNames = false) => ops.map((o) => label(o, shortNames)).join(' ');

/** A path as one chip per layer with the op's display name (NAS-Bench-Macro's own for its blocks); its key and full names on hover. */
export function PathOps({ ops, path, shortNames = false }: { ops: readonly string[]; path?: string; shortNames?: boolean }) {
  const title = path ? `path ${path}${shortNames ? `: ${ops.map((o) => label(o, false)).join(' ')}` : ''}` : undefined;
  return (
    <span className={`path-ops${shortNames ? ' compact' : ''}`} title={title} data-key={path}>
      {ops.map((o, i) => (
        <code key={i} className={`op-chip op-${o}`}>
          {label(o, shortNames)}
        </code>
      ))}
    </span>
  );
}

/** The legend of the compact chips, for the ops that have a short name. */
export function CompactLegend({ ops }: { ops: readonly string[] }) {
  const short = ops.filter((o): o is OpId => isOpId(o) && SHORT[o] !== undefined);
  if (short.length === 0) return null;
  return (
    <p className="hint chip-legend">
      {short.map((o) => (
        <span key={o}>
          <code className={`op-chip op-${o}`}>{SHORT[o]}</code> {OP_LABELS[o]}{' '}
        </span>
      ))}
    </p>
  );
}

/** A path given by its key ('0-2-1'): its ops' names in `space`, the key on hover; the bare key if it does not fit the space. */
export function KeyOps({ path, space, shortNames = false }: { path: string; space: SearchSpace; shortNames?: boolean }) {
  const idx = parsePathKey(path, space.layers.length, space.ops.length);
  if (!idx) return <code data-key={path}>{path}</code>;
  return <PathOps ops={idx.map((k) => space.ops[k]!)} path={path} shortNames={shortNames} />;
}
