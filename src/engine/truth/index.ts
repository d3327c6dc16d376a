/**
 * Benchmark tables (one decoder each, decoders.ts) and how a ranking compares with them. No tfjs: the page imports it too.
 * The words, one meaning each:
 * - the truth: a network's accuracy as its benchmark measured it (trained for real);
 * - TruthTable: a benchmark's table decoded (table.ts); TruthView (worker/events.ts): the page's copy, the store's
 *   `benchmarkTable`; TruthContext (session/truth.ts): a table bound to the run's space;
 * - GroundTruth: a finished run's report against its table; TruthEpoch: one epoch's, `truthEpochs` in the store.
 */
export * from './budget';
export * from './decoders';
export * from './groundTruth';
export * from './nbmacro';
export * from './scoreParts';
export * from './table';
