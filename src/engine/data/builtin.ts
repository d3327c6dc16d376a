/**
 * The built-in real dataset: 4,000 CIFAR-10 training images (the first 4,000 records of
 * data_batch_1) packed losslessly into one small asset under public/, so the app and the
 * CLI have real images offline. Decoding needs only DecompressionStream and plain JS, so
 * it runs in the page, the worker and Node 20 alike.
 *
 * Format, version 1 (all integers little-endian):
 *   header, 32 bytes: magic 'BNNASC10' | u16 version | u16 image side (32) | u16 channels (3)
 *     | u16 classes (10) | u32 count | u32 CRC-32 of the original records (count * 3,073
 *     bytes, exactly the concatenated .bin files) | u32 gzip body bytes | u32 inflated bytes
 *   body, gzip: count labels | 48 u32 stream lengths | the 48 residual streams
 * Each image is coded as the planes G, R-G, B-G (the colour difference removes most of the
 * shared edges); each pixel is predicted from its causal neighbours with the MED predictor
 * of LOCO-I / JPEG-LS, and its residual byte goes to one of 16 streams per plane chosen by
 * the local activity, so every deflate block sees a sharp, homogeneous distribution. This
 * measured about 48% smaller than gzip of the raw records (scripts/pack-cifar10.ts).
 */
import { BUILTIN_CIFAR10 } from '../../config/datasets';
import { CIFAR10_RECORD_BYTES, DataFormatError, parseCifar10 } from './cifar10';
import { CHANNELS, CIFAR10_CLASSES, IMAGE_LENGTH, IMAGE_SIZE, type Dataset } from './dataset';

/** File name of the asset, under public/ in the repository and beside index.html once built (config/datasets.ts owns it). */
export const BUILTIN_CIFAR10_FILE = BUILTIN_CIFAR10.file;

/** The reference to show wherever results on these images are reported. */
export const CIFAR10_CITATION = BUILTIN_CIFAR10.citation;

/** First bytes of the asset. */
export const BUILTIN_MAGIC = 'BNNASC10';
/** Format version this decoder reads. */
export const BUILTIN_VERSION = 1;
/** Bytes before the gzip body. */
export const BUILTIN_HEADER_BYTES = 32;

const ASSET = `built-in CIFAR-10 asset ${BUILTIN_CIFAR10_FILE}`;
const W = IMAGE_SIZE;
const PLANE = W * W;
/** Upper bounds of the activity classes; a pixel whose activity exceeds them all is in the last. */
const THRESHOLDS = [0, 1, 2, 3, 4, 6, 8, 10, 13, 17, 22, 28, 36, 48, 70];
const CLASSES = THRESHOLDS.length + 1;
/** Streams: G, R-G and B-G planes times the activity classes. */
const STREAMS = CHANNELS * CLASSES;
/** Largest activity: three absolute differences of colour differences in -255..255. */
const MAX_ACTIVITY = 3 * 510;
const ACTIVITY_CLASS = (() => {
  const table = new Uint8Array(MAX_ACTIVITY + 1);
  for (let act = 0, k = 0; act <= MAX_ACTIVITY; act++) {
    while (k < THRESHOLDS.length && act > THRESHOLDS[k]!) k++;
    table[act] = k;
  }
  return table;
})();

function fail(fault: string): never {
  throw new DataFormatError(ASSET, null, fault);
}

/**
 * Prediction and activity class of pixel (x, y) of plane v from the pixels before it in
 * raster order (left a, up b, up-left c, up-right d; missing ones copy a present
 * neighbour), packed as (class << 10) | (prediction + 512). The encoder and the decoder
 * both call this, so they cannot drift apart.
 */
function predictAt(v: Int32Array, x: number, y: number): number {
  const at = y * W + x;
  let a: number, b: number, c: number, d: number;
  if (y === 0) {
    a = x > 0 ? v[at - 1]! : 0;
    b = c = d = a;
  } else if (x === 0) {
    b = v[at - W]!;
    a = c = b;
    d = v[at - W + 1]!;
  } else {
    a = v[at - 1]!;
    b = v[at - W]!;
    c = v[at - W - 1]!;
    d = x < W - 1 ? v[at - W + 1]! : b;
  }
  const lo = a < b ? a : b,
    hi = a < b ? b : a;
  const pred = c >= hi ? lo : c <= lo ? hi : a + b - c;
  const act = Math.abs(a - c) + Math.abs(b - c) + Math.abs(d - b);
  return (ACTIVITY_CLASS[act]! << 10) | (pred + 512);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE, as in gzip and zip) of bytes. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function bodyBytes(count: number): number {
  return count + 4 * STREAMS + count * IMAGE_LENGTH;
}

