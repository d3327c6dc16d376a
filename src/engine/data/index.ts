/** Datasets: generated, CIFAR-10 binary, tar and tar.gz, the built-in images; the seeded train/val split. */
export * from './archive';
export * from './builtin';
export * from './cifar10';
export * from './dataset';
export * from './generated';
export * from './prepare';
export * from './tar';
