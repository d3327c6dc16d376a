/**
 * NAS-Bench-Macro (CIFAR-10) ground truth: the decoder of the packed table
 * (public/nas-bench-macro.bin, written by scripts/pack-nbmacro.ts).
 *
 * Format "NBM1", version 1, all little-endian:
 *   0  char[4] magic 'NBM1'
 *   4  uint16  version (1)
 *   6  uint8   layers (8)
 *   7  uint8   numOps (3)
 *   8  uint32  count (numOps^layers = 6561)
 *  12  uint8   runs per network (3)
 *  13  uint8   record size in bytes (14)
 *  14  uint16  reserved, 0
 *  16  count records in path-index order (pathAt numbering: layer 0 most significant,
 *      so the order of the 8-digit keys), each:
 *        uint16 x runs  test accuracy in hundredths of a percent (8947 = 89.47%)
 *        uint32         parameter count
 *        uint32         FLOPs (multiply-adds, as the authors count them)
 *  end-4   uint32  FNV-1a 32 of every byte before it
 *
 * No tfjs and no Node modules: this runs in the worker as well as in Node.
 * Source: X. Su et al., CVPR 2021, Apache-2.0 (public/nas-bench-macro.LICENSE.txt).
 */

import type { TruthTable } from './table';

/** One network of the benchmark's JSON (nas-bench-macro_cifar10.json, keyed by its 8-digit path), which the packer reads. */
export interface NbMacroJsonEntry {
  /** The test accuracies (%) of its 3 trainings. */
  test_acc: number[];
  mean_acc: number;
  std: number;
  params: number;
  flops: number;
}

export const NBMACRO_CITATION =
  'X. Su, T. Huang, Y. Li, S. You, F. Wang, C. Qian, C. Zhang, C. Xu. Prioritized Architecture Sampling with ' +
  'Monte-Carlo Tree Search. CVPR 2021. NAS-Bench-Macro: https://github.com/xiusu/NAS-Bench-Macro';
export const NBMACRO_LICENSE = 'Apache-2.0';
/** Op names by op index: the digits 0, 1, 2 of the benchmark's keys. */
export const NBMACRO_OPS: readonly string[] = Object.freeze(['Identity', 'MB3_K3', 'MB6_K5']);

export const NBMACRO_MAGIC = 'NBM1';
export const NBMACRO_VERSION = 1;
export const NBMACRO_LAYERS = 8;
/** Each stage's first layer (stages of 2, 3, 3 layers): stride 2, doubled channels, and an Identity that is a 1x1 conv + BN. */
export const NBMACRO_STRIDED_LAYERS: readonly number[] = [0, 2, 5];
export const NBMACRO_NUM_OPS = 3;
export const NBMACRO_RUNS = 3;
export const NBMACRO_HEADER_BYTES = 16;
export const NBMACRO_RECORD_BYTES = 2 * NBMACRO_RUNS + 4 + 4;
export const NBMACRO_COUNT = NBMACRO_NUM_OPS ** NBMACRO_LAYERS;
/** Exact size of a valid file in bytes: header, records, checksum. */
export const NBMACRO_BYTES = NBMACRO_HEADER_BYTES + NBMACRO_COUNT * NBMACRO_RECORD_BYTES + 4;

/** Why a packed table was refused; message is one line saying what is wrong. */
export class TruthTableError extends Error {
  override name = 'TruthTableError';
  constructor(message: string) {
    super(`NAS-Bench-Macro table: ${message}`);
  }
}

