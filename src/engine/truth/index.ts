/** Benchmark tables (one decoder each, decoders.ts) and how a ranking compares with them. No tfjs: the page imports it too. */
export * from './budget';
export * from './decoders';
export * from './groundTruth';
export * from './nbmacro';
export * from './scoreParts';
export * from './table';
