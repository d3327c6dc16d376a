/** Search spaces, paths, op structure and exact FLOPs/params; seeded path sampling. No tfjs. */
export * from './cost';
export * from './describe';
export * from './identityRule';
export * from './nbmacro';
export * from './opSpec';
export * from './path';
export * from './registry';
export * from './rng';
export * from './sample';
export * from './space';
