/**
 * The cheap proxies the leaderboard compares, one row each: its key, the label every table shows, and its kind.
 * The saved-run schema, the retrain CSV, the labels and the leaderboards all read this table (tfjs-free, so the
 * page can import it). Each is computed in `engine/proxies/proxies.ts`, whose return type is keyed by this table:
 * a row without its code is a compile error there, so adding a proxy is this row plus its computation (and a
 * SAVED_RUN_VERSION bump: saved runs without the new proxy no longer pass the schema).
 * - `cost`: an exact count of the subnet (always finite; the CSV has it already as the subnet's own column)
 * - `init`: a zero-cost score at the subnet's seeded init (may be NaN)
 */
export const PROXIES = [
  { name: 'params', label: 'parameter count', kind: 'cost' },
  { name: 'flops', label: 'FLOPs', kind: 'cost' },
  { name: 'gradNorm', label: 'grad-norm at init', kind: 'init' },
  { name: 'snip', label: 'SNIP at init', kind: 'init' },
  { name: 'synflow', label: 'synflow at init', kind: 'init' },
  { name: 'naswot', label: 'NASWOT at init', kind: 'init' },
] as const satisfies readonly { name: string; label: string; kind: 'cost' | 'init' }[];

export type ProxyName = (typeof PROXIES)[number]['name'];
export type ProxyScores = Record<ProxyName, number>;
/** The proxies' keys in the table's order. */
export const PROXY_NAMES: readonly ProxyName[] = PROXIES.map((p) => p.name);
/** Each proxy's label, by key. */
export const PROXY_LABELS = Object.fromEntries(PROXIES.map((p) => [p.name, p.label])) as Record<ProxyName, string>;
