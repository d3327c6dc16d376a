/**
 * Each benchmark's decoder, by its entry in the table of benchmarks (config/benchmarks.ts): the worker and
 * the CLI read a benchmark's asset through here and never name its format.
 */
import { benchmarkInfo, type BenchmarkId } from '../../config/benchmarks';
import { parseNbMacroTable } from './nbmacro';
import type { TruthTable } from './table';

const DECODERS: Record<BenchmarkId, (bytes: Uint8Array) => TruthTable> = {
  'NAS-Bench-Macro': parseNbMacroTable,
};

/** The table of benchmark `id` decoded from its asset's bytes; throws a one-line error naming what is wrong. */
export function decodeTruthTable(id: BenchmarkId, bytes: Uint8Array): TruthTable {
  const decode = DECODERS[id];
  if (!decode) throw new Error(`no decoder for the benchmark ${id} (${benchmarkInfo(id)?.file ?? 'unknown asset'})`);
  return decode(bytes);
}
