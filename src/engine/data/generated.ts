/**
 * A synthetic, seeded, CIFAR-sized dataset (32x32 RGB, 10 classes) that a small CNN can
 * learn but raw-pixel statistics cannot, and whose label lives at two spatial scales so
 * that kernel size and depth matter.
 *
 * Class c = shape s x fine texture t, with s = c % 5 in {disc, square, ring, cross,
 * triangle} and t = floor(c / 5):
 *  - shape (mid scale, 14-22 px across): telling a disc from a square, a ring or a
 *    triangle needs a receptive field of ~10-16 px (bigger kernels or more layers);
 *  - texture (fine scale): the shape is filled with luminance stripes of period 2.8-3.6 px,
 *    oriented 0 deg (t = 0, 'h') or 90 deg (t = 1, 'v'), each +-20 deg: a 3x3 kernel sees it.
 * Everything else is random per image and carries no class information: shape centre
 * (+-6 px), size (radius 7-11 px), rotation (any angle), foreground and background colours
 * (independent uniform RGB), a low-frequency lighting gradient, distractor stripes on the
 * background (any orientation, coarser period 6-9 px, so orientation alone does not give
 * the texture class: frequency must be read too), an occluding blob of random colour in
 * 35% of images, and per-pixel noise (sigma 20/255: a uniform random byte mapped through
 * 256 Gaussian quantiles, exact to the byte resolution, tails cut at 2.9 sigma). Shape
 * edges are anti-aliased from signed distances.
 * Because colour and position are random, the class-mean images are all near-uniform
 * grey blobs and a nearest-class-mean classifier on raw pixels stays near chance.
 * A small CNN outside this repo (numpy, BN + ReLU, GAP head, Adam, flips, 12 epochs, 5,000
 * train / 1,000 test, seed 1) bore this out: one 3x3 conv 14%; 3x3-pool-3x3 31% (texture
 * solved, shape 31%); five 3x3 convs with two pools 63%; three 5x5 convs with two pools 62%.
 * Labels are balanced (counts differ by at most one) and come in a seeded shuffled order.
 * Same seed and count -> byte-identical images (one Rng stream, no Math.random).
 */
import { createRng, type Rng } from '../space';
import { CHANNELS, IMAGE_LENGTH, IMAGE_SIZE, type Dataset } from './dataset';

export const GENERATED_SHAPES = ['disc', 'square', 'ring', 'cross', 'triangle'] as const;
/** Class names: shape, then stripe orientation ('h' = 0 deg, 'v' = 90 deg). */
export const GENERATED_CLASSES: readonly string[] = [...GENERATED_SHAPES.map((s) => `${s}-h`), ...GENERATED_SHAPES.map((s) => `${s}-v`)];

export interface GenerateOptions {
  /** Number of images, a positive integer. */
  count: number;
  /** Integer seed; same seed and count give byte-identical datasets. */
  seed: number;
}

// Module-local copies: imported bindings can be getters in a hot loop (CJS interop in tsx).
const SIZE = IMAGE_SIZE,
  CH = CHANNELS,
  LEN = IMAGE_LENGTH;
const NOISE_SIGMA = 20;
const OCCLUDER_PROB = 0.35;
const DEG = Math.PI / 180;
/** NOISE[b] = NOISE_SIGMA * (the (b + 0.5)/256 quantile of N(0, 1)): a uniform byte b -> Gaussian noise. */
const NOISE = gaussianQuantiles(256, NOISE_SIGMA);

/** Builds `count` images of 32x32x3 bytes (NHWC) with balanced labels 0..9. */
export function generateDataset({ count, seed }: GenerateOptions): Dataset {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  const rng = createRng(seed);
  const labels = Uint8Array.from(rng.fork('labels').shuffle(Array.from({ length: count }, (_, i) => i % 10)));
  const images = new Uint8Array(count * IMAGE_LENGTH);
  const imageRng = rng.fork('images');
  const scratch = new Float32Array(LEN);
  for (let i = 0; i < count; i++) {
    drawImage(labels[i]!, imageRng, scratch, images.subarray(i * IMAGE_LENGTH, (i + 1) * IMAGE_LENGTH));
  }
  return { source: `generated(seed=${seed})`, images, labels, classNames: [...GENERATED_CLASSES], count };
}

const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng.next();
const colour = (rng: Rng): [number, number, number] => [rng.int(256), rng.int(256), rng.int(256)];

/** Signed distance (px, negative inside) from (u, v), in the shape's rotated frame, to shape s of radius r. */
function shapeDistance(s: number, u: number, v: number, r: number): number {
  const au = Math.abs(u),
    av = Math.abs(v);
  switch (s) {
    case 0:
      return Math.sqrt(u * u + v * v) - r;
    case 1:
      return Math.max(au, av) - 0.85 * r;
    case 2:
      return Math.abs(Math.sqrt(u * u + v * v) - 0.72 * r) - 0.28 * r;
    case 3:
      return Math.min(Math.max(au - r, av - 0.3 * r), Math.max(av - r, au - 0.3 * r));
    default: {
      // Equilateral triangle, inradius 0.62r: the largest of three edge half-plane distances.
      const h = 0.62 * r;
      return Math.max(-v - h, 0.8660254 * u + 0.5 * v - h, -0.8660254 * u + 0.5 * v - h);
    }
  }
}

