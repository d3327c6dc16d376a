/**
 * A retrain queue: each path retrained from scratch (all weights, augmentation, cosine LR) once per seed and
 * scored with the cheap proxies, with progress and an ETA timed per part and weighed by each subnet's FLOPs.
 */
import type { Config } from '../../config';
import type { TrainData } from '../data';
import type { SubnetWeights } from '../nn';
import { describePath, parsePathKey, spaceOf } from '../space';
import { RetrainEta, retrainStepSecondsModel, STEP_OVER_FORWARD } from '../stats';
import { retrainWithSeeds } from '../train';
import type { RetrainOutcome, RetrainProgress } from './events';
import type { RetrainHooks, RetrainSettings } from './hooks';

/** Retrains `paths` of `config`'s space on `data`; `keep` receives each subnet's seed-0 weights and accuracy. */
export async function retrainQueue(
  config: Config,
  data: TrainData,
  paths: readonly { path: string; score: number }[],
  settings: RetrainSettings,
  hooks: RetrainHooks,
  keep: (key: string, weights: SubnetWeights, accuracy: number) => void,
): Promise<RetrainOutcome[]> {
  const space = spaceOf(config);
  const seeds = Math.max(1, Math.round(settings.seeds));
  const outcomes: RetrainOutcome[] = [];
  const parsed = paths.map(({ path: key }) => {
    const path = parsePathKey(key, space.layers.length, space.ops.length);
    if (!path) throw new Error(`path '${key}' does not fit this search space`);
    return path;
  });
  // Timed per part (steps, validation passes, each run's start), each subnet weighed by its FLOPs: see stats/retrainEta.ts.
  const eta = new RetrainEta(
    parsed.map((path) => describePath(space, path).flops),
    (flops) => retrainStepSecondsModel(flops, config.batch),
    seeds,
    settings.epochs,
    data.val.count / config.batch / STEP_OVER_FORWARD,
    performance.now(),
  );
  for (let i = 0; i < paths.length; i++) {
    const { path: key, score } = paths[i]!;
    const path = parsed[i]!;
    const result = await retrainWithSeeds(
      space,
      path,
      key,
      data,
      { epochs: settings.epochs, batch: config.batch, lr: settings.lr, keepWeights: true },
      config.seed,
      seeds,
      (seed) => {
        const curve: number[] = [];
        let last: RetrainProgress = {
          index: i,
          count: paths.length,
          path: key,
          seed,
          seeds,
          step: 0,
          totalSteps: 0,
          epoch: 0,
          epochs: settings.epochs,
          loss: null,
          curve,
          etaSeconds: null,
        };
        const left = () => eta.secondsLeft({ index: i, seed, step: last.step, totalSteps: last.totalSteps, epochsDone: curve.length });
        return {
          signal: hooks.signal,
          gate: hooks.gate,
          onStep: (step, total, loss) => {
            eta.onStep(performance.now(), i, seed, step);
            last = { ...last, step, totalSteps: total, loss };
            last = { ...last, etaSeconds: left() };
            hooks.onProgress?.(last, false);
          },
          onEpoch: (e) => {
            eta.onEpoch(performance.now());
            curve.push(e.valAccuracy);
            last = { ...last, epoch: e.epoch, curve: [...curve] };
            last = { ...last, etaSeconds: left() };
            hooks.onProgress?.(last, true);
          },
        };
      },
    );
    if (result.weights) keep(key, result.weights, result.accuracies[0]!);
    const { path: _key, ...row } = describePath(space, path);
    const outcome: RetrainOutcome = {
      path: key,
      ...row,
      score,
      accuracy: result.accuracy,
      accuracies: result.accuracies,
      epochs: settings.epochs,
      seconds: result.seconds,
      curve: result.curve,
      proxies: result.proxies,
    };
    outcomes.push(outcome);
    hooks.onOutcome?.(outcome);
  }
  return outcomes;
}
