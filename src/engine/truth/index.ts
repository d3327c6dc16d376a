/** Benchmark tables (NAS-Bench-Macro) and how a ranking compares with them. No tfjs: the page imports it too. */
export * from './budget';
export * from './groundTruth';
export * from './nbmacro';
export * from './scoreParts';
