import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cifarFileKind, readCifarArchive } from './archive';
import { DataFormatError } from './cifar10';

/** A tar made by the system's tar: two batch files (out of name order) and a readme. */
function makeTar(): { tar: Uint8Array; batches: Record<string, Uint8Array> } {
  const dir = mkdtempSync(join(tmpdir(), 'archive-test-'));
  mkdirSync(join(dir, 'cifar-10-batches-bin'));
  const batches: Record<string, Uint8Array> = {
    'cifar-10-batches-bin/test_batch.bin': Uint8Array.from({ length: 3073 }, (_, i) => i % 251),
    'cifar-10-batches-bin/data_batch_1.bin': Uint8Array.from({ length: 3073 * 2 }, (_, i) => (i * 7) % 256),
  };
  for (const [name, bytes] of Object.entries(batches)) writeFileSync(join(dir, name), bytes);
  writeFileSync(join(dir, 'cifar-10-batches-bin', 'readme.html'), '<p>hi</p>');
  execFileSync('tar', ['-cf', join(dir, 'a.tar'), '-C', dir, 'cifar-10-batches-bin']);
  return { tar: new Uint8Array(readFileSync(join(dir, 'a.tar'))), batches };
}

/** `bytes` as a stream of `size`-byte chunks. */
function streamOf(bytes: Uint8Array, size = 1000): ReadableStream<Uint8Array> {
  let o = 0;
  return new ReadableStream({
    pull(c) {
      if (o >= bytes.length) c.close();
      else {
        c.enqueue(bytes.slice(o, o + size));
        o += size;
      }
    },
  });
}

describe('CIFAR-10 archives', () => {
  const { tar, batches } = makeTar();
  const expected = Object.keys(batches)
    .sort()
    .map((name) => ({ name: `x:${name}`, bytes: batches[name] }));

  it("kinds by name, in any case; a URL's query ignored", () => {
    expect(['a.bin', 'A.BIN', 'b.tar', 'B.TAR', 'c.tar.gz', 'C.TAR.GZ', 'd.tgz', 'https://h/e.tar.gz?x=1', 'f.zip', 'bin'].map(cifarFileKind)).toEqual([
      'bin',
      'bin',
      'tar',
      'tar',
      'targz',
      'targz',
      'targz',
      'targz',
      null,
      null,
    ]);
  });

  it('a .tar gives its batch files in name order, skipping the rest', async () => {
    expect(await readCifarArchive('x', streamOf(tar), false)).toEqual(expected);
  });

  it('a .tar.gz gives the same files', async () => {
    expect(await readCifarArchive('x', streamOf(gzipSync(tar), 777), true)).toEqual(expected);
  });

  it("skips macOS's AppleDouble companions ('._data_batch_1.bin') and other names that only end like a batch file", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archive-test-'));
    mkdirSync(join(dir, 'cifar-10-batches-bin'));
    for (const [name, bytes] of Object.entries(batches)) writeFileSync(join(dir, name), bytes);
    for (const junk of ['._data_batch_1.bin', '._test_batch.bin', 'old_test_batch.bin'])
      writeFileSync(join(dir, 'cifar-10-batches-bin', junk), new Uint8Array(4096).fill(1));
    execFileSync('tar', ['-cf', join(dir, 'mac.tar'), '-C', dir, 'cifar-10-batches-bin']);
    expect(await readCifarArchive('x', streamOf(new Uint8Array(readFileSync(join(dir, 'mac.tar')))), false)).toEqual(expected);
  });

  it('bad gzip, a tar without batch files and a cut archive are DataFormatErrors naming the archive', async () => {
    await expect(readCifarArchive('bad.tar.gz', streamOf(new Uint8Array(600).fill(7)), true)).rejects.toThrow(/^bad\.tar\.gz: not a valid gzip archive/);
    const dir = mkdtempSync(join(tmpdir(), 'archive-test-'));
    writeFileSync(join(dir, 'readme.txt'), 'no batches');
    execFileSync('tar', ['-cf', join(dir, 'r.tar'), '-C', dir, 'readme.txt']);
    await expect(readCifarArchive('r.tar', streamOf(new Uint8Array(readFileSync(join(dir, 'r.tar')))), false)).rejects.toThrow(/holds no CIFAR-10 batch files/);
    await expect(readCifarArchive('cut.tar', streamOf(tar.slice(0, 2048)), false)).rejects.toBeInstanceOf(DataFormatError);
  });

  it('a small .gz that inflates past the limit is refused as it inflates, not buffered', async () => {
    // A valid tar whose one batch entry is 4 MB of zeros gzips to ~4 KB; with a 1 MB limit the reader stops at the
    // first MB (the tar itself is well formed, so only the limit can stop it, however the inflater chunks its output).
    const dir = mkdtempSync(join(tmpdir(), 'archive-test-'));
    writeFileSync(join(dir, 'data_batch_1.bin'), new Uint8Array(4e6));
    execFileSync('tar', ['-cf', join(dir, 'b.tar'), '-C', dir, 'data_batch_1.bin']);
    const bomb = gzipSync(readFileSync(join(dir, 'b.tar')));
    expect(bomb.length).toBeLessThan(10_000);
    await expect(readCifarArchive('bomb.tar.gz', streamOf(bomb), true, 1e6)).rejects.toThrow(/^bomb\.tar\.gz: expands past 1 MB: not a CIFAR-10 archive/);
    expect(await readCifarArchive('x', streamOf(gzipSync(tar), 777), true, tar.length)).toEqual(expected);
  });
});
