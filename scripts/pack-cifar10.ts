/**
 * Packs the 4,000 shared CIFAR-10 images into the app's built-in asset (format in
 * src/engine/data/builtin.ts), after measuring the simpler candidates it was chosen
 * against, and proves the result decodes to exactly the original records.
 *
 *   npx tsx scripts/pack-cifar10.ts [folder] [out]
 *
 * Defaults: every .bin in ../shared/data/cifar10/ (sorted, as the CLI reads a folder)
 * -> public/cifar10-4000.pack. Refuses, without writing anything, input that does not
 * round-trip byte for byte.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';
import { BUILTIN_CIFAR10_FILE, decodeBuiltinCifar10, encodeBuiltinCifar10 } from '../src/engine/data/builtin';
import { CIFAR10_RECORD_BYTES, parseCifar10 } from '../src/engine/data/cifar10';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const folder = resolve(process.argv[2] ?? join(root, '../shared/data/cifar10'));
const output = resolve(process.argv[3] ?? join(root, 'public', BUILTIN_CIFAR10_FILE));

const W = 32,
  PLANE = W * W;

function fail(msg: string): never {
  console.error(`pack-cifar10: ${msg}`);
  process.exit(1);
}

/** gzip at the strongest setting; `strategy` is one of zlib's deflate strategies. */
function gzip(bytes: Uint8Array, strategy: number = constants.Z_DEFAULT_STRATEGY): Uint8Array {
  return gzipSync(bytes, { level: 9, memLevel: 9, strategy });
}

const names = readdirSync(folder)
  .filter((f) => f.endsWith('.bin'))
  .sort();
if (names.length === 0) fail(`no .bin files in ${folder}`);
const files = names.map((n) => ({ name: n, bytes: new Uint8Array(readFileSync(join(folder, n))) }));
const reference = parseCifar10(files); // throws on anything that is not CIFAR-10 binary
const records = new Uint8Array(files.reduce((n, f) => n + f.bytes.length, 0));
files.reduce((at, f) => (records.set(f.bytes, at), at + f.bytes.length), 0);
const count = records.length / CIFAR10_RECORD_BYTES;
const plane = (i: number, c: number) => records.subarray(i * CIFAR10_RECORD_BYTES + 1 + c * PLANE, i * CIFAR10_RECORD_BYTES + 1 + (c + 1) * PLANE);
const labels = Uint8Array.from({ length: count }, (_, i) => records[i * CIFAR10_RECORD_BYTES]!);

