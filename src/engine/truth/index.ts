/** Benchmark tables (NAS-Bench-Macro) and how a ranking compares with them. */
export * from './groundTruth';
export * from './nbmacro';
export * from './scoreParts';