/** FNV-1a 32-bit hash of bytes[0..end), as an unsigned integer; detects any single changed byte. */
export function fnv1a32(bytes: Uint8Array, end = bytes.length): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** Decodes and validates a packed NAS-Bench-Macro table (bytes of public/nas-bench-macro.bin); throws TruthTableError. */
export function parseNbMacroTable(bytes: Uint8Array): TruthTable {
  if (bytes.length === 0) throw new TruthTableError('empty file (0 bytes); expected ' + fmt(NBMACRO_BYTES));
  if (bytes.length < NBMACRO_HEADER_BYTES) {
    throw new TruthTableError(`truncated (${fmt(bytes.length)} of ${fmt(NBMACRO_BYTES)} bytes)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (magic !== NBMACRO_MAGIC) {
    throw new TruthTableError(`wrong magic ${JSON.stringify(magic)} (expected "${NBMACRO_MAGIC}"): not a packed table`);
  }
  const version = view.getUint16(4, true);
  if (version !== NBMACRO_VERSION) {
    throw new TruthTableError(`unsupported version ${version} (this build reads version ${NBMACRO_VERSION})`);
  }
  // The dimensions are fixed for this benchmark; a file that says otherwise is another table.
  const dims: [string, number, number][] = [
    ['layers', bytes[6]!, NBMACRO_LAYERS],
    ['ops', bytes[7]!, NBMACRO_NUM_OPS],
    ['networks', view.getUint32(8, true), NBMACRO_COUNT],
    ['runs', bytes[12]!, NBMACRO_RUNS],
    ['record size', bytes[13]!, NBMACRO_RECORD_BYTES],
    ['reserved field', view.getUint16(14, true), 0],
  ];
  for (const [what, got, want] of dims) {
    if (got !== want) throw new TruthTableError(`${what} ${got}, expected ${want}`);
  }
  if (bytes.length !== NBMACRO_BYTES) {
    throw new TruthTableError(
      bytes.length < NBMACRO_BYTES
        ? `truncated (${fmt(bytes.length)} of ${fmt(NBMACRO_BYTES)} bytes)`
        : `${fmt(bytes.length - NBMACRO_BYTES)} trailing bytes (${fmt(bytes.length)}, expected ${fmt(NBMACRO_BYTES)})`,
    );
  }
  const end = NBMACRO_BYTES - 4;
  if (fnv1a32(bytes, end) !== view.getUint32(end, true)) throw new TruthTableError('checksum mismatch: the file is corrupt');
  return decodeRecords(view);
}

function decodeRecords(view: DataView): TruthTable {
  const n = NBMACRO_COUNT,
    R = NBMACRO_RUNS;
  const runs = new Float64Array(n * R),
    mean = new Float64Array(n),
    sd = new Float64Array(n);
  const params = new Float64Array(n),
    flops = new Float64Array(n),
    depth = new Uint8Array(n);
  const h = new Array<number>(R);
  for (let i = 0, off = NBMACRO_HEADER_BYTES; i < n; i++, off += NBMACRO_RECORD_BYTES) {
    let sum = 0;
    for (let r = 0; r < R; r++) {
      h[r] = view.getUint16(off + 2 * r, true);
      if (h[r]! > 10000) throw new TruthTableError(`network ${i}: accuracy ${h[r]! / 100}% out of range 0-100`);
      runs[i * R + r] = h[r]! / 100;
      sum += h[r]!;
    }
    // Mean and sd from the integer hundredths: equal sums give bit-equal means, so ties are exact.
    mean[i] = sum / (100 * R);
    let ss = 0;
    for (let r = 0; r < R; r++) ss += (h[r]! - sum / R) ** 2;
    sd[i] = Math.sqrt(ss / R) / 100;
    params[i] = view.getUint32(off + 2 * R, true);
    flops[i] = view.getUint32(off + 2 * R + 4, true);
    if (params[i] === 0 || flops[i] === 0) throw new TruthTableError(`network ${i}: zero parameter or FLOP count`);
    let d = 0;
    for (let x = i; x > 0; x = Math.floor(x / NBMACRO_NUM_OPS)) if (x % NBMACRO_NUM_OPS !== 0) d++;
    depth[i] = d;
  }
  return {
    benchmark: 'NAS-Bench-Macro',
    layers: NBMACRO_LAYERS,
    numOps: NBMACRO_NUM_OPS,
    bnIdentityLayers: NBMACRO_STRIDED_LAYERS,
    count: n,
    runs,
    mean,
    sd,
    params,
    flops,
    depth,
  };
}