/**
 * Packs whole CIFAR-10 records (label + planar R, G, B) into the asset; `gzip` compresses
 * the body (the pack script passes node:zlib, so the engine stays free of Node modules).
 */
export function encodeBuiltinCifar10(records: Uint8Array, gzip: (body: Uint8Array) => Uint8Array): Uint8Array {
  if (records.length === 0 || records.length % CIFAR10_RECORD_BYTES !== 0) {
    throw new RangeError(`records must be a positive multiple of ${CIFAR10_RECORD_BYTES} bytes, got ${records.length}`);
  }
  const count = records.length / CIFAR10_RECORD_BYTES;
  const residual = new Uint8Array(count * IMAGE_LENGTH);
  const stream = new Uint8Array(count * IMAGE_LENGTH);
  const planes = [new Int32Array(PLANE), new Int32Array(PLANE), new Int32Array(PLANE)];
  const labels = new Uint8Array(count);
  let pos = 0;
  for (let i = 0; i < count; i++) {
    const off = i * CIFAR10_RECORD_BYTES;
    labels[i] = records[off]!;
    for (let p = 0; p < PLANE; p++) {
      const g = records[off + 1 + PLANE + p]!;
      planes[0]![p] = g;
      planes[1]![p] = records[off + 1 + p]! - g;
      planes[2]![p] = records[off + 1 + 2 * PLANE + p]! - g;
    }
    for (let kind = 0; kind < CHANNELS; kind++) {
      const v = planes[kind]!;
      for (let y = 0; y < W; y++) {
        for (let x = 0; x < W; x++, pos++) {
          const q = predictAt(v, x, y);
          residual[pos] = (v[y * W + x]! - ((q & 1023) - 512)) & 255;
          stream[pos] = kind * CLASSES + (q >> 10);
        }
      }
    }
  }
  // Scatter the residuals into their streams, keeping the order within each stream.
  const lengths = new Uint32Array(STREAMS);
  for (let j = 0; j < pos; j++) lengths[stream[j]!]!++;
  const body = new Uint8Array(bodyBytes(count));
  body.set(labels, 0);
  const view = new DataView(body.buffer);
  const cursor = new Uint32Array(STREAMS);
  for (let k = 0, at = count + 4 * STREAMS; k < STREAMS; k++) {
    view.setUint32(count + 4 * k, lengths[k]!, true);
    cursor[k] = at;
    at += lengths[k]!;
  }
  for (let j = 0; j < pos; j++) body[cursor[stream[j]!]!++] = residual[j]!;

  const packed = gzip(body);
  const out = new Uint8Array(BUILTIN_HEADER_BYTES + packed.length);
  const h = new DataView(out.buffer);
  for (let k = 0; k < BUILTIN_MAGIC.length; k++) out[k] = BUILTIN_MAGIC.charCodeAt(k);
  h.setUint16(8, BUILTIN_VERSION, true);
  h.setUint16(10, IMAGE_SIZE, true);
  h.setUint16(12, CHANNELS, true);
  h.setUint16(14, CIFAR10_CLASSES.length, true);
  h.setUint32(16, count, true);
  h.setUint32(20, crc32(records), true);
  h.setUint32(24, packed.length, true);
  h.setUint32(28, body.length, true);
  out.set(packed, BUILTIN_HEADER_BYTES);
  return out;
}

