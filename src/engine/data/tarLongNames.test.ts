import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFormatError } from './cifar10';
import { parsePax, TarReader } from './tar';

// Names ustar cannot hold (a 100-byte name field plus a 155-byte prefix split at a '/'): one 150-byte component,
// and a non-ASCII one. GNU tar writes them as an 'L' entry (--format=gnu) or a PAX 'x' header (--format=pax).
const LONG = `cifar-10-batches-bin/${'d'.repeat(150)}/data_batch_1.bin`;
const UNICODE = 'cifar-10-batches-bin/données-é/test_batch.bin';

function systemTar(format: 'gnu' | 'pax'): { tar: Uint8Array; files: Record<string, Uint8Array> } {
  const dir = mkdtempSync(join(tmpdir(), 'tar-long-'));
  const files: Record<string, Uint8Array> = {
    [LONG]: Uint8Array.from({ length: 3073 * 2 }, (_, i) => (i * 11) % 256),
    [UNICODE]: Uint8Array.from({ length: 700 }, (_, i) => i % 253),
    'cifar-10-batches-bin/short.bin': Uint8Array.from({ length: 10 }, (_, i) => i),
  };
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  execFileSync('tar', [`--format=${format}`, '-cf', join(dir, 'a.tar'), '-C', dir, 'cifar-10-batches-bin']);
  return { tar: new Uint8Array(readFileSync(join(dir, 'a.tar'))), files };
}

/** One ustar header block for `name` (typeflag `type`, `size` bytes), its checksum filled in. */
function header(name: string, type: string, size: number): Uint8Array {
  const h = new Uint8Array(512);
  const put = (at: number, text: string) => h.set(new TextEncoder().encode(text), at);
  put(0, name);
  put(100, '0000644\0');
  put(124, `${size.toString(8).padStart(11, '0')}\0`);
  put(148, '        ');
  put(156, type);
  put(257, 'ustar\x0000');
  put(
    148,
    `${h
      .reduce((a, b) => a + b, 0)
      .toString(8)
      .padStart(6, '0')}\0 `,
  );
  return h;
}

/** A header and its body padded to whole blocks. */
function entry(name: string, type: string, body: Uint8Array): Uint8Array[] {
  const padded = new Uint8Array(Math.ceil(body.length / 512) * 512);
  padded.set(body);
  return [header(name, type, body.length), padded];
}

function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  let n = rest.length + 1;
  while (`${n}${rest}`.length !== n) n++; // the length counts its own digits
  return `${n}${rest}`;
}

function read(tar: Uint8Array, chunk: number, want: (n: string) => boolean = () => true) {
  const reader = new TarReader('a.tar', want);
  for (let o = 0; o < tar.length; o += chunk) reader.push(tar.subarray(o, o + chunk));
  return reader.finish();
}

describe('TarReader on names longer than ustar holds', () => {
  it.each(['gnu', 'pax'] as const)('reads the full names of a --format=%s archive, in chunks of every size', (format) => {
    const { tar, files } = systemTar(format);
    for (const chunk of [1, 511, 512, 513, 1 << 20]) {
      const entries = read(tar, chunk, (n) => n.endsWith('.bin'));
      expect(entries.map((e) => e.name).sort()).toEqual(Object.keys(files).sort());
      for (const e of entries) expect(e.bytes).toEqual(files[e.name]);
    }
  });

  it("a PAX 'x' header's path and size hold for the next entry only; a 'g' header yields no entry", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const data = Uint8Array.from({ length: 600 }, (_, i) => i % 7);
    const tar = new Uint8Array(
      [
        ...entry('pax_global_header', 'g', enc(paxRecord('comment', 'made by hand'))),
        ...entry('PaxHeaders/x', 'x', enc(paxRecord('path', 'dir/x.bin') + paxRecord('size', '600'))),
        // The header's own size field says 1: the PAX size (600) wins.
        ...entry('ignored-short-name', '0', data).map((b, i) => (i === 0 ? header('ignored-short-name', '0', 1) : b)),
        ...entry('plain.bin', '0', enc('abc')),
        new Uint8Array(1024),
      ].flatMap((b) => [...b]),
    );
    expect(read(tar, 100).map((e) => [e.name, e.bytes.length])).toEqual([
      ['dir/x.bin', 600],
      ['plain.bin', 3],
    ]);
  });

  it('rejects a malformed PAX record and an oversized metadata entry, naming the archive', () => {
    expect(parsePax(new TextEncoder().encode(paxRecord('path', 'a=b/c') + '\0\0'), 'a.tar')).toEqual(new Map([['path', 'a=b/c']]));
    expect(() => parsePax(new TextEncoder().encode('99 path=x\n'), 'a.tar')).toThrow(DataFormatError);
    expect(() => parsePax(new TextEncoder().encode('10 pathx\n\n'), 'a.tar')).toThrow(/a\.tar.*bad PAX/);
    expect(() => new TarReader('big.tar', () => true).push(header('././@LongLink', 'L', 2 << 20))).toThrow(/big\.tar.*more than/);
  });
});
