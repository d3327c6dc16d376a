/**
 * Packs the NAS-Bench-Macro CIFAR-10 table (JSON, 1.2 MB) into the compact binary the app loads
 * (format in src/engine/truth/nbmacro.ts), and copies the table's LICENSE beside it.
 *
 *   npx tsx scripts/pack-nbmacro.ts [in.json] [out.bin]
 *
 * Defaults: ../shared/data/nas-bench-macro/nas-bench-macro_cifar10.json -> public/nas-bench-macro.bin
 * (+ public/nas-bench-macro.LICENSE.txt from the LICENSE beside the input). Refuses, without
 * writing anything, any table the format cannot hold exactly.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  NBMACRO_BYTES,
  NBMACRO_COUNT,
  NBMACRO_HEADER_BYTES,
  NBMACRO_LAYERS,
  NBMACRO_MAGIC,
  NBMACRO_NUM_OPS,
  NBMACRO_RECORD_BYTES,
  NBMACRO_RUNS,
  NBMACRO_VERSION,
  fnv1a32,
  parseNbMacroTable,
  type NbMacroJsonEntry,
} from '../src/engine/truth';
import { pathAt } from '../src/engine/space';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const input = resolve(process.argv[2] ?? join(root, '../shared/data/nas-bench-macro/nas-bench-macro_cifar10.json'));
const output = resolve(process.argv[3] ?? join(root, 'public/nas-bench-macro.bin'));

/** The table's derived fields (mean_acc, std) are dropped, so they must agree with the runs to this (%). */
const DERIVED_TOLERANCE = 1e-4;

function fail(msg: string): never {
  console.error(`pack-nbmacro: ${msg}`);
  process.exit(1);
}

const f32 = new Float32Array(1),
  u32 = new Uint32Array(f32.buffer);
/** The float32 next to x (a float32 > 0) towards +inf (dir 1) or 0 (dir -1). */
function f32Step(x: number, dir: 1 | -1): number {
  f32[0] = x;
  u32[0]! += dir;
  return f32[0]!;
}

/**
 * Hundredths of a percent for a stored accuracy, or null unless it is a 2-decimal number h/100
 * as float64 or as float32. The table holds each h/100 as one of the two float32s around it:
 * mostly the nearest, but 6,061 of the 19,683 are the one just below (float32 arithmetic in the
 * authors' code), so "equals the rounded float32" would refuse a good table. Both neighbours are
 * accepted, nothing else: a third decimal (89.475) is thousands of float32 steps away.
 */
function hundredths(a: unknown): number | null {
  if (typeof a !== 'number' || !Number.isFinite(a) || a < 0) return null;
  const h = Math.round(a * 100);
  if (a === h / 100) return h;
  if (Math.fround(a) !== a) return null;
  const near = Math.fround(h / 100);
  // near * 100 is exact in float64 (24 + 7 bits), so these comparisons with h are exact.
  const [lo, hi] = near * 100 > h ? [f32Step(near, -1), near] : near * 100 < h ? [near, f32Step(near, 1)] : [near, near];
  return a === lo || a === hi ? h : null;
}

function checkInt(key: string, what: string, v: unknown, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) fail(`${key}: ${what} ${String(v)} is not an integer in 1..${max}`);
  return v;
}

function record(key: string, e: NbMacroJsonEntry | undefined): { h: number[]; params: number; flops: number } {
  if (e === undefined) fail(`missing key ${key}`);
  const fields = Object.keys(e).sort().join(',');
  if (fields !== 'flops,mean_acc,params,std,test_acc') fail(`${key}: fields ${fields}, expected test_acc, mean_acc, std, params, flops`);
  if (!Array.isArray(e.test_acc) || e.test_acc.length !== NBMACRO_RUNS) fail(`${key}: test_acc must hold ${NBMACRO_RUNS} runs`);
  const h = e.test_acc.map((a) => {
    const v = hundredths(a);
    if (v === null || v > 10000) fail(`${key}: accuracy ${String(a)} is not a 2-decimal percentage in 0-100`);
    return v;
  });
  const runs = h.map((v) => v / 100);
  const mean = runs.reduce((s, x) => s + x, 0) / NBMACRO_RUNS;
  const sd = Math.sqrt(runs.reduce((s, x) => s + (x - mean) ** 2, 0) / NBMACRO_RUNS);
  if (Math.abs(mean - e.mean_acc) > DERIVED_TOLERANCE) fail(`${key}: mean_acc ${e.mean_acc} is not the mean of its runs (${mean})`);
  if (Math.abs(sd - e.std) > DERIVED_TOLERANCE) fail(`${key}: std ${e.std} is not the population sd of its runs (${sd})`);
  return { h, params: checkInt(key, 'params', e.params, 0xffffffff), flops: checkInt(key, 'flops', e.flops, 0xffffffff) };
}

function pack(table: Record<string, NbMacroJsonEntry>): Uint8Array {
  const keys = Object.keys(table);
  const stray = keys.find((k) => !/^[0-2]{8}$/.test(k));
  if (stray !== undefined) fail(`unexpected key ${JSON.stringify(stray)} (keys are 8 digits 0-2)`);
  if (keys.length !== NBMACRO_COUNT) fail(`${keys.length} keys, expected ${NBMACRO_COUNT}`);

  const bytes = new Uint8Array(NBMACRO_BYTES);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i++) bytes[i] = NBMACRO_MAGIC.charCodeAt(i);
  view.setUint16(4, NBMACRO_VERSION, true);
  bytes[6] = NBMACRO_LAYERS;
  bytes[7] = NBMACRO_NUM_OPS;
  view.setUint32(8, NBMACRO_COUNT, true);
  bytes[12] = NBMACRO_RUNS;
  bytes[13] = NBMACRO_RECORD_BYTES;
  for (let i = 0, off = NBMACRO_HEADER_BYTES; i < NBMACRO_COUNT; i++, off += NBMACRO_RECORD_BYTES) {
    // Record i is the key of pathAt(i): digits of i in base 3, layer 0 first.
    const key = pathAt(i, NBMACRO_LAYERS, NBMACRO_NUM_OPS).join('');
    const r = record(key, table[key]);
    r.h.forEach((v, k) => view.setUint16(off + 2 * k, v, true));
    view.setUint32(off + 2 * NBMACRO_RUNS, r.params, true);
    view.setUint32(off + 2 * NBMACRO_RUNS + 4, r.flops, true);
  }
  view.setUint32(NBMACRO_BYTES - 4, fnv1a32(bytes, NBMACRO_BYTES - 4), true);
  return bytes;
}

const bytes = pack(JSON.parse(readFileSync(input, 'utf8')) as Record<string, NbMacroJsonEntry>);
parseNbMacroTable(bytes); // the app's own decoder must accept what we write
writeFileSync(output, bytes);
console.log(`pack-nbmacro: wrote ${output} (${bytes.length.toLocaleString('en-US')} bytes, ${NBMACRO_COUNT} networks)`);

const license = join(dirname(input), 'LICENSE');
if (!existsSync(license)) fail(`no LICENSE beside ${input}: the table is Apache-2.0 and ships with its license`);
const licenseOut = output.replace(/\.bin$/, '') + '.LICENSE.txt';
// Bytes, not copyFileSync: the source is read-only and its mode would come along.
writeFileSync(licenseOut, readFileSync(license));
console.log(`pack-nbmacro: copied ${license} -> ${licenseOut}`);
