import { describe, expect, it } from 'vitest';
import { IMAGE_LENGTH, labelHistogram, type Dataset } from './dataset';
import { GENERATED_CLASSES, generateDataset } from './generated';

const t0 = performance.now();
const ds = generateDataset({ count: 5000, seed: 1 });
const buildMs = performance.now() - t0;

function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Grey level (R+G+B) of image i as 32x32 floats. */
function grey(d: Dataset, i: number): Float64Array {
  const g = new Float64Array(1024);
  for (let p = 0; p < 1024; p++) {
    const k = i * IMAGE_LENGTH + p * 3;
    g[p] = d.images[k]! + d.images[k + 1]! + d.images[k + 2]!;
  }
  return g;
}

/**
 * Nearest-class-mean accuracy: features z-scored with the first nTrain rows' statistics,
 * one mean per class from those rows, accuracy on the remaining rows.
 */
function nearestMeanAccuracy(rows: ArrayLike<number>[], labels: number[], nTrain: number, classes: number): number {
  const dim = rows[0]!.length;
  const mu = new Float64Array(dim),
    sd = new Float64Array(dim);
  for (let i = 0; i < nTrain; i++) for (let d = 0; d < dim; d++) mu[d]! += rows[i]![d]! / nTrain;
  for (let i = 0; i < nTrain; i++) for (let d = 0; d < dim; d++) sd[d]! += (rows[i]![d]! - mu[d]!) ** 2 / nTrain;
  for (let d = 0; d < dim; d++) sd[d] = Math.sqrt(sd[d]!) + 1e-9;
  const z = (row: ArrayLike<number>, d: number): number => (row[d]! - mu[d]!) / sd[d]!;
  const means = Array.from({ length: classes }, () => new Float64Array(dim));
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < nTrain; i++) {
    counts[labels[i]!]!++;
    for (let d = 0; d < dim; d++) means[labels[i]!]![d]! += z(rows[i]!, d);
  }
  means.forEach((m, c) => m.forEach((v, d) => (m[d] = v / counts[c]!)));
  let correct = 0;
  for (let i = nTrain; i < rows.length; i++) {
    let best = -1,
      bestDist = Infinity;
    means.forEach((m, c) => {
      let dist = 0;
      for (let d = 0; d < dim; d++) dist += (z(rows[i]!, d) - m[d]!) ** 2;
      if (dist < bestDist) {
        bestDist = dist;
        best = c;
      }
    });
    if (best === labels[i]) correct++;
  }
  return correct / (rows.length - nTrain);
}

/** Fine-stripe energy per pixel: squared second differences along x and along y. */
function fineEnergy(g: Float64Array): { ex: Float64Array; ey: Float64Array } {
  const ex = new Float64Array(1024),
    ey = new Float64Array(1024);
  for (let y = 1; y < 31; y++)
    for (let x = 1; x < 31; x++) {
      const p = y * 32 + x,
        c = 2 * g[p]!;
      ex[p] = (c - g[p - 1]! - g[p + 1]!) ** 2;
      ey[p] = (c - g[p - 32]! - g[p + 32]!) ** 2;
    }
  return { ex, ey };
}

/**
 * Mid-scale shape descriptor: mark the pixels of high local fine-stripe energy (the
 * textured shape, whatever its colours), then take the mask's area and its fill in 8
 * rings around the mask's centroid, radii scaled by the mask's size.
 */
function shapeProfile(g: Float64Array): number[] {
  const { ex, ey } = fineEnergy(g);
  const s = new Float64Array(1024);
  for (let y = 1; y < 31; y++)
    for (let x = 1; x < 31; x++) {
      let t = 0;
      for (let a = -1; a <= 1; a++) for (let b = -1; b <= 1; b++) t += ex[(y + a) * 32 + x + b]! + ey[(y + a) * 32 + x + b]!;
      s[y * 32 + x] = t;
    }
  const sorted = s.slice().sort();
  const threshold = (sorted[200]! + sorted[1000]!) / 2;
  let area = 0,
    mx = 0,
    my = 0;
  for (let p = 0; p < 1024; p++)
    if (s[p]! > threshold) {
      area++;
      mx += p % 32;
      my += p >> 5;
    }
  mx /= area;
  my /= area;
  const radius = Math.sqrt(area / Math.PI);
  const fill = new Array<number>(8).fill(0),
    total = new Array<number>(8).fill(0);
  for (let p = 0; p < 1024; p++) {
    const ring = Math.min(7, Math.floor((4 * Math.hypot((p % 32) - mx, (p >> 5) - my)) / radius));
    total[ring]!++;
    if (s[p]! > threshold) fill[ring]!++;
  }
  return [area / 1024, ...fill.map((f, k) => f / Math.max(1, total[k]!))];
}

