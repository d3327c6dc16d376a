/**
 * Each benchmark's decoder, by its entry in the table of benchmarks (config/benchmarks.ts): the worker and
 * the CLI read a benchmark's asset through here and never name its format.
 */
import type { BenchmarkId } from '../../config/benchmarks';
import { parseNbMacroTable } from './nbmacro';
import type { TruthTable } from './table';

const DECODERS: Record<BenchmarkId, (bytes: Uint8Array) => TruthTable> = {
  'NAS-Bench-Macro': parseNbMacroTable,
};

/** The table of benchmark `id` decoded from its asset's bytes; throws a one-line error naming what is wrong. */
export function decodeTruthTable(id: BenchmarkId, bytes: Uint8Array): TruthTable {
  const decode = DECODERS[id];
  // The id may come from the page through the worker: an unknown one is named, not a TypeError.
  if (!decode) throw new Error(`no decoder for the benchmark '${id}'`);
  return decode(bytes);
}
