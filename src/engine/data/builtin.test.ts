import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CIFAR10_FILE, BUILTIN_HEADER_BYTES, CIFAR10_CITATION, crc32, decodeBuiltinCifar10, encodeBuiltinCifar10 } from './builtin';
import { CIFAR10_RECORD_BYTES, DataFormatError, parseCifar10 } from './cifar10';
import { labelHistogram } from './dataset';

const SHARED = path.resolve(__dirname, '../../../../shared/data/cifar10');
const ASSET = path.resolve(__dirname, '../../../public', BUILTIN_CIFAR10_FILE);
const NAMES = [0, 1, 2, 3].map((k) => `cifar10_data_batch_1_${k}000-${k}999.bin`);
const files = NAMES.map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(SHARED, name))) }));
const asset = new Uint8Array(readFileSync(ASSET));
const PREFIX = `built-in CIFAR-10 asset ${BUILTIN_CIFAR10_FILE}: `;

/** Decodes and returns the DataFormatError thrown (fails the test if none is). */
async function formatError(bytes: Uint8Array): Promise<DataFormatError> {
  try {
    await decodeBuiltinCifar10(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(DataFormatError);
    expect((e as Error).message.startsWith(PREFIX)).toBe(true);
    return e as DataFormatError;
  }
  throw new Error('expected decodeBuiltinCifar10 to throw');
}

/** A copy of the asset with byte i replaced by f(old byte). */
function edited(i: number, f: (b: number) => number): Uint8Array {
  const out = asset.slice();
  out[i] = f(out[i]!);
  return out;
}

describe('the built-in CIFAR-10 asset', () => {
  it('resolves the shared folder and the asset from src/engine/data', () => {
    expect(SHARED.endsWith(path.join('shared', 'data', 'cifar10'))).toBe(true);
    expect(existsSync(path.join(SHARED, NAMES[0]!))).toBe(true);
    expect(asset.length).toBeGreaterThan(0);
    expect(asset.length).toBeLessThan(10e6);
  });

  it('decodes to exactly parseCifar10 of the four shared files', async () => {
    const t0 = performance.now();
    const ds = await decodeBuiltinCifar10(asset);
    console.log(`decoded the ${(asset.length / 1e6).toFixed(2)} MB built-in asset in ${(performance.now() - t0).toFixed(0)} ms`);
    const ref = parseCifar10(files);
    expect(ds.count).toBe(4000);
    expect(ds.source).toBe('CIFAR-10 (built-in, 4,000 images)');
    expect(ds.classNames).toEqual(ref.classNames);
    expect(Buffer.from(ds.labels).equals(Buffer.from(ref.labels))).toBe(true);
    expect(Buffer.from(ds.images).equals(Buffer.from(ref.images))).toBe(true);
    expect([...ds.labels.subarray(0, 10)]).toEqual([6, 9, 9, 4, 1, 1, 2, 7, 8, 3]);
    expect(labelHistogram(ds)).toEqual([396, 366, 420, 384, 422, 393, 414, 385, 407, 413]);
  });

  it('stores the CRC-32 of the concatenated original files in its header', () => {
    const whole = Buffer.concat(files.map((f) => f.bytes));
    expect(new DataView(asset.buffer, asset.byteOffset).getUint32(20, true)).toBe(crc32(whole));
    expect(new DataView(asset.buffer, asset.byteOffset).getUint32(16, true)).toBe(4000);
  });

  it('cites Krizhevsky 2009', () => {
    expect(CIFAR10_CITATION).toBe('A. Krizhevsky, Learning Multiple Layers of Features from Tiny Images, tech. report, University of Toronto, 2009');
  });
});

describe('corrupt, truncated or foreign bytes throw DataFormatError', () => {
  it('empty', async () => {
    expect((await formatError(new Uint8Array(0))).fault).toMatch(/^empty/);
  });

  it('truncated body and truncated header', async () => {
    expect((await formatError(asset.subarray(0, asset.length - 1000))).fault).toBe(`truncated: ${asset.length - 1000} bytes, the header says ${asset.length}`);
    expect((await formatError(asset.subarray(0, 20))).fault).toMatch(/^truncated: 20 bytes, shorter than the 32-byte header/);
    expect((await formatError(asset.subarray(0, 3))).fault).toMatch(/^truncated: 3 bytes/);
  });

  it('wrong magic, a plain gzip file, another format version', async () => {
    expect((await formatError(edited(0, () => 0x58))).fault).toMatch(/^wrong format: starts with "XNNASC10", not the magic "BNNASC10"/);
    expect((await formatError(gzipSync(new Uint8Array(100)))).fault).toMatch(/^wrong format/);
    expect((await formatError(edited(8, () => 2))).fault).toMatch(/^unsupported format version 2; this build reads version 1/);
  });

  it('a flipped byte in the header fields or the compressed body', async () => {
    expect((await formatError(edited(16, (b) => b ^ 1))).fault).toMatch(/^corrupt header: 4001 images/);
    expect((await formatError(edited(21, (b) => b ^ 0x40))).fault).toMatch(/^corrupt: checksum of the decoded records is 0x[0-9a-f]{8}, the header says/);
    const mid = BUILTIN_HEADER_BYTES + Math.floor((asset.length - BUILTIN_HEADER_BYTES) / 2);
    expect((await formatError(edited(mid, (b) => b ^ 0xff))).fault).toMatch(/^corrupt: /);
    expect((await formatError(edited(asset.length - 5, (b) => b ^ 1))).fault).toMatch(/^corrupt: /);
  });

  it('a wrong residual that still inflates cleanly fails the records checksum', async () => {
    const body = new Uint8Array(gunzipSync(asset.subarray(BUILTIN_HEADER_BYTES)));
    body[body.length - 7]! ^= 1;
    const packed = gzipSync(body);
    const forged = new Uint8Array(BUILTIN_HEADER_BYTES + packed.length);
    forged.set(asset.subarray(0, BUILTIN_HEADER_BYTES));
    forged.set(packed, BUILTIN_HEADER_BYTES);
    new DataView(forged.buffer).setUint32(24, packed.length, true);
    expect((await formatError(forged)).fault).toMatch(/^corrupt: checksum of the decoded records/);
  });

  it('bytes after the declared end', async () => {
    const longer = new Uint8Array(asset.length + 3);
    longer.set(asset);
    expect((await formatError(longer)).fault).toMatch(/^corrupt: 3 unexpected bytes after/);
  });
});

describe('encodeBuiltinCifar10', () => {
  it('round-trips arbitrary records, including colour differences that wrap', async () => {
    let s = 12345;
    const records = new Uint8Array(7 * CIFAR10_RECORD_BYTES).map((_, i) => {
      s = (s * 1103515245 + 12345) >>> 0;
      if (i % CIFAR10_RECORD_BYTES === 0) return (s >>> 16) % 10;
      const r = Math.floor(i / CIFAR10_RECORD_BYTES);
      return r < 3 ? s >>> 24 : r === 3 ? 255 * ((i >> 3) & 1) : r === 4 ? 0 : (i * 7) & 255;
    });
    const ds = await decodeBuiltinCifar10(encodeBuiltinCifar10(records, (b) => gzipSync(b)));
    const ref = parseCifar10([{ name: 'x', bytes: records }]);
    expect(ds.count).toBe(7);
    expect(ds.source).toBe('CIFAR-10 (built-in, 7 images)');
    expect([...ds.labels]).toEqual([...ref.labels]);
    expect(Buffer.from(ds.images).equals(Buffer.from(ref.images))).toBe(true);
  });

  it('rejects byte counts that are not whole records', () => {
    expect(() => encodeBuiltinCifar10(new Uint8Array(0), gzipSync)).toThrow(RangeError);
    expect(() => encodeBuiltinCifar10(new Uint8Array(CIFAR10_RECORD_BYTES + 1), gzipSync)).toThrow(RangeError);
  });

  it('crc32 is the IEEE CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});