/** Labels first, then the planes of every image grouped by channel (all R, all G, all B). */
function grouped(filter: (p: Uint8Array) => Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [labels];
  for (let c = 0; c < 3; c++) for (let i = 0; i < count; i++) parts.push(filter(plane(i, c)));
  return concat(parts);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

const paeth = (a: number, b: number, c: number) => {
  const p = a + b - c,
    pa = Math.abs(p - a),
    pb = Math.abs(p - b),
    pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};
/** PNG's five filters on one row (a left, b up, c up-left; 0 outside the image). */
const PNG_FILTERS: ((a: number, b: number, c: number) => number)[] = [() => 0, (a) => a, (_a, b) => b, (a, b) => (a + b) >> 1, paeth];

/** One plane as a 32x32 PNG would store it: per row a filter byte, then the filtered row; the filter is chosen by PNG's minimum-sum-of-absolute-differences heuristic, or fixed. */
function pngPlane(p: Uint8Array, fixed?: number): Uint8Array {
  const out = new Uint8Array(W * (W + 1));
  for (let y = 0; y < W; y++) {
    let best = fixed ?? 0,
      bestCost = Infinity;
    for (let f = fixed ?? 0; f <= (fixed ?? 4); f++) {
      let cost = 0;
      for (let x = 0; x < W; x++) {
        const r = (p[y * W + x]! - PNG_FILTERS[f]!(x ? p[y * W + x - 1]! : 0, y ? p[(y - 1) * W + x]! : 0, x && y ? p[(y - 1) * W + x - 1]! : 0)) & 255;
        cost += r < 128 ? r : 256 - r;
      }
      if (cost < bestCost) {
        best = f;
        bestCost = cost;
      }
    }
    out[y * (W + 1)] = best;
    for (let x = 0; x < W; x++) {
      out[y * (W + 1) + 1 + x] =
        (p[y * W + x]! - PNG_FILTERS[best]!(x ? p[y * W + x - 1]! : 0, y ? p[(y - 1) * W + x]! : 0, x && y ? p[(y - 1) * W + x - 1]! : 0)) & 255;
    }
  }
  return out;
}

/** MED (LOCO-I) residuals of G, R-G, B-G planes in one stream per plane, without the activity contexts of the final format. */
function medNoContexts(): Uint8Array {
  const parts: Uint8Array[][] = [[], [], []];
  for (let i = 0; i < count; i++) {
    const g = plane(i, 1);
    const v = [Int32Array.from(g), Int32Array.from(plane(i, 0), (r, k) => r - g[k]!), Int32Array.from(plane(i, 2), (b, k) => b - g[k]!)];
    v.forEach((pl, kind) => {
      const res = new Uint8Array(PLANE);
      for (let k = 0; k < PLANE; k++) {
        const x = k % W,
          y = (k - x) / W;
        const b = y ? pl[k - W]! : x ? pl[k - 1]! : 0,
          a = x ? pl[k - 1]! : b,
          c = x && y ? pl[k - W - 1]! : b;
        const lo = Math.min(a, b),
          hi = Math.max(a, b);
        res[k] = (pl[k]! - (c >= hi ? lo : c <= lo ? hi : a + b - c)) & 255;
      }
      parts[kind]!.push(res);
    });
  }
  return concat([labels, ...parts.flat()]);
}

const candidates: [string, number][] = [];
const measure = (name: string, bytes: number) => {
  candidates.push([name, bytes]);
};
measure('records as they are (the 4 .bin files concatenated), gzip -9', gzip(records).length);
measure('labels first, planes grouped by channel, gzip -9', gzip(grouped((p) => p)).length);
measure('PNG: Paeth filter on every row, planes grouped, gzip -9', gzip(grouped((p) => pngPlane(p, 4))).length);
measure('PNG: adaptive filter per row (min sum |residual|), planes grouped, gzip -9', gzip(grouped((p) => pngPlane(p))).length);
const med = medNoContexts();
measure('MED on G, R-G, B-G, one stream per plane, gzip -9', gzip(med).length);
measure('MED on G, R-G, B-G, one stream per plane, deflate RLE strategy', gzip(med, constants.Z_RLE).length);

// The final format: each deflate strategy is tried on the context-split body and the smallest kept.
const strategies: [string, number][] = [
  ['default', constants.Z_DEFAULT_STRATEGY],
  ['filtered', constants.Z_FILTERED],
  ['Huffman only', constants.Z_HUFFMAN_ONLY],
  ['RLE', constants.Z_RLE],
];
let chosen = '';
const asset = encodeBuiltinCifar10(records, (body) => {
  let best: Uint8Array | null = null;
  for (const [name, s] of strategies) {
    const z = gzip(body, s);
    measure(`final: MED on G, R-G, B-G, 16 activity streams per plane, deflate ${name} strategy (+ 32-byte header)`, z.length + 32);
    if (best === null || z.length < best.length) {
      best = z;
      chosen = name;
    }
  }
  return best!;
});

const decoded = await decodeBuiltinCifar10(asset);
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
if (decoded.count !== reference.count || !same(decoded.labels, reference.labels) || !same(decoded.images, reference.images)) {
  fail('the packed asset does not decode to the original records; nothing written');
}
const times: number[] = [];
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  await decodeBuiltinCifar10(asset);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
writeFileSync(output, asset);

const mb = (n: number) => `${(n / 1e6).toFixed(3)} MB`;
console.log(`${names.length} files, ${count} records, ${mb(records.length)} raw\n`);
for (const [name, bytes] of candidates) {
  console.log(`${mb(bytes).padStart(10)}  ${((100 * bytes) / records.length).toFixed(1).padStart(5)}%  ${name}`);
}
console.log(
  `\nwrote ${output}: ${asset.length} bytes (${mb(asset.length)}, deflate ${chosen} strategy); ` +
    `decodes to the original records byte for byte; decode ${times[2]!.toFixed(0)} ms median of 5 (min ${times[0]!.toFixed(0)})`,
);
