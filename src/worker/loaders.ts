/**
 * CIFAR-10 sources in the worker: .bin files, a .tar or the official
 * cifar-10-binary.tar.gz, from the user's files or a URL, with byte progress.
 * What a file is and how an archive is read are the engine's (data/archive.ts), shared with the CLI.
 */
import { cifarFileKind, DataFormatError, MAX_CIFAR_SOURCE_BYTES, readCifarArchive, type NamedBytes } from '../engine/data';
import { openDownload, type DownloadLimits } from './download';

export type CifarSource = { kind: 'files'; files: { name: string; bytes: Uint8Array }[] } | { kind: 'url'; url: string };

/** Reports bytes read so far and the total when known. */
export type ByteProgress = (loaded: number, total: number | null) => void;

async function readStream(stream: ReadableStream<Uint8Array>, sink: (chunk: Uint8Array) => void, onRead?: (n: number) => void): Promise<void> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    sink(value);
    onRead?.(value.length);
  }
}

/** A byte stream that counts what passes through, for progress. */
function counted(stream: ReadableStream<Uint8Array>, total: number | null, onProgress: ByteProgress): ReadableStream<Uint8Array> {
  let loaded = 0;
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        loaded += chunk.length;
        onProgress(loaded, total);
        controller.enqueue(chunk);
      },
    }),
  );
}

async function fromBytes(name: string, bytes: Uint8Array, onProgress: ByteProgress): Promise<NamedBytes[]> {
  const kind = cifarFileKind(name);
  if (kind === 'bin') {
    onProgress(bytes.length, bytes.length);
    return [{ name, bytes }];
  }
  if (kind === null) throw new DataFormatError(name, null, 'unsupported file: expected CIFAR-10 .bin files, a .tar or cifar-10-binary.tar.gz');
  const stream = counted(new Blob([bytes as BlobPart]).stream(), bytes.length, onProgress);
  return readCifarArchive(name, stream, kind === 'targz');
}

export const CIFAR_URL_LIMITS = { maxBytes: MAX_CIFAR_SOURCE_BYTES, expected: 'a CIFAR-10 set is at most ~185 MB', stallMs: 30_000 } as const;

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await readStream(stream, (c) => chunks.push(c));
  const bytes = new Uint8Array(chunks.reduce((a, c) => a + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    bytes.set(c, o);
    o += c.length;
  }
  return bytes;
}

const pageBase = () => (globalThis as { location?: { href: string } }).location?.href;

/** The bytes at an http(s) URL (e.g. the built-in images beside the page), within `limits`, with byte progress. */
export async function readUrl(url: string, limits: DownloadLimits, onProgress: ByteProgress): Promise<Uint8Array> {
  const { body, total } = await openDownload(url, limits, pageBase());
  return collect(counted(body, total, onProgress));
}

async function fromUrl(url: string, onProgress: ByteProgress, signal?: AbortSignal): Promise<NamedBytes[]> {
  const { name, body, total } = await openDownload(url, { ...CIFAR_URL_LIMITS, signal }, pageBase());
  const kind = cifarFileKind(name);
  if (kind === null) {
    await body.cancel().catch(() => {});
    throw new DataFormatError(name, null, 'unsupported URL: expected a .bin file, a .tar or cifar-10-binary.tar.gz');
  }
  const stream = counted(body, total, onProgress);
  if (kind !== 'bin') return readCifarArchive(name, stream, kind === 'targz');
  return [{ name, bytes: await collect(stream) }];
}

/** Every CIFAR-10 batch file a source holds, in name order. */
export async function readCifarSource(source: CifarSource, onProgress: ByteProgress, signal?: AbortSignal): Promise<NamedBytes[]> {
  if (source.kind === 'url') return fromUrl(source.url, onProgress, signal);
  if (source.files.length === 0) throw new DataFormatError('(no files)', null, 'no files given');
  const total = source.files.reduce((a, f) => a + f.bytes.length, 0);
  let before = 0;
  const out: NamedBytes[] = [];
  for (const f of source.files) {
    out.push(...(await fromBytes(f.name, f.bytes, (loaded) => onProgress(before + loaded, total))));
    before += f.bytes.length;
  }
  return out;
}
