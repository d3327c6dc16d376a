/**
 * Loads the dataset a CLI run asks for: the built-in images, the generated set, a CIFAR-10
 * .bin file, a .tar or .tar.gz of them (read as the page reads it), or every .bin file in a folder.
 */
import { openAsBlob, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/schema';
import { cifarFileKind, type Dataset, generateDataset, MAX_CIFAR_SOURCE_BYTES, parseCifar10, readCifarArchive } from '../engine/data';
import { CliError } from './errors';
import { decodeAsset, readAsset } from './assets';
import { loadBuiltinCifar10 } from './builtinData';
import { benchmarkInfo, type BenchmarkId } from '../config';
import { decodeTruthTable, type TruthTable } from '../engine/truth';

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

const tooLarge = (path: string, size: number, flag: string) =>
  `${flag}: ${path} is ${(size / 1e6).toFixed(0)} MB: a CIFAR-10 set is at most ~185 MB (limit ${MAX_CIFAR_SOURCE_BYTES / 1e6} MB), so it is not read`;

/** A batch file's bytes, its size checked before it is read whole. */
function readBounded(path: string, flag: string): Uint8Array {
  const size = statSync(path).size;
  if (size > MAX_CIFAR_SOURCE_BYTES) throw new CliError(tooLarge(path, size, flag));
  return new Uint8Array(readFileSync(path));
}

/** `flag` names the option in messages ('--data', '--eval-data'). */
export async function loadDataset(source: string, config: Config, flag = '--data'): Promise<Dataset> {
  if (source === 'generated') return generateDataset({ count: config.n + config.val, seed: config.seed });
  if (source === 'builtin') return loadBuiltinCifar10();
  let stat;
  try {
    stat = statSync(source);
  } catch {
    throw new CliError(`${flag}: no such file or folder: ${source}`);
  }
  if (stat.isDirectory()) {
    // Only files: a subfolder named like a batch file is no batch file.
    const names = readdirSync(source)
      .sort()
      .filter((f) => isFile(join(source, f)));
    const bins = names.filter((f) => cifarFileKind(f) === 'bin');
    if (bins.length === 0) {
      const archive = names.find((f) => cifarFileKind(f) !== null);
      throw new CliError(`${flag}: no CIFAR-10 .bin files in ${source}${archive ? ` (to read an archive, name it: ${flag} ${join(source, archive)})` : ''}`);
    }
    return parseCifar10(bins.map((f) => join(source, f)).map((p) => ({ name: p, bytes: readBounded(p, flag) })));
  }
  if (!stat.isFile()) throw new CliError(`${flag}: ${source} is neither a file nor a folder`);
  const kind = cifarFileKind(source);
  if (kind === null) throw new CliError(`${flag}: ${source}: unsupported file: expected CIFAR-10 .bin files, a .tar or cifar-10-binary.tar.gz`);
  if (kind === 'bin') return parseCifar10([{ name: source, bytes: readBounded(source, flag) }]);
  if (stat.size > MAX_CIFAR_SOURCE_BYTES) throw new CliError(tooLarge(source, stat.size, flag));
  const blob = await openAsBlob(source);
  return parseCifar10(await readCifarArchive(source, blob.stream() as ReadableStream<Uint8Array>, kind === 'targz'));
}

/** Benchmark `id`'s table as the app ships it (public/), for runs on its space. */
export function loadTruthTable(id: BenchmarkId): TruthTable {
  const info = benchmarkInfo(id);
  const bytes = readAsset(info, info.rebuild);
  return decodeAsset(info, info.rebuild, () => decodeTruthTable(id, bytes));
}
