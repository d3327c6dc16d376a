/**
 * A streaming reader for (ustar / GNU) tar archives: feed it chunks as they
 * arrive from a DecompressionStream and it hands over each regular file whose
 * name passes `want`, skipping the rest without keeping them in memory.
 */
import { DataFormatError } from './cifar10';

const BLOCK = 512;

export interface TarEntry { name: string; bytes: Uint8Array }

function readString(block: Uint8Array, start: number, length: number): string {
  let end = start;
  while (end < start + length && block[end] !== 0) end++;
  return new TextDecoder().decode(block.subarray(start, end));
}

function readOctal(block: Uint8Array, start: number, length: number): number {
  const text = readString(block, start, length).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) return Number.NaN;
  return parseInt(text, 8);
}

/** The header checksum: the sum of all header bytes with the checksum field read as spaces. */
function checksumOk(block: Uint8Array): boolean {
  const stored = readOctal(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  return sum === stored;
}

export class TarReader {
  private buffer: Uint8Array = new Uint8Array(0);
  private current: { name: string; size: number; keep: boolean; chunks: Uint8Array[]; got: number } | null = null;
  private skip = 0;
  private ended = false;
  private headers = 0;
  readonly entries: TarEntry[] = [];

  constructor(private readonly archive: string, private readonly want: (name: string) => boolean) {}

  /** Consumes one chunk of the archive. */
  push(chunk: Uint8Array): void {
    if (this.ended) return;
    this.buffer = concat(this.buffer, chunk);
    let offset = 0;
    for (;;) {
      if (this.current) {
        const take = Math.min(this.current.size - this.current.got, this.buffer.length - offset);
        if (this.current.keep && take > 0) this.current.chunks.push(this.buffer.slice(offset, offset + take));
        this.current.got += take;
        offset += take;
        if (this.current.got < this.current.size) break;
        if (this.current.keep) this.entries.push({ name: this.current.name, bytes: concat(...this.current.chunks) });
        this.skip = (BLOCK - (this.current.size % BLOCK)) % BLOCK;
        this.current = null;
      }
      if (this.skip > 0) {
        const s = Math.min(this.skip, this.buffer.length - offset);
        this.skip -= s; offset += s;
        if (this.skip > 0) break;
      }
      if (this.buffer.length - offset < BLOCK) break;
      const header = this.buffer.subarray(offset, offset + BLOCK);
      offset += BLOCK;
      if (header.every((b) => b === 0)) { this.ended = true; break; }
      if (!checksumOk(header)) {
        throw new DataFormatError(this.archive, null, `not a tar archive (bad header checksum in block ${this.headers})`);
      }
      this.headers++;
      const prefix = readString(header, 345, 155);
      const name = (prefix ? `${prefix}/` : '') + readString(header, 0, 100);
      const size = readOctal(header, 124, 12);
      if (!Number.isFinite(size)) throw new DataFormatError(this.archive, null, `bad size field for entry '${name}'`);
      const type = String.fromCharCode(header[156] || 48);
      const regular = type === '0' || type === '\0';
      this.current = { name, size, keep: regular && this.want(name), chunks: [], got: 0 };
    }
    this.buffer = this.buffer.slice(offset);
  }

  /** Call after the last chunk: throws when the archive stopped inside an entry. */
  finish(): TarEntry[] {
    if (this.current) throw new DataFormatError(this.archive, null, `truncated archive: entry '${this.current.name}' has ${this.current.got} of ${this.current.size} bytes`);
    if (this.headers === 0) throw new DataFormatError(this.archive, null, 'not a tar archive (no entries)');
    return this.entries;
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}
