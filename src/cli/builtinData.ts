/** The built-in 4,000 CIFAR-10 images for CLI runs, read from the repository's public/ folder. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { BUILTIN_CIFAR10_FILE, decodeBuiltinCifar10 } from '../engine/data/builtin';
import type { Dataset } from '../engine/data/dataset';
import { CliError } from './errors';

/** Where the asset lives: public/ is served as-is by the app, so the CLI reads the very same file. */
export const BUILTIN_CIFAR10_PATH = fileURLToPath(new URL(`../../public/${BUILTIN_CIFAR10_FILE}`, import.meta.url));

/** Reads and decodes public/cifar10-4000.pack; throws DataFormatError when it is corrupt. */
export async function loadBuiltinCifar10(): Promise<Dataset> {
  let bytes: Buffer;
  try {
    bytes = await readFile(BUILTIN_CIFAR10_PATH);
  } catch (e) {
    throw new CliError(`built-in CIFAR-10 asset missing at ${BUILTIN_CIFAR10_PATH} ` +
      `(${e instanceof Error ? e.message : String(e)}); rebuild it with npx tsx scripts/pack-cifar10.ts`);
  }
  return decodeBuiltinCifar10(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
