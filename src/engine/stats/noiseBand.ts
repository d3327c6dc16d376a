/** A statistic's spread over seeded draws (a permutation null, say), and whether a value lies inside it. */

/** Mean and standard deviation of a statistic over seeded draws. */
export interface NoiseBand {
  mean: number;
  sd: number;
  draws: number;
}

/** The band of `xs`: their mean and sample standard deviation (NaN below 2 draws). */
export function noiseBand(xs: readonly number[]): NoiseBand {
  const n = xs.length;
  const mean = n === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / n;
  const sd = n < 2 ? NaN : Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  return { mean, sd, draws: n };
}

/** True when `x` lies within mean ± 2 sd of `band`: no better than the random draws. */
export function insideNoise(x: number, band: Pick<NoiseBand, 'mean' | 'sd'>): boolean {
  return Math.abs(x - band.mean) <= 2 * band.sd;
}
