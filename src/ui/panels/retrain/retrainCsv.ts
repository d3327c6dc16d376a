import { PROXIES } from '../../../engine/stats';
import type { RetrainOutcome } from '../../../engine/session';

/** The zero-cost proxies' columns; the cost proxies (flops, params) are the subnet's own columns already. */
const INIT_PROXIES = PROXIES.filter((p) => p.kind === 'init').map((p) => p.name);

/**
 * The retrain CSV: one row per retrained subnet and one column per proxy, so the leaderboard can be recomputed
 * from the file; per-seed accuracies space-separated. Header and rows read the same proxy list, so they line up.
 */
export function retrainCsvTable(retrained: readonly RetrainOutcome[]): { header: string[]; rows: (string | number)[][] } {
  return {
    header: ['path', 'ops', 'score', 'accuracy', 'accuracies', 'epochs', 'seconds', 'flops', 'params', ...INIT_PROXIES],
    rows: retrained.map((r) => [
      r.path,
      r.ops.join(' '),
      r.score,
      r.accuracy,
      r.accuracies.join(' '),
      r.epochs,
      r.seconds,
      r.flops,
      r.params,
      ...INIT_PROXIES.map((p) => r.proxies[p]),
    ]),
  };
}
