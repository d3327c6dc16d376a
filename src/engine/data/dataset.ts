/**
 * An image dataset as plain typed arrays (no tfjs): CIFAR-sized 32x32 RGB bytes in
 * NHWC order, with the split, statistics and batch-normalisation helpers that feed
 * training. Pure TS, so it runs in the worker, in Node tests and in the CLI.
 */
import type { Rng } from '../space';

export const IMAGE_SIZE = 32;
export const CHANNELS = 3;
/** Values per image: 32 * 32 * 3 = 3,072. */
export const IMAGE_LENGTH = IMAGE_SIZE * IMAGE_SIZE * CHANNELS;

export const CIFAR10_CLASSES: readonly string[] = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

export interface Dataset {
  /** Where it came from, e.g. 'generated(seed=1)' or the file names. */
  source: string;
  /** count * 32 * 32 * 3 bytes, NHWC (row-major y, x, then RGB), 0..255. */
  images: Uint8Array;
  /** count labels, 0..classNames.length-1. */
  labels: Uint8Array;
  classNames: string[];
  count: number;
}

/** Per-channel mean and standard deviation in 0..1 units, [r, g, b]. */
export interface ChannelStats {
  mean: [number, number, number];
  std: [number, number, number];
}

export interface Split {
  train: Dataset;
  val: Dataset;
  /** Human-readable notes, e.g. when the dataset was too small for the sizes asked. */
  warnings: string[];
}

/** Images per class: result[k] = number of labels equal to k (length = classNames.length). */
export function labelHistogram(ds: Dataset): number[] {
  const hist = new Array<number>(ds.classNames.length).fill(0);
  for (let i = 0; i < ds.count; i++) {
    const k = ds.labels[i]!;
    hist[k] = (hist[k] ?? 0) + 1;
  }
  return hist;
}

/** A copy holding the images at `indices`, in that order. */
export function subset(ds: Dataset, indices: readonly number[], source = ds.source): Dataset {
  const images = new Uint8Array(indices.length * IMAGE_LENGTH);
  const labels = new Uint8Array(indices.length);
  for (let j = 0; j < indices.length; j++) {
    const i = checkIndex(ds, indices[j]!);
    images.set(ds.images.subarray(i * IMAGE_LENGTH, (i + 1) * IMAGE_LENGTH), j * IMAGE_LENGTH);
    labels[j] = ds.labels[i]!;
  }
  return { source, images, labels, classNames: [...ds.classNames], count: indices.length };
}

/**
 * Seeded shuffle, then the first nTrain images for training and the next nVal for
 * validation (disjoint). If the dataset is smaller than nTrain + nVal, val shrinks
 * first, then train, and a warning says what was used.
 */
export function splitDataset(ds: Dataset, nTrain: number, nVal: number, rng: Rng): Split {
  for (const [name, n] of [
    ['nTrain', nTrain],
    ['nVal', nVal],
  ] as const) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
  }
  const warnings: string[] = [];
  let useTrain = nTrain;
  let useVal = nVal;
  if (nTrain + nVal > ds.count) {
    useVal = Math.max(0, Math.min(nVal, ds.count - nTrain));
    useTrain = Math.min(nTrain, ds.count - useVal);
    warnings.push(`dataset has ${ds.count} images, fewer than the ${nTrain} train + ${nVal} val asked; ` + `using ${useTrain} train + ${useVal} val`);
  }
  const order = rng.shuffle(Array.from({ length: ds.count }, (_, i) => i));
  return {
    train: subset(ds, order.slice(0, useTrain), `${ds.source} [train ${useTrain}]`),
    val: subset(ds, order.slice(useTrain, useTrain + useVal), `${ds.source} [val ${useVal}]`),
    warnings,
  };
}

/** Mean and (population) standard deviation of each channel over all pixels, in 0..1 units. */
export function channelStats(ds: Dataset): ChannelStats {
  const sum = [0, 0, 0];
  const sumSq = [0, 0, 0];
  const n = ds.count * IMAGE_SIZE * IMAGE_SIZE;
  // Exact integer sums per channel via a byte histogram: no float drift, and fast.
  const hist = [new Float64Array(256), new Float64Array(256), new Float64Array(256)] as const;
  const px = ds.images;
  for (let p = 0; p < n * CHANNELS; p += CHANNELS) {
    hist[0][px[p]!]!++;
    hist[1][px[p + 1]!]!++;
    hist[2][px[p + 2]!]!++;
  }
  for (let c = 0; c < CHANNELS; c++) {
    for (let v = 0; v < 256; v++) {
      const k = hist[c as 0 | 1 | 2][v]!;
      sum[c]! += k * v;
      sumSq[c]! += k * v * v;
    }
  }
  const mean = sum.map((s) => (n > 0 ? s / n / 255 : 0));
  const std = sumSq.map((s, c) => {
    if (n === 0) return 0;
    const m = sum[c]! / n;
    return Math.sqrt(Math.max(0, s / n - m * m)) / 255;
  });
  return { mean: [mean[0]!, mean[1]!, mean[2]!], std: [std[0]!, std[1]!, std[2]!] };
}

