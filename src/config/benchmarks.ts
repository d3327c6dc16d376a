/**
 * THE table of benchmarks: the tables of really trained networks a space's rankings are checked against.
 * A space's entry (spaces.ts) names its benchmark; the page, the worker and the CLI read the asset, its
 * limits, its credit and its prose from here, and the engine's decoder registry (engine/truth/decoders.ts)
 * reads its bytes. Adding a benchmark = one entry here, its decoder there, and its asset under public/.
 */

/** What one benchmark is, for the page, the worker and the CLI. */
export interface BenchmarkInfo {
  /** The asset beside the page (public/), as packed for the decoder. */
  file: string;
  /** Bytes at most: a larger file is a wrong or tampered asset, refused before it is buffered. */
  maxBytes: number;
  /** The license file beside the asset (public/), shipped with it. */
  license: string;
  /** Its SPDX name. */
  licenseName: string;
  citation: string;
  /** Short credit for the page's footer. */
  credit: string;
  /** How its networks were trained, after its name: "NAS-Bench-Macro trained every network …". */
  trainedHow: string;
  /** The dataset its accuracies are on. */
  dataset: string;
  /** How to restore or rebuild the asset (the CLI's error line for a missing or damaged one). */
  rebuild: string;
}

export const BENCHMARK_TABLE = {
  'NAS-Bench-Macro': {
    file: 'nas-bench-macro.bin',
    // The table is 92 KB.
    maxBytes: 4e6,
    license: 'nas-bench-macro.LICENSE.txt',
    licenseName: 'Apache-2.0',
    citation: 'X. Su, T. Huang, Y. Li, S. You, F. Wang, C. Qian, C. Zhang, C. Xu, Prioritized Architecture Sampling with Monte-Carlo Tree Search, CVPR 2021',
    credit: 'X. Su et al., CVPR 2021',
    trainedHow: 'trained every network of this space 3 times for 50 epochs on the full CIFAR-10',
    dataset: 'CIFAR-10',
    rebuild: 'restore it with `git checkout public/nas-bench-macro.bin` or rebuild it with npx tsx scripts/pack-nbmacro.ts',
  },
} as const satisfies Record<string, BenchmarkInfo>;

/** A benchmark's name, as its table (TruthTable.benchmark) and the space's entry write it. */
export type BenchmarkId = keyof typeof BENCHMARK_TABLE;

export function benchmarkInfo(id: BenchmarkId): BenchmarkInfo {
  return BENCHMARK_TABLE[id];
}
