/** The seeded random stream of one retrain, shared by the worker and the CLI so both retrain identically. */
import { createRng, type Rng } from './rng';

/** Seed 0 keeps the stream of single-seed retrains, so asking for more seeds never changes the first accuracy. */
export function retrainRng(seed: number, pathKey: string, index: number): Rng {
  return createRng(seed).fork(index === 0 ? `retrain:${pathKey}` : `retrain:${pathKey}:seed${index}`);
}
