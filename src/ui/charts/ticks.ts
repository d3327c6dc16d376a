/** About `count` round tick values covering [lo, hi] (1, 2 or 5 times a power of ten apart). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) {
    const pad = Math.abs(lo) * 0.1 || 1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / count,
    mag = 10 ** Math.floor(Math.log10(raw)),
    r = raw / mag;
  const step = (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * mag;
  const ticks: number[] = [];
  // The epsilon keeps 2.4 / 0.05 = 47.99999… from adding a tick below the data.
  const first = Math.floor(lo / step + 1e-9),
    last = Math.ceil(hi / step - 1e-9);
  for (let i = first; i <= last; i++) ticks.push(+(i * step).toPrecision(12));
  return ticks;
}

/**
 * [lo, hi] widened about its middle to span at least `minSpan` (same units). A loss that moves in its third
 * decimal then draws as the flat line it is, instead of a zig-zag across the whole plot.
 */
export function atLeastSpan(lo: number, hi: number, minSpan: number): [number, number] {
  if (hi - lo >= minSpan) return [lo, hi];
  const mid = (lo + hi) / 2;
  return [mid - minSpan / 2, mid + minSpan / 2];
}

/** Decimals that tell evenly spaced ticks apart: the step's (0.02 → 2, 0.5 → 1, 5 → 0). */
export function tickDecimals(ticks: readonly number[]): number {
  if (ticks.length < 2) return 0;
  const step = Math.abs(ticks[1]! - ticks[0]!);
  return step > 0 ? Math.max(0, -Math.floor(Math.log10(step) + 1e-9)) : 0;
}
