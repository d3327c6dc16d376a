/**
 * A streaming reader for tar archives (ustar, GNU, PAX): feed it chunks as they
 * arrive from a DecompressionStream and it hands over each regular file whose
 * name passes `want`, skipping the rest without keeping them in memory.
 * A name longer than ustar's 100 + 155 bytes comes from a GNU long-name entry
 * (typeflag 'L') or a PAX extended header's `path` (typeflag 'x' for the next
 * entry, 'g' for all that follow); a PAX `size` overrides the header's.
 * Not handled: base-256 sizes (files over 8 GB), sparse files, links.
 */
import { DataFormatError } from './cifar10';

const BLOCK = 512;
/** The most bytes a metadata entry (a long name, a PAX header) may have: the archive is untrusted, its names are short. */
const MAX_META_BYTES = 1 << 20;

export interface TarEntry {
  name: string;
  bytes: Uint8Array;
}

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

/** The records of a PAX extended header: `<length> <key>=<value>\n`, the length counting the whole record in bytes. */
export function parsePax(body: Uint8Array, archive: string): Map<string, string> {
  const out = new Map<string, string>();
  let at = 0;
  while (at < body.length) {
    if (body[at] === 0) break; // padding after the last record
    let space = at;
    while (space < body.length && body[space] !== 0x20) space++;
    const length = Number(new TextDecoder().decode(body.subarray(at, space)));
    if (!Number.isInteger(length) || length <= space - at + 1 || at + length > body.length || body[at + length - 1] !== 0x0a) {
      throw new DataFormatError(archive, null, `bad PAX extended header record at byte ${at}`);
    }
    const record = new TextDecoder().decode(body.subarray(space + 1, at + length - 1));
    const eq = record.indexOf('=');
    if (eq <= 0) throw new DataFormatError(archive, null, `bad PAX extended header record at byte ${at}`);
    out.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return out;
}

type Meta = 'longName' | 'pax' | 'paxGlobal';
const META_TYPES: Record<string, Meta> = { L: 'longName', x: 'pax', g: 'paxGlobal' };

export class TarReader {
  private buffer: Uint8Array = new Uint8Array(0);
  private current: { name: string; size: number; keep: boolean; meta: Meta | null; chunks: Uint8Array[]; got: number } | null = null;
  /** What the metadata entries before the next header say about it: its name and size. */
  private next: { name?: string; size?: number } = {};
  /** PAX global attributes ('g'): they hold for every entry after them, under any per-entry ones. */
  private global: { name?: string; size?: number } = {};
  private skip = 0;
  private ended = false;
  private headers = 0;
  readonly entries: TarEntry[] = [];

  constructor(
    private readonly archive: string,
    private readonly want: (name: string) => boolean,
  ) {}

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
        if (this.current.meta) this.readMeta(this.current.meta, concat(...this.current.chunks));
        else if (this.current.keep) this.entries.push({ name: this.current.name, bytes: concat(...this.current.chunks) });
        this.skip = (BLOCK - (this.current.size % BLOCK)) % BLOCK;
        this.current = null;
      }
      if (this.skip > 0) {
        const s = Math.min(this.skip, this.buffer.length - offset);
        this.skip -= s;
        offset += s;
        if (this.skip > 0) break;
      }
      if (this.buffer.length - offset < BLOCK) break;
      const header = this.buffer.subarray(offset, offset + BLOCK);
      offset += BLOCK;
      if (header.every((b) => b === 0)) {
        this.ended = true;
        break;
      }
      if (!checksumOk(header)) {
        throw new DataFormatError(this.archive, null, `not a tar archive (bad header checksum in block ${this.headers})`);
      }
      this.headers++;
      const type = String.fromCharCode(header[156] || 48);
      const meta = META_TYPES[type] ?? null;
      const prefix = readString(header, 345, 155);
      const headerName = (prefix ? `${prefix}/` : '') + readString(header, 0, 100);
      // A metadata entry's own header name is a placeholder ('././@LongLink', 'PaxHeaders/…'): the overrides apply to the next real entry.
      const name = meta ? headerName : (this.next.name ?? this.global.name ?? headerName);
      const headerSize = readOctal(header, 124, 12);
      const size = meta ? headerSize : (this.next.size ?? this.global.size ?? headerSize);
      if (!Number.isFinite(size)) throw new DataFormatError(this.archive, null, `bad size field for entry '${name}'`);
      if (meta && size > MAX_META_BYTES) throw new DataFormatError(this.archive, null, `a ${meta} entry of ${size} bytes (more than ${MAX_META_BYTES})`);
      if (!meta) this.next = {};
      const regular = type === '0' || type === '\0';
      this.current = { name, size, keep: !!meta || (regular && this.want(name)), meta, chunks: [], got: 0 };
    }
    this.buffer = this.buffer.slice(offset);
  }

  /** Records what a finished metadata entry says about the entries after it. */
  private readMeta(meta: Meta, body: Uint8Array): void {
    if (meta === 'longName') {
      this.next.name = readString(body, 0, body.length);
      return;
    }
    const records = parsePax(body, this.archive);
    const into = meta === 'pax' ? this.next : this.global;
    const path = records.get('path');
    if (path !== undefined) into.name = path;
    const size = records.get('size');
    if (size !== undefined) {
      if (!/^\d+$/.test(size)) throw new DataFormatError(this.archive, null, `bad PAX size '${size}'`);
      into.size = Number(size);
    }
  }

  /** Call after the last chunk: throws when the archive stopped inside an entry. */
  finish(): TarEntry[] {
    if (this.current)
      throw new DataFormatError(this.archive, null, `truncated archive: entry '${this.current.name}' has ${this.current.got} of ${this.current.size} bytes`);
    if (this.headers === 0) throw new DataFormatError(this.archive, null, 'not a tar archive (no entries)');
    return this.entries;
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
