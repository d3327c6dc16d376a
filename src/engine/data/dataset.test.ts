import { describe, expect, it } from 'vitest';
import { createRng } from '../space/rng';
import {
  AUGMENT_PAD,
  CIFAR10_CLASSES,
  IMAGE_LENGTH,
  augmentBatch,
  channelStats,
  concatDatasets,
  labelHistogram,
  normalizeBatch,
  splitDataset,
  subset,
  type ChannelStats,
  type Dataset,
} from './dataset';

/** count images; image i has byte (i*7 + k*13) & 255 at position k >= 2, its id i in bytes 0-1, label i % 10. */
function toyDataset(count: number, source = 'toy'): Dataset {
  const images = new Uint8Array(count * IMAGE_LENGTH);
  for (let i = 0; i < count; i++) {
    for (let k = 2; k < IMAGE_LENGTH; k++) images[i * IMAGE_LENGTH + k] = (i * 7 + k * 13) & 255;
    images[i * IMAGE_LENGTH] = i & 255;
    images[i * IMAGE_LENGTH + 1] = i >> 8;
  }
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  return { source, images, labels, classNames: [...CIFAR10_CLASSES], count };
}
/** Element-wise equality of two typed arrays (much faster than toEqual on big arrays). */
function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
/** The toy ids of the images in `ds`, in order. */
const ids = (ds: Dataset): number[] => Array.from({ length: ds.count }, (_, j) => ds.images[j * IMAGE_LENGTH]! + 256 * ds.images[j * IMAGE_LENGTH + 1]!);

describe('labelHistogram, subset, concatDatasets', () => {
  it('counts labels and copies the chosen images in order', () => {
    const ds = toyDataset(25);
    expect(labelHistogram(ds)).toEqual([3, 3, 3, 3, 3, 2, 2, 2, 2, 2]);
    const sub = subset(ds, [7, 2, 7]);
    expect(ids(sub)).toEqual([7, 2, 7]);
    expect(sub.count).toBe(3);
    expect(Array.from(sub.labels)).toEqual([7, 2, 7]);
    expect(same(sub.images.subarray(IMAGE_LENGTH, 2 * IMAGE_LENGTH), ds.images.subarray(2 * IMAGE_LENGTH, 3 * IMAGE_LENGTH))).toBe(true);
    expect(() => subset(ds, [25])).toThrow(RangeError);
  });

  it('concatenates in order and refuses different class names', () => {
    const a = toyDataset(3, 'a'),
      b = toyDataset(2, 'b');
    const ab = concatDatasets([a, b]);
    expect(ab.count).toBe(5);
    expect(ab.source).toBe('a + b');
    expect(Array.from(ab.labels)).toEqual([0, 1, 2, 0, 1]);
    expect(same(ab.images.subarray(3 * IMAGE_LENGTH), b.images)).toBe(true);
    expect(() => concatDatasets([])).toThrow(RangeError);
    expect(() => concatDatasets([a, { ...b, classNames: ['x', 'y'] }])).toThrow(/class names/);
  });
});

describe('splitDataset', () => {
  const ds = toyDataset(200);

  it('gives disjoint train and val of the sizes asked, deterministically per seed', () => {
    const { train, val, warnings } = splitDataset(ds, 120, 50, createRng(3));
    expect([train.count, val.count, warnings]).toEqual([120, 50, []]);
    const tr = ids(train),
      va = ids(val);
    expect(new Set([...tr, ...va]).size).toBe(170);
    // Each copy keeps its own label.
    expect(Array.from(train.labels)).toEqual(tr.map((i) => i % 10));
    const again = splitDataset(ds, 120, 50, createRng(3));
    expect(same(again.train.images, train.images)).toBe(true);
    expect(same(again.val.labels, val.labels)).toBe(true);
    expect(ids(splitDataset(ds, 120, 50, createRng(4)).train)).not.toEqual(tr);
    expect(tr).not.toEqual([...tr].sort((x, y) => x - y));
  });

  it('shrinks val first, then train, with a warning', () => {
    const a = splitDataset(ds, 180, 50, createRng(1));
    expect([a.train.count, a.val.count]).toEqual([180, 20]);
    expect(a.warnings).toHaveLength(1);
    expect(a.warnings[0]).toMatch(/200 images.*using 180 train \+ 20 val/);
    const b = splitDataset(ds, 250, 50, createRng(1));
    expect([b.train.count, b.val.count]).toEqual([200, 0]);
    expect(b.warnings[0]).toMatch(/using 200 train \+ 0 val/);
    expect(() => splitDataset(ds, -1, 5, createRng(1))).toThrow(RangeError);
    expect(() => splitDataset(ds, 1.5, 5, createRng(1))).toThrow(RangeError);
  });
});

