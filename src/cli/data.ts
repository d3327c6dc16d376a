/** Loads the dataset a CLI run asks for: the generated set, or every CIFAR-10 .bin file in a folder. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/schema';
import { parseCifar10 } from '../engine/data/cifar10';
import { generateDataset } from '../engine/data/generated';
import type { Dataset } from '../engine/data/dataset';

export function loadDataset(source: string, config: Config): Dataset {
  if (source === 'generated') return generateDataset({ count: config.n + config.val, seed: config.seed });
  let stat;
  try { stat = statSync(source); } catch { throw new Error(`--data: no such file or folder: ${source}`); }
  const paths = stat.isDirectory()
    ? readdirSync(source).filter((f) => f.endsWith('.bin')).sort().map((f) => join(source, f))
    : [source];
  if (paths.length === 0) throw new Error(`--data: no CIFAR-10 .bin files in ${source}`);
  return parseCifar10(paths.map((p) => ({ name: p, bytes: new Uint8Array(readFileSync(p)) })));
}