/** One dataset holding all images of `list` in order; all must share the same class names. */
export function concatDatasets(list: readonly Dataset[]): Dataset {
  const first = list[0];
  if (first === undefined) throw new RangeError('concatDatasets needs at least one dataset');
  const names = first.classNames.join('\u0000');
  let count = 0;
  for (const ds of list) {
    if (ds.classNames.join('\u0000') !== names) {
      throw new RangeError(`cannot concatenate '${ds.source}': its class names differ from '${first.source}'`);
    }
    count += ds.count;
  }
  const images = new Uint8Array(count * IMAGE_LENGTH);
  const labels = new Uint8Array(count);
  let at = 0;
  for (const ds of list) {
    images.set(ds.images.subarray(0, ds.count * IMAGE_LENGTH), at * IMAGE_LENGTH);
    labels.set(ds.labels.subarray(0, ds.count), at);
    at += ds.count;
  }
  return { source: list.map((d) => d.source).join(' + '), images, labels, classNames: [...first.classNames], count };
}

/** Smallest std divided by, so a constant channel normalises to 0 instead of NaN. */
const MIN_STD = 1e-6;

/**
 * The images at `indices` as NHWC float32 [batch, 32, 32, 3] with (x/255 - mean)/std per
 * channel. Writes into `out` when given (it must hold at least batch*3072 values; the
 * result is then `out` itself or its leading subarray).
 */
export function normalizeBatch(ds: Dataset, indices: readonly number[], stats: ChannelStats, out?: Float32Array): Float32Array {
  const dst = batchBuffer(indices.length, out);
  const lut = lookupTable(stats);
  for (let j = 0; j < indices.length; j++) {
    const src = checkIndex(ds, indices[j]!) * IMAGE_LENGTH;
    const o = j * IMAGE_LENGTH;
    for (let k = 0; k < IMAGE_LENGTH; k += CHANNELS) {
      dst[o + k] = lut[ds.images[src + k]!]!;
      dst[o + k + 1] = lut[256 + ds.images[src + k + 1]!]!;
      dst[o + k + 2] = lut[512 + ds.images[src + k + 2]!]!;
    }
  }
  return dst;
}

/** Zero padding on each side before the random 32x32 crop. */
export const AUGMENT_PAD = 4;

/**
 * Like normalizeBatch, with standard CIFAR augmentation per image: pad 4 on each side,
 * take a random 32x32 crop, flip horizontally with probability 1/2. Padding is 0 after
 * normalisation (the channel mean). Draws 3 numbers per image from `rng`.
 */
export function augmentBatch(ds: Dataset, indices: readonly number[], stats: ChannelStats, rng: Rng, out?: Float32Array): Float32Array {
  const dst = batchBuffer(indices.length, out);
  const lut = lookupTable(stats);
  const span = 2 * AUGMENT_PAD + 1;
  for (let j = 0; j < indices.length; j++) {
    const src = checkIndex(ds, indices[j]!) * IMAGE_LENGTH;
    const dy = rng.int(span) - AUGMENT_PAD;
    const dx = rng.int(span) - AUGMENT_PAD;
    const flip = rng.next() < 0.5;
    const o = j * IMAGE_LENGTH;
    for (let y = 0; y < IMAGE_SIZE; y++) {
      const sy = y + dy;
      for (let x = 0; x < IMAGE_SIZE; x++) {
        const sx = (flip ? IMAGE_SIZE - 1 - x : x) + dx;
        const d = o + (y * IMAGE_SIZE + x) * CHANNELS;
        if (sy < 0 || sy >= IMAGE_SIZE || sx < 0 || sx >= IMAGE_SIZE) {
          dst[d] = 0;
          dst[d + 1] = 0;
          dst[d + 2] = 0;
        } else {
          const s = src + (sy * IMAGE_SIZE + sx) * CHANNELS;
          dst[d] = lut[ds.images[s]!]!;
          dst[d + 1] = lut[256 + ds.images[s + 1]!]!;
          dst[d + 2] = lut[512 + ds.images[s + 2]!]!;
        }
      }
    }
  }
  return dst;
}

/** lut[c*256 + v] = (v/255 - mean[c]) / std[c]. */
function lookupTable(stats: ChannelStats): Float32Array {
  const lut = new Float32Array(3 * 256);
  for (let c = 0; c < CHANNELS; c++) {
    const m = stats.mean[c as 0 | 1 | 2];
    const s = Math.max(stats.std[c as 0 | 1 | 2], MIN_STD);
    for (let v = 0; v < 256; v++) lut[c * 256 + v] = (v / 255 - m) / s;
  }
  return lut;
}

function batchBuffer(batch: number, out: Float32Array | undefined): Float32Array {
  const need = batch * IMAGE_LENGTH;
  if (out === undefined) return new Float32Array(need);
  if (out.length < need) throw new RangeError(`out holds ${out.length} floats, batch of ${batch} needs ${need}`);
  return out.length === need ? out : out.subarray(0, need);
}

function checkIndex(ds: Dataset, i: number): number {
  if (!Number.isInteger(i) || i < 0 || i >= ds.count) {
    throw new RangeError(`image index ${i} out of range 0..${ds.count - 1} in '${ds.source}'`);
  }
  return i;
}
