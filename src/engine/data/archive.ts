/**
 * CIFAR-10 source files by kind: .bin batch files, a .tar, or the official
 * cifar-10-binary.tar.gz, streamed through DecompressionStream and TarReader
 * keeping only the batch files. The one reader of both the worker's loader and the CLI.
 */
import { DataFormatError, type NamedBytes } from './cifar10';
import { TarReader } from './tar';

/**
 * The batch files of the official archive (cifar-10-batches-bin/data_batch_1.bin, …, test_batch.bin): the whole
 * file name, so that macOS's AppleDouble companions (`._data_batch_1.bin`, 4 kB of metadata) are not taken for them.
 */
export const CIFAR_BATCH_FILE = /(^|\/)(data_batch_\d+|test_batch)\.bin$/;

/** Error names of a byte source (the worker's downloads), never reworded as a format problem. */
const SOURCE_ERRORS = new Set(['DownloadError', 'TrainingAborted']);

/** Bytes a CIFAR-10 source can have: the official .tar.gz is ~163 MB, its six batch files ~185 MB together. */
export const MAX_CIFAR_SOURCE_BYTES = 200e6;

/** Bytes an archive may expand to: the official tar is ~185 MB; a small .gz that inflates past this is a bomb, not data. */
export const MAX_EXPANDED_BYTES = 256e6;

export type CifarFileKind = 'targz' | 'tar' | 'bin';

/** How a file is read, from its name in any case (a URL's query or fragment ignored); null when it is none of the kinds. */
export function cifarFileKind(name: string): CifarFileKind | null {
  const n = name.toLowerCase().replace(/[?#].*$/, '');
  if (n.endsWith('.tar.gz') || n.endsWith('.tgz')) return 'targz';
  if (n.endsWith('.tar')) return 'tar';
  if (n.endsWith('.bin')) return 'bin';
  return null;
}

/**
 * Every CIFAR-10 batch file in a tar byte stream (gunzipped first when `gzip`), in name order,
 * each named `<archive>:<entry>`; throws DataFormatError for a broken archive or one without batch files.
 */
export async function readCifarArchive(
  name: string,
  stream: ReadableStream<Uint8Array>,
  gzip: boolean,
  maxExpanded = MAX_EXPANDED_BYTES,
): Promise<NamedBytes[]> {
  const tar = new TarReader(name, (entry) => CIFAR_BATCH_FILE.test(entry));
  const source = gzip ? stream.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>) : stream;
  const reader = source.getReader();
  let expanded = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      expanded += value.length;
      if (expanded > maxExpanded) throw new DataFormatError(name, null, `expands past ${maxExpanded / 1e6} MB: not a CIFAR-10 archive (its tar is ~185 MB)`);
      tar.push(value);
    }
  } catch (e) {
    await reader.cancel().catch(() => {});
    // The source's own failures (a download cut, too large or cancelled) are not the archive's: they pass as they are.
    if (e instanceof DataFormatError || SOURCE_ERRORS.has((e as Error).name)) throw e;
    throw new DataFormatError(name, null, gzip ? `not a valid gzip archive (${(e as Error).message})` : (e as Error).message);
  }
  const entries = tar.finish();
  if (entries.length === 0) throw new DataFormatError(name, null, 'the archive holds no CIFAR-10 batch files (data_batch_N.bin, test_batch.bin)');
  return entries.sort((a, b) => a.name.localeCompare(b.name)).map((e) => ({ name: `${name}:${e.name}`, bytes: e.bytes }));
}