/** Decodes the asset into the Dataset parseCifar10 gives for the original files; throws DataFormatError. */
export async function decodeBuiltinCifar10(bytes: Uint8Array): Promise<Dataset> {
  const { count, crc, inflated } = readHeader(bytes);
  const body = await gunzip(bytes.slice(BUILTIN_HEADER_BYTES), inflated);
  const records = reconstruct(body, count);
  const got = crc32(records);
  if (got !== crc) fail(`corrupt: checksum of the decoded records is ${hex(got)}, the header says ${hex(crc)}`);
  const ds = parseCifar10([{ name: ASSET, bytes: records }]);
  return { ...ds, source: `CIFAR-10 (built-in, ${count.toLocaleString('en-US')} images)` };
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

function readHeader(bytes: Uint8Array): { count: number; crc: number; inflated: number } {
  if (bytes.length === 0) fail('empty: no bytes (the download or the file is empty)');
  const start = String.fromCharCode(...bytes.subarray(0, BUILTIN_MAGIC.length));
  if (start !== BUILTIN_MAGIC.slice(0, start.length)) {
    fail(`wrong format: starts with ${JSON.stringify(start)}, not the magic ${JSON.stringify(BUILTIN_MAGIC)}`);
  }
  if (bytes.length < BUILTIN_HEADER_BYTES) fail(`truncated: ${bytes.length} bytes, shorter than the ${BUILTIN_HEADER_BYTES}-byte header`);
  const h = new DataView(bytes.buffer, bytes.byteOffset, BUILTIN_HEADER_BYTES);
  const version = h.getUint16(8, true);
  if (version !== BUILTIN_VERSION) fail(`unsupported format version ${version}; this build reads version ${BUILTIN_VERSION}`);
  const shape = [h.getUint16(10, true), h.getUint16(12, true), h.getUint16(14, true)];
  if (shape[0] !== IMAGE_SIZE || shape[1] !== CHANNELS || shape[2] !== CIFAR10_CLASSES.length) {
    fail(`corrupt header: images ${shape[0]}x${shape[0]}x${shape[1]} in ${shape[2]} classes, expected 32x32x3 in 10`);
  }
  const count = h.getUint32(16, true),
    crc = h.getUint32(20, true);
  const packed = h.getUint32(24, true),
    inflated = h.getUint32(28, true);
  // CIFAR-10 has 60,000 images in all: a larger count is a corrupt field, not a bigger set.
  if (count === 0 || count > 60000 || inflated !== bodyBytes(count)) {
    fail(`corrupt header: ${count} images need ${bodyBytes(count)} inflated bytes, the header says ${inflated}`);
  }
  const have = bytes.length - BUILTIN_HEADER_BYTES;
  if (have < packed) fail(`truncated: ${bytes.length} bytes, the header says ${BUILTIN_HEADER_BYTES + packed}`);
  if (have > packed) fail(`corrupt: ${have - packed} unexpected bytes after the ${BUILTIN_HEADER_BYTES + packed} the header declares`);
  return { count, crc, inflated };
}

/** Inflates a gzip body of exactly `expected` bytes with the platform's DecompressionStream. */
async function gunzip(packed: Uint8Array<ArrayBuffer>, expected: number): Promise<Uint8Array> {
  const out = new Uint8Array(expected);
  let at = 0;
  try {
    const input = new ReadableStream<Uint8Array<ArrayBuffer>>({
      start(c) {
        c.enqueue(packed);
        c.close();
      },
    });
    const reader = input.pipeThrough(new DecompressionStream('gzip')).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (at + value.length > expected) {
        await reader.cancel();
        at += value.length;
        break;
      }
      out.set(value, at);
      at += value.length;
    }
  } catch (e) {
    fail(`corrupt: the gzip body does not inflate (${e instanceof Error ? e.message : String(e)})`);
  }
  if (at !== expected) {
    fail(`corrupt: the gzip body inflates to ${at > expected ? `more than ${expected}` : at} bytes, the header says ${expected}`);
  }
  return out;
}

/** Inverse of encodeBuiltinCifar10's transform: the inflated body back to whole records. */
function reconstruct(body: Uint8Array, count: number): Uint8Array {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const start = new Uint32Array(STREAMS);
  const end = new Uint32Array(STREAMS);
  let at = count + 4 * STREAMS;
  for (let k = 0; k < STREAMS; k++) {
    start[k] = at;
    at += view.getUint32(count + 4 * k, true);
    end[k] = at;
  }
  if (at !== body.length) fail(`corrupt: the stream lengths add up to ${at - count - 4 * STREAMS} residuals, expected ${count * IMAGE_LENGTH}`);
  const cursor = start.slice();
  const records = new Uint8Array(count * CIFAR10_RECORD_BYTES);
  const planes = [new Int32Array(PLANE), new Int32Array(PLANE), new Int32Array(PLANE)];
  const zero = new Int32Array(PLANE);
  // Record layout: label, then R, G, B planes; coding order: G, R-G, B-G.
  const recordPlane = [1 + PLANE, 1, 1 + 2 * PLANE];
  for (let i = 0; i < count; i++) {
    const off = i * CIFAR10_RECORD_BYTES;
    records[off] = body[i]!;
    for (let kind = 0; kind < CHANNELS; kind++) {
      const v = planes[kind]!;
      const base = kind === 0 ? zero : planes[0]!;
      const dst = off + recordPlane[kind]!;
      for (let y = 0; y < W; y++) {
        for (let x = 0; x < W; x++) {
          const q = predictAt(v, x, y);
          const p = y * W + x;
          // The channel byte is known mod 256 and lies in 0..255, so the wrap is exact.
          const channel = ((q & 1023) - 512 + base[p]! + body[cursor[kind * CLASSES + (q >> 10)]!++]!) & 255;
          v[p] = channel - base[p]!;
          records[dst + p] = channel;
        }
      }
    }
  }
  for (let k = 0; k < STREAMS; k++) {
    if (cursor[k] !== end[k]) {
      fail(`corrupt: residual stream ${k} holds ${end[k]! - start[k]!} bytes, decoding used ${cursor[k]! - start[k]!}`);
    }
  }
  return records;
}
