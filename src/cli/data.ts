/** Loads the dataset a CLI run asks for: the built-in images, the generated set, or every CIFAR-10 .bin file in a folder. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/schema';
import { type Dataset, generateDataset, parseCifar10 } from '../engine/data';
import { loadBuiltinCifar10 } from './builtinData';
import { NBMACRO_TABLE } from '../config';
import { parseNbMacroTable, type TruthTable } from '../engine/truth';

export async function loadDataset(source: string, config: Config): Promise<Dataset> {
  if (source === 'generated') return generateDataset({ count: config.n + config.val, seed: config.seed });
  if (source === 'builtin') return loadBuiltinCifar10();
  let stat;
  try { stat = statSync(source); } catch { throw new Error(`--data: no such file or folder: ${source}`); }
  const paths = stat.isDirectory()
    ? readdirSync(source).filter((f) => f.endsWith('.bin')).sort().map((f) => join(source, f))
    : [source];
  if (paths.length === 0) throw new Error(`--data: no CIFAR-10 .bin files in ${source}`);
  return parseCifar10(paths.map((p) => ({ name: p, bytes: new Uint8Array(readFileSync(p)) })));
}

/** The NAS-Bench-Macro table the app ships (public/), for runs on its space. */
export function loadTruthTable(): TruthTable {
  return parseNbMacroTable(new Uint8Array(readFileSync(new URL(`../../public/${NBMACRO_TABLE.file}`, import.meta.url))));
}
