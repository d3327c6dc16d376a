import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFormatError } from './cifar10';
import { TarReader } from './tar';

/** A real archive made by the system's tar, read back in chunks of every awkward size. */
function makeArchive(): { tar: Uint8Array; files: Record<string, Uint8Array> } {
  const dir = mkdtempSync(join(tmpdir(), 'tar-test-'));
  mkdirSync(join(dir, 'cifar-10-batches-bin'));
  const files: Record<string, Uint8Array> = {
    'cifar-10-batches-bin/data_batch_1.bin': Uint8Array.from({ length: 3073 * 3 }, (_, i) => (i * 7) % 256),
    'cifar-10-batches-bin/readme.html': new TextEncoder().encode('<p>hi</p>'),
    'cifar-10-batches-bin/test_batch.bin': Uint8Array.from({ length: 1000 }, (_, i) => i % 251),
  };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  execFileSync('tar', ['-cf', join(dir, 'a.tar'), '-C', dir, 'cifar-10-batches-bin']);
  return { tar: new Uint8Array(readFileSync(join(dir, 'a.tar'))), files };
}

describe('TarReader', () => {
  const { tar, files } = makeArchive();

  it.each([1, 511, 512, 513, 4096, 1 << 20])('extracts the wanted entries from chunks of %i bytes', (size) => {
    const reader = new TarReader('a.tar', (n) => n.endsWith('.bin'));
    for (let o = 0; o < tar.length; o += size) reader.push(tar.subarray(o, o + size));
    const entries = reader.finish();
    expect(entries.map((e) => e.name).sort()).toEqual(['cifar-10-batches-bin/data_batch_1.bin', 'cifar-10-batches-bin/test_batch.bin']);
    for (const e of entries) expect(e.bytes).toEqual(files[e.name]);
  });

  it('rejects what is not a tar, naming the archive', () => {
    const reader = new TarReader('photo.jpg', () => true);
    expect(() => reader.push(Uint8Array.from({ length: 1024 }, (_, i) => (i * 13) % 256))).toThrow(DataFormatError);
    expect(() => new TarReader('photo.jpg', () => true).push(Uint8Array.from({ length: 1024 }, (_, i) => 1 + (i % 200)))).toThrow(/photo\.jpg.*not a tar/);
  });

  it('reports a truncated archive with the entry and byte counts', () => {
    const reader = new TarReader('cut.tar', () => true);
    reader.push(tar.subarray(0, 512 + 3000));
    expect(() => reader.finish()).toThrow(/cut\.tar.*truncated archive: entry '.*' has \d+ of \d+ bytes/);
  });

  it('rejects an empty archive', () => {
    const reader = new TarReader('empty.tar', () => true);
    reader.push(new Uint8Array(1024));
    expect(() => reader.finish()).toThrow(/no entries/);
  });
});
