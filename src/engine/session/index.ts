/** One run's state and its sequence, shared by the worker and the CLI: datasets with identity, runs, retrains, exports. */
export * from './analytics';
export * from './datasets';
export * from './events';
export * from './experiment';
export * from './imported';
export * from './progress';
export * from './session';
export * from './truth';
export * from './proxySample';
