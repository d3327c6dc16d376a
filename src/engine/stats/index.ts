/** Rank correlations, ranking stability, spread over the ranking, the proxy leaderboard. No tfjs. */
export * from './gamma';
export * from './leaderboard';
export * from './metrics';
export * from './proxyNames';
export * from './spread';
export * from './stability';
export * from './chance';
export * from './noiseBand';
export * from './retrainEta';
