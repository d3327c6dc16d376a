/** Top-k over all paths, the exact best under a budget (Pareto DP), evolutionary search. No tfjs. */
export * from './budget';
export * from './evolution';
export * from './rank';
export * from './search';
