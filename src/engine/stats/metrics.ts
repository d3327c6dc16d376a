/**
 * Rank correlations between two score lists (e.g. BN scores vs accuracies, or
 * path rankings at two training snapshots).
 */

/**
 * Kendall's tau-b of paired samples a[i], b[i] (length n), in [-1, 1]; NaN when either side is
 * constant or n < 2. O(n log n) by Knight's algorithm.
 */
export function kendallTauB(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = checkPair(a, b);
  if (n < 2) return NaN;
  // Sort by a, then b: pairs tied in a are then in b order and add no swaps below.
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((i, j) => a[i]! - a[j]! || b[i]! - b[j]!);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) ys[i] = b[idx[i]!]!;

  const n0 = (n * (n - 1)) / 2;
  let n1 = 0,
    n3 = 0; // pairs tied in a; pairs tied in both a and b
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && a[idx[j]!] === a[idx[i]!]) j++;
    n1 += pairs(j - i);
    // Within a run tied in a, b is sorted, so joint ties are runs of equal ys.
    for (let s = i; s < j;) {
      let t = s + 1;
      while (t < j && ys[t] === ys[s]) t++;
      n3 += pairs(t - s);
      s = t;
    }
    i = j;
  }
  const swaps = mergeSortSwaps(ys); // discordant pairs: out-of-order b among distinct a
  let n2 = 0; // pairs tied in b (ys is now sorted)
  for (let i = 0, t = 1; i < n; i++) {
    if (i + 1 < n && ys[i + 1] === ys[i]) t++;
    else {
      n2 += pairs(t);
      t = 1;
    }
  }
  if (n1 === n0 || n2 === n0) return NaN;
  // Concordant minus discordant = (pairs untied in both) - 2 * discordant.
  const s = n0 - n1 - n2 + n3 - 2 * swaps;
  return s / Math.sqrt((n0 - n1) * (n0 - n2));
}

/** Spearman's rho of paired samples (length n): Pearson correlation of mean ranks; NaN if constant. */
export function spearmanRho(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = checkPair(a, b);
  if (n < 2) return NaN;
  return pearson(meanRanks(a), meanRanks(b));
}

/** 1-based ranks in ascending order, ties sharing the mean of their ranks (length n). */
export function meanRanks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((i, j) => x[i]! - x[j]!);
  const r = new Float64Array(n);
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && x[idx[j]!] === x[idx[i]!]) j++;
    const mean = (i + 1 + j) / 2; // mean of ranks i+1..j
    for (let t = i; t < j; t++) r[idx[t]!] = mean;
    i = j;
  }
  return r;
}

function pearson(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0,
    my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx,
      dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  return sxy / Math.sqrt(sxx * syy);
}

/** Sorts xs ascending in place; returns the number of inversions (pairs i < j with xs[i] > xs[j]). */
function mergeSortSwaps(xs: Float64Array): number {
  const n = xs.length;
  let src: Float64Array = xs,
    dst: Float64Array = new Float64Array(n),
    swaps = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n),
        hi = Math.min(lo + 2 * width, n);
      let i = lo,
        j = mid,
        k = lo;
      while (i < mid && j < hi) {
        // Equal values are not inversions, so the left one goes first.
        if (src[i]! <= src[j]!) dst[k++] = src[i++]!;
        else {
          swaps += mid - i;
          dst[k++] = src[j++]!;
        }
      }
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    [src, dst] = [dst, src];
  }
  if (src !== xs) xs.set(src);
  return swaps;
}

function pairs(t: number): number {
  return (t * (t - 1)) / 2;
}

function checkPair(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch: ${a.length} vs ${b.length}`);
  return a.length;
}
