/** tfjs building blocks: init, BatchNorm, candidate ops, the supernet and subnets, the optimizer, portable gradients, backends. */
export * from './backend';
export * from './batchnorm';
export * from './gradients';
export * from './init';
export * from './ops';
export * from './optimizer';
export * from './supernet';
export * from './wasmBackend';
export * from './weights';
