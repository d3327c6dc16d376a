/**
 * One subnet retrained with several seeds, and its zero-cost proxies: the unit
 * the worker's retrain queue and the CLI's `--retrain` share, so both retrain
 * (and seed) identically.
 */
import type { ChannelStats, Dataset } from '../data';
import type { SubnetWeights } from '../export';
import { meanAndSd } from '../stats';
import { createRng, type Path, type Rng, type SearchSpace } from '../space';
import { zeroCostProxies, type ProxyScores } from '../proxies';
import { retrainPath, type RetrainEpoch, type RetrainSettings } from './retrain';

/** Seed 0 keeps the stream of single-seed retrains, so asking for more seeds never changes the first accuracy. */
export function retrainRng(seed: number, pathKey: string, index: number): Rng {
  return createRng(seed).fork(index === 0 ? `retrain:${pathKey}` : `retrain:${pathKey}:seed${index}`);
}

export interface SeededRetrain {
  /** Validation accuracy of each seed's retrain, and their mean. */
  accuracies: number[];
  accuracy: number;
  /** Validation accuracy per epoch, averaged over the seeds. */
  curve: number[];
  proxies: ProxyScores;
  /** Wall seconds, proxies and every seed included. */
  seconds: number;
  /** Seed 0's trained weights, when settings.keepWeights. */
  weights?: SubnetWeights;
}

type RetrainHooks = NonNullable<Parameters<typeof retrainPath>[5]>;

/**
 * Scores `path` with the zero-cost proxies at its seed-0 init, then retrains it
 * from scratch once per seed; `hooks(seed)` gives each retrain its progress hooks.
 */
export async function retrainWithSeeds(
  space: SearchSpace,
  path: Path,
  key: string,
  data: { train: Dataset; val: Dataset; stats: ChannelStats },
  settings: RetrainSettings,
  configSeed: number,
  seeds: number,
  hooks: (seed: number) => RetrainHooks = () => ({}),
): Promise<SeededRetrain> {
  const t0 = performance.now();
  const proxies = await zeroCostProxies(space, path, data.train, data.stats, retrainRng(configSeed, key, 0).fork('proxies'));
  const accuracies: number[] = [];
  const curves: RetrainEpoch[][] = [];
  let weights: SubnetWeights | undefined;
  for (let s = 0; s < seeds; s++) {
    const result = await retrainPath(
      space,
      path,
      data,
      { ...settings, keepWeights: settings.keepWeights === true && s === 0 },
      retrainRng(configSeed, key, s),
      hooks(s),
    );
    accuracies.push(result.accuracy);
    curves.push(result.epochs);
    weights ??= result.weights;
  }
  return {
    accuracies,
    accuracy: meanAndSd(accuracies).mean,
    curve: curves[0]!.map((_, e) => meanAndSd(curves.map((c) => c[e]!.valAccuracy)).mean),
    proxies,
    seconds: (performance.now() - t0) / 1000,
    ...(weights ? { weights } : {}),
  };
}
