/** Supernet training (BN-only or full SPOS), one shared training step, retraining, SPOS evaluation and the BN-NAS vs SPOS comparison. */
export * from './compare';
export * from './diverged';
export * from './retrain';
export * from './retrainSeeds';
export * from './spos';
export * from './step';
export * from './train';
