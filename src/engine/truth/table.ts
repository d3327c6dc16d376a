/**
 * A benchmark's table in the engine's form, whatever its file format: every path of its space with the
 * accuracies of its real trainings, its size and its depth, in path-index order. Decoders (decoders.ts)
 * turn each benchmark's packed asset into this; everything downstream reads only this.
 */
import type { BenchmarkId } from '../../config/benchmarks';

/** The benchmark's numbers for every path, in path-index order (pathAt numbering). */
export interface TruthTable {
  /** Its entry in the table of benchmarks (config/benchmarks.ts). */
  benchmark: BenchmarkId;
  layers: number;
  numOps: number;
  /** Layers whose op 0 (the Identity) still ends with a BN (a strided 1x1 conv + BN): the structural baseline counts them. */
  bnIdentityLayers: readonly number[];
  /** Number of networks, numOps^layers. */
  count: number;
  /** count x runs test accuracies (%), network i's runs at runs*i..runs*i+runs-1; exact 2-decimal values. */
  runs: Float64Array;
  /** Mean test accuracy (%) of the runs; networks with equal sums of runs are exactly equal. */
  mean: Float64Array;
  /** Population standard deviation (divisor runs, numpy's default) of the runs (%), as the table's std. */
  sd: Float64Array;
  /** Parameter count. */
  params: Float64Array;
  /** FLOPs (multiply-adds) at the benchmark's width. */
  flops: Float64Array;
  /** Number of non-Identity layers (0..layers). */
  depth: Uint8Array;
}