const coverage = (d: number): number => (d <= -0.5 ? 1 : d >= 0.5 ? 0 : 0.5 - d);

/** Draws one image of class `label` into `out` (3,072 bytes), using `acc` as float scratch. */
function drawImage(label: number, rng: Rng, acc: Float32Array, out: Uint8Array): void {
  const shape = label % 5;
  const texture = Math.floor(label / 5);
  const cx = 15.5 + uniform(rng, -6, 6),
    cy = 15.5 + uniform(rng, -6, 6);
  const r = uniform(rng, 7, 11);
  const rot = uniform(rng, 0, 2 * Math.PI);
  const cosR = Math.cos(rot),
    sinR = Math.sin(rot);
  const [fR, fG, fB] = colour(rng),
    [bR, bG, bB] = colour(rng);
  // Fine texture: phase advances 2*pi/period along the stripe normal (0 deg: along y).
  const fAngle = (texture * 90 + uniform(rng, -20, 20)) * DEG;
  const fPeriod = uniform(rng, 2.8, 3.6);
  const fKx = -Math.sin(fAngle) * ((2 * Math.PI) / fPeriod),
    fKy = Math.cos(fAngle) * ((2 * Math.PI) / fPeriod);
  const fPhase = uniform(rng, 0, 2 * Math.PI),
    fAmp = uniform(rng, 35, 55);
  // Background distractor stripes: any orientation, coarser period.
  const bAngle = uniform(rng, 0, Math.PI);
  const bPeriod = uniform(rng, 6, 9);
  const bKx = -Math.sin(bAngle) * ((2 * Math.PI) / bPeriod),
    bKy = Math.cos(bAngle) * ((2 * Math.PI) / bPeriod);
  const bPhase = uniform(rng, 0, 2 * Math.PI),
    bAmp = uniform(rng, 15, 35);
  // Lighting gradient: up to +-40 at the image border, any direction.
  const gAngle = uniform(rng, 0, 2 * Math.PI),
    gAmp = uniform(rng, 0, 40) / 16;
  const gx = Math.cos(gAngle) * gAmp,
    gy = Math.sin(gAngle) * gAmp;
  const occluded = rng.next() < OCCLUDER_PROB;
  const ox = cx + uniform(rng, -10, 10),
    oy = cy + uniform(rng, -10, 10);
  const oRadius = uniform(rng, 2.5, 5),
    [oR, oG, oB] = colour(rng);

  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const dx = x - cx,
        dy = y - cy;
      const a = coverage(shapeDistance(shape, dx * cosR + dy * sinR, -dx * sinR + dy * cosR, r));
      const light = gx * (x - 15.5) + gy * (y - 15.5);
      const fgL = a > 0 ? light + fAmp * Math.sin(fKx * x + fKy * y + fPhase) : 0;
      const bgL = a < 1 ? light + bAmp * Math.sin(bKx * x + bKy * y + bPhase) : 0;
      const o = occluded ? coverage(Math.sqrt((x - ox) * (x - ox) + (y - oy) * (y - oy)) - oRadius) : 0;
      const p = (y * SIZE + x) * CH;
      acc[p] = o * (oR + light) + (1 - o) * (a * (fR + fgL) + (1 - a) * (bR + bgL));
      acc[p + 1] = o * (oG + light) + (1 - o) * (a * (fG + fgL) + (1 - a) * (bG + bgL));
      acc[p + 2] = o * (oB + light) + (1 - o) * (a * (fB + fgL) + (1 - a) * (bB + bgL));
    }
  }
  // Four noise bytes per draw; Uint8ClampedArray stores clamp and round (half to even).
  const clamped = new Uint8ClampedArray(out.buffer, out.byteOffset, LEN);
  for (let k = 0; k < LEN; k += 4) {
    const u = rng.seed();
    clamped[k] = acc[k]! + NOISE[u & 255]!;
    clamped[k + 1] = acc[k + 1]! + NOISE[(u >>> 8) & 255]!;
    clamped[k + 2] = acc[k + 2]! + NOISE[(u >>> 16) & 255]!;
    clamped[k + 3] = acc[k + 3]! + NOISE[u >>> 24]!;
  }
}

/** sigma * the (b + 0.5)/n quantiles of N(0, 1), b = 0..n-1, by inverting a finely tabulated CDF. */
function gaussianQuantiles(n: number, sigma: number): Float64Array {
  const out = new Float64Array(n);
  const step = 1e-3;
  let z = -6,
    cdf = 0,
    b = 0;
  while (b < n) {
    const pdf0 = Math.exp(-0.5 * z * z),
      pdf1 = Math.exp(-0.5 * (z + step) ** 2);
    const next = cdf + (0.5 * (pdf0 + pdf1) * step) / Math.sqrt(2 * Math.PI);
    while (b < n && next >= (b + 0.5) / n) {
      out[b] = sigma * (z + (step * ((b + 0.5) / n - cdf)) / (next - cdf));
      b++;
    }
    cdf = next;
    z += step;
  }
  return out;
}
