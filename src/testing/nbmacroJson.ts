/** NAS-Bench-Macro's own JSON (../shared/data), the independent source the tests check the packed table against. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NbMacroJsonEntry } from '../engine/truth/nbmacro';

export const NBMACRO_JSON_PATH = fileURLToPath(new URL('../../../shared/data/nas-bench-macro/nas-bench-macro_cifar10.json', import.meta.url));

/** Every network of the JSON by its 8-digit key. */
export function readNbMacroJson(): Record<string, NbMacroJsonEntry> {
  return JSON.parse(readFileSync(NBMACRO_JSON_PATH, 'utf8')) as Record<string, NbMacroJsonEntry>;
}