describe('channelStats and normalizeBatch', () => {
  const ds = toyDataset(30);

  it('matches a direct mean and std per channel', () => {
    const s = channelStats(ds);
    for (let c = 0; c < 3; c++) {
      const v: number[] = [];
      for (let k = c; k < ds.images.length; k += 3) v.push(ds.images[k]! / 255);
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
      expect(s.mean[c]).toBeCloseTo(m, 12);
      expect(s.std[c]).toBeCloseTo(sd, 12);
    }
  });

  it('computes (x/255 - mean)/std for one pixel by hand, NHWC', () => {
    const stats: ChannelStats = { mean: [0.5, 0.4, 0.3], std: [0.25, 0.2, 0.1] };
    const out = normalizeBatch(ds, [4, 11], stats);
    expect(out.length).toBe(2 * IMAGE_LENGTH);
    // Batch item 1 = image 11, pixel (y=2, x=3), blue: byte (11*7 + k*13) & 255 with k = (2*32+3)*3+2 = 203.
    const byte = (11 * 7 + 203 * 13) & 255; // 2716 mod 256 = 156
    expect(byte).toBe(156);
    expect(ds.images[11 * IMAGE_LENGTH + 203]).toBe(156);
    expect(out[IMAGE_LENGTH + 203]).toBeCloseTo((156 / 255 - 0.3) / 0.1, 5); // (0.611765 - 0.3) / 0.1
    expect(out[IMAGE_LENGTH + 203]).toBeCloseTo(3.117647, 5);
  });

  it('reuses out, returns a leading view when out is larger, refuses a short out', () => {
    const stats = channelStats(ds);
    const buf = new Float32Array(4 * IMAGE_LENGTH);
    const full = normalizeBatch(ds, [0, 1, 2, 3], stats, buf);
    expect(full).toBe(buf);
    const part = normalizeBatch(ds, [5, 6], stats, buf);
    expect(part.buffer).toBe(buf.buffer);
    expect(part.length).toBe(2 * IMAGE_LENGTH);
    expect(same(part, normalizeBatch(ds, [5, 6], stats))).toBe(true);
    expect(() => normalizeBatch(ds, [0, 1], stats, new Float32Array(10))).toThrow(RangeError);
    expect(() => normalizeBatch(ds, [30], stats)).toThrow(RangeError);
  });

  it('normalises the whole dataset to mean 0 and std 1 per channel', () => {
    const stats = channelStats(ds);
    const out = normalizeBatch(
      ds,
      Array.from({ length: ds.count }, (_, i) => i),
      stats,
    );
    for (let c = 0; c < 3; c++) {
      let s = 0,
        s2 = 0,
        n = 0;
      for (let k = c; k < out.length; k += 3) {
        s += out[k]!;
        s2 += out[k]! ** 2;
        n++;
      }
      expect(s / n).toBeCloseTo(0, 4);
      expect(s2 / n).toBeCloseTo(1, 3);
    }
  });
});

describe('augmentBatch', () => {
  const ds = toyDataset(40);
  const stats = channelStats(ds);
  const plain = normalizeBatch(
    ds,
    Array.from({ length: ds.count }, (_, i) => i),
    stats,
  );
  const S = 32;

  /** The (dy, dx, flip) whose pad-crop-flip of image i reproduces `img`, or null. */
  function findTransform(i: number, img: Float32Array): [number, number, boolean] | null {
    for (let dy = -AUGMENT_PAD; dy <= AUGMENT_PAD; dy++)
      for (let dx = -AUGMENT_PAD; dx <= AUGMENT_PAD; dx++)
        for (const flip of [false, true]) {
          let ok = true;
          for (let y = 0; y < S && ok; y++)
            for (let x = 0; x < S && ok; x++) {
              const sy = y + dy,
                sx = (flip ? S - 1 - x : x) + dx;
              for (let c = 0; c < 3; c++) {
                const want = sy < 0 || sy >= S || sx < 0 || sx >= S ? 0 : plain[i * IMAGE_LENGTH + (sy * S + sx) * 3 + c]!;
                if (img[(y * S + x) * 3 + c] !== want) {
                  ok = false;
                  break;
                }
              }
            }
          if (ok) return [dy, dx, flip];
        }
    return null;
  }

  it('returns pad-4 random crops, half flipped, deterministically per seed', () => {
    const idx = Array.from({ length: ds.count }, (_, i) => i);
    const out = augmentBatch(ds, idx, stats, createRng(9));
    expect(out.length).toBe(ds.count * IMAGE_LENGTH);
    expect(same(augmentBatch(ds, idx, stats, createRng(9)), out)).toBe(true);
    expect(same(augmentBatch(ds, idx, stats, createRng(10)), out)).toBe(false);
    const found = idx.map((i) => findTransform(i, out.subarray(i * IMAGE_LENGTH, (i + 1) * IMAGE_LENGTH)));
    expect(found.every((t) => t !== null)).toBe(true);
    const flips = found.filter((t) => t![2]).length;
    expect(flips).toBeGreaterThan(8);
    expect(flips).toBeLessThan(32);
    expect(new Set(found.map((t) => `${t![0]},${t![1]}`)).size).toBeGreaterThan(15);
    const buf = new Float32Array(2 * IMAGE_LENGTH);
    expect(augmentBatch(ds, [0, 1], stats, createRng(1), buf)).toBe(buf);
  });
});
