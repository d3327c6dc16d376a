/**
 * Test oracles, independent of the engine's own code (stats/metrics.ts counts Kendall τ in O(n log n)).
 * Only tests import this folder.
 */

/** Kendall tau-b by counting every pair: (C - D) / sqrt((n0 - n1)(n0 - n2)); NaN when a side is constant. */
export function kendallTauB(x: number[], y: number[]): number {
  let concordant = 0,
    discordant = 0,
    onlyX = 0,
    onlyY = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const dx = Math.sign(x[i]! - x[j]!),
        dy = Math.sign(y[i]! - y[j]!);
      if (dx === 0 && dy === 0) continue; // tied in both: in neither count
      if (dx === 0) onlyX++;
      else if (dy === 0) onlyY++;
      else if (dx === dy) concordant++;
      else discordant++;
    }
  }
  // n0 - n1 = pairs not tied in x = C + D + (tied only in y); likewise for y.
  const denom = Math.sqrt((concordant + discordant + onlyY) * (concordant + discordant + onlyX));
  return denom === 0 ? NaN : (concordant - discordant) / denom;
}
