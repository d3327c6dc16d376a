import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CIFAR10_RECORD_BYTES, DataFormatError, parseCifar10, type NamedBytes } from './cifar10';
import { CIFAR10_CLASSES, IMAGE_LENGTH, labelHistogram } from './dataset';

const DIR = new URL('../../../../shared/data/cifar10/', import.meta.url);
const NAMES = [0, 1, 2, 3].map((k) => `cifar10_data_batch_1_${k}000-${k}999.bin`);
const realFiles = (): NamedBytes[] => NAMES.map((name) => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, DIR))) }));

/** Parses and returns the DataFormatError thrown (fails the test if none is). */
function formatError(files: NamedBytes[]): DataFormatError {
  try {
    parseCifar10(files);
  } catch (e) {
    expect(e).toBeInstanceOf(DataFormatError);
    return e as DataFormatError;
  }
  throw new Error('expected parseCifar10 to throw');
}

/** n valid records; record r has label r % 10 and every pixel byte = (r + plane offset) & 255. */
function records(n: number): Uint8Array {
  const bytes = new Uint8Array(n * CIFAR10_RECORD_BYTES);
  for (let r = 0; r < n; r++) {
    bytes[r * CIFAR10_RECORD_BYTES] = r % 10;
    bytes.fill(r & 255, r * CIFAR10_RECORD_BYTES + 1, (r + 1) * CIFAR10_RECORD_BYTES);
  }
  return bytes;
}

describe('parseCifar10 on the real files', () => {
  const files = realFiles();
  const t0 = performance.now();
  const ds = parseCifar10(files);
  const ms = performance.now() - t0;

  it('reads 4,000 records with the README histogram, first labels and class names', () => {
    console.log(`parsed ${ds.count} CIFAR-10 records in ${ms.toFixed(1)} ms`);
    expect(ds.count).toBe(4000);
    expect(ds.images.length).toBe(4000 * IMAGE_LENGTH);
    expect(labelHistogram(ds)).toEqual([396, 366, 420, 384, 422, 393, 414, 385, 407, 413]);
    expect(Array.from(ds.labels.subarray(0, 10))).toEqual([6, 9, 9, 4, 1, 1, 2, 7, 8, 3]);
    expect(ds.classNames).toEqual(CIFAR10_CLASSES);
    expect(ds.source).toContain(NAMES[3]);
  });

  it('puts planar RGB bytes in NHWC order', () => {
    const raw0 = files[0]!.bytes;
    // Image 0, pixel (y=5, x=7), green: label byte, then the R plane, then row 5 column 7 of G.
    expect(ds.images[(5 * 32 + 7) * 3 + 1]).toBe(raw0[1 + 1024 + 5 * 32 + 7]);
    // Image 1234 = record 234 of the second file, pixel (y=31, x=30), blue.
    const raw1 = files[1]!.bytes;
    expect(ds.images[1234 * 3072 + (31 * 32 + 30) * 3 + 2]).toBe(raw1[234 * 3073 + 1 + 2048 + 31 * 32 + 30]);
    // Image 3999's label is the first byte of the last record of the fourth file.
    expect(ds.labels[3999]).toBe(files[3]!.bytes[999 * 3073]);
  });

  it('is fast', () => {
    expect(ms).toBeLessThan(500);
  });
});

describe('parseCifar10 on corrupt input', () => {
  it('rejects no files', () => {
    const e = formatError([]);
    expect(e.record).toBeNull();
    expect(e.message).toMatch(/no files/);
  });

  it('rejects an empty file, naming it', () => {
    const e = formatError([
      { name: 'a.bin', bytes: records(2) },
      { name: 'empty.bin', bytes: new Uint8Array(0) },
    ]);
    expect(e).toMatchObject({ file: 'empty.bin', record: null });
    expect(e.message).toContain('empty.bin');
    expect(e.message).toMatch(/empty/);
  });

  it('rejects a truncated last record, naming the record and its byte count', () => {
    const real = realFiles()[2]!;
    const e = formatError([{ name: real.name, bytes: real.bytes.subarray(0, real.bytes.length - 100) }]);
    expect(e).toMatchObject({ file: real.name, record: 999 });
    expect(e.message).toContain(real.name);
    expect(e.message).toContain('record 999');
    expect(e.message).toMatch(/truncated/);
    expect(e.message).toContain(`${CIFAR10_RECORD_BYTES - 100} of 3073 bytes`);
  });

  it('rejects a length that is not a multiple of 3,073 (a short first record)', () => {
    const e = formatError([{ name: 'short.bin', bytes: records(1).subarray(0, 1000) }]);
    expect(e).toMatchObject({ file: 'short.bin', record: 0 });
    expect(e.message).toMatch(/short\.bin, record 0: .*not a multiple of 3073.*1000 of 3073 bytes/);
  });

  it('rejects a label above 9, naming the record and the label', () => {
    const bad = records(5);
    bad[3 * CIFAR10_RECORD_BYTES] = 12;
    const e = formatError([
      { name: 'ok.bin', bytes: records(3) },
      { name: 'bad.bin', bytes: bad },
    ]);
    expect(e).toMatchObject({ file: 'bad.bin', record: 3 });
    expect(e.fault).toContain('label 12');
    expect(e.message).toBe('bad.bin, record 3: label 12 is out of range 0..9');
  });

  it('accepts small synthetic files and concatenates them in order', () => {
    const ds = parseCifar10([
      { name: 'a.bin', bytes: records(3) },
      { name: 'b.bin', bytes: records(2) },
    ]);
    expect(ds.count).toBe(5);
    expect(Array.from(ds.labels)).toEqual([0, 1, 2, 0, 1]);
    expect(ds.images[2 * IMAGE_LENGTH + 100]).toBe(2);
    expect(ds.images[4 * IMAGE_LENGTH + 3071]).toBe(1);
    expect(ds.source).toBe('a.bin, b.bin');
  });
});