describe('generateDataset', () => {
  it('builds 5,000 CIFAR-sized images with balanced labels in shuffled order', () => {
    console.log(`generated 5,000 images in ${buildMs.toFixed(0)} ms`);
    expect(ds.count).toBe(5000);
    expect(ds.images.length).toBe(5000 * IMAGE_LENGTH);
    expect(ds.classNames).toEqual(GENERATED_CLASSES);
    expect(new Set(ds.classNames).size).toBe(10);
    expect(ds.source).toBe('generated(seed=1)');
    expect(labelHistogram(ds)).toEqual(new Array(10).fill(500));
    const odd = generateDataset({ count: 1003, seed: 2 });
    expect(labelHistogram(odd).every((n) => n === 100 || n === 101)).toBe(true);
    const first = Array.from(ds.labels.subarray(0, 30));
    expect(first).not.toEqual(first.map((_, i) => i % 10));
    expect(() => generateDataset({ count: 0, seed: 1 })).toThrow(RangeError);
  });

  it('is byte-identical for the same seed and differs for another', () => {
    const again = generateDataset({ count: 300, seed: 7 });
    const twice = generateDataset({ count: 300, seed: 7 });
    const other = generateDataset({ count: 300, seed: 8 });
    expect(same(again.images, twice.images) && same(again.labels, twice.labels)).toBe(true);
    expect(same(again.images, other.images)).toBe(false);
    expect(same(again.labels, other.labels)).toBe(false);
  });

  it('uses the byte range and varies from image to image', () => {
    let lo = 255,
      hi = 0;
    for (let k = 0; k < 100 * IMAGE_LENGTH; k++) {
      lo = Math.min(lo, ds.images[k]!);
      hi = Math.max(hi, ds.images[k]!);
    }
    expect([lo, hi]).toEqual([0, 255]);
    expect(same(ds.images.subarray(0, IMAGE_LENGTH), ds.images.subarray(IMAGE_LENGTH, 2 * IMAGE_LENGTH))).toBe(false);
  });

  describe('is learnable, but not from raw-pixel class means', () => {
    const labels = Array.from(ds.labels);
    const greys = Array.from({ length: ds.count }, (_, i) => grey(ds, i));

    it('raw-pixel nearest class mean stays near chance (< 40%)', () => {
      const raw = Array.from({ length: ds.count }, (_, i) => ds.images.subarray(i * IMAGE_LENGTH, (i + 1) * IMAGE_LENGTH));
      const acc = nearestMeanAccuracy(raw, labels, 4000, 10);
      console.log(`raw-pixel nearest class mean, 10 classes: ${(100 * acc).toFixed(1)}%`);
      expect(acc).toBeLessThan(0.4);
    });

    it('fine scale: the stripe orientation (label / 5) shows in 3-pixel second differences', () => {
      let correct = 0;
      greys.forEach((g, i) => {
        const { ex, ey } = fineEnergy(g);
        const verticalWaves = ey.reduce((a, b) => a + b, 0) > ex.reduce((a, b) => a + b, 0);
        if ((verticalWaves ? 0 : 1) === Math.floor(labels[i]! / 5)) correct++;
      });
      console.log(`texture from second-difference energy, 2 classes: ${((100 * correct) / ds.count).toFixed(1)}%`);
      expect(correct / ds.count).toBeGreaterThan(0.9);
    });

    it('mid scale: the shape (label % 5) shows in the profile of the textured region, not in raw means', () => {
      const shapes = labels.map((l) => l % 5);
      const profile = nearestMeanAccuracy(greys.map(shapeProfile), shapes, 4000, 5);
      const raw = nearestMeanAccuracy(greys, shapes, 4000, 5);
      console.log(`shape, 5 classes: textured-region profile ${(100 * profile).toFixed(1)}%, raw grey means ${(100 * raw).toFixed(1)}%`);
      expect(raw).toBeLessThan(0.35);
      expect(profile).toBeGreaterThan(0.45);
      expect(profile).toBeGreaterThan(raw + 0.15);
    });
  });
});
