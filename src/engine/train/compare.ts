/**
 * BN-NAS vs SPOS on the same data and seed (mode 'both'). After the BN-only
 * supernet, a full-SPOS supernet (every weight trains) runs for `sposx` times
 * as many epochs (the paper: 10 times, 100 vs 10). A uniform sample of subnets is
 * then evaluated SPOS's way (BN recalibration, validation accuracy) at BN-NAS's
 * epoch budget and at the end, and its ranking is set against the BN score's.
 * Every time and speedup here is measured in this run, side by side.
 */
import type { Config } from '../../config/schema';
import { type Path, pathCost, pathKey, pathScore, type Rng, samplePaths, type ScoreMatrix, type SearchSpace } from '../space';
import { kendallTauB, spearmanRho } from '../stats';
import { sposEvaluate } from './spos';
import { createSupernet, disposeSupernet } from '../nn';
import { SupernetTrainer, trainSupernet, TrainingAborted, type EpochReport, type TrainData, type TrainHooks, type TrainResult } from './train';

export interface SupernetTiming {
  epochs: number;
  steps: number;
  /** Compute seconds of training (steps and epoch ends; pauses and SPOS evaluations excluded). */
  seconds: number;
  secondsPerEpoch: number;
  imagesPerSecond: number;
}

export interface ComparedSubnet {
  path: string;
  ops: string[];
  bnScore: number;
  flops: number;
  params: number;
  /** SPOS validation accuracy at each checkpoint (same order as `checkpoints`). */
  sposAccuracy: number[];
}

export interface SposCheckpoint {
  /** SPOS supernet epoch the sample was evaluated at. */
  epoch: number;
  /** Rank agreement of the BN score (final) with this checkpoint's SPOS accuracy, over the sample. */
  kendall: number;
  spearman: number;
  /** Wall seconds to evaluate the whole sample. */
  evalSeconds: number;
}

export interface Comparison {
  bn: SupernetTiming;
  spos: SupernetTiming & { lr: number; epochReports: Omit<EpochReport, 'scores'>[] };
  sample: ComparedSubnet[];
  /** At BN-NAS's epoch budget (when SPOS trains longer) and at the end. */
  checkpoints: SposCheckpoint[];
  /** Kendall tau of the BN score after each BN-NAS epoch vs the final SPOS accuracy: how soon BN-NAS agrees with SPOS. */
  bnEpochsVsSpos: { epoch: number; kendall: number }[];
  /** Kendall tau of SPOS at BN-NAS's epoch budget vs SPOS at the end (null when they are the same epoch). */
  sposShortVsFinal: number | null;
  evaluation: { bnSecondsPerSubnet: number; sposSecondsPerSubnet: number };
  /** Measured ratios, SPOS / BN-NAS. */
  speedup: { trainPerEpoch: number; trainTotal: number; evaluation: number };
}

export interface CompareHooks {
  /** Steps and epochs of the SPOS supernet; `signal` and `gate` steer it as they steer BN-NAS. */
  train?: TrainHooks;
  /** Subnets evaluated so far at the checkpoint of SPOS epoch `epoch`. */
  onEvaluate?(done: number, total: number, epoch: number): void;
}

export function timingOf(t: TrainResult): SupernetTiming {
  const epochs = t.epochs.length;
  return { epochs, steps: t.steps, seconds: t.seconds, secondsPerEpoch: t.seconds / Math.max(epochs, 1), imagesPerSecond: t.imagesPerSecond };
}

/** Seconds to score one subnet from the score matrix (a sum of L numbers), timed over many repeats. */
export function bnSecondsPerSubnet(scores: ScoreMatrix, paths: readonly Path[]): number {
  let n = 0,
    sink = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < 20) {
    for (let r = 0; r < 200; r++)
      for (const p of paths) {
        sink += pathScore(scores, p);
        n++;
      }
    elapsed = performance.now() - t0;
  }
  // `sink` keeps the loop from being optimised away.
  return sink === Infinity ? NaN : elapsed / 1000 / n;
}

/**
 * Trains the SPOS supernet for `config.epochs * config.sposx` epochs from the
 * same init and data order as BN-NAS, evaluates the sample, and compares.
 * `bn` is the finished BN-NAS run: its timing and its scores after every epoch.
 * `data.val` must hold images (runExperiment refuses mode 'both' without, before any training).
 */
export async function compareWithSpos(
  config: Config,
  space: SearchSpace,
  data: TrainData,
  bn: { train: TrainResult; scoresByEpoch: ScoreMatrix[] },
  rng: Rng,
  hooks: CompareHooks = {},
): Promise<Comparison> {
  const finalScores = bn.scoresByEpoch[bn.scoresByEpoch.length - 1]!;
  const paths = samplePaths(space.layers.length, space.ops.length, config.sposn, rng.fork('compare-sample'));
  const sposEpochs = config.epochs * config.sposx;
  // Same init and data order as the BN-NAS supernet: only what trains differs.
  const net = createSupernet(space, rng.fork('init'));
  const trainer = new SupernetTrainer(
    net,
    data,
    {
      epochs: sposEpochs,
      batch: config.batch,
      lr: config.sposlr,
      opt: 'sgd',
      scope: { mode: 'full', bnscope: 'all', head: 'train' },
      who: "the SPOS supernet's",
      lrKey: 'sposlr',
    },
    rng.fork('train'),
  );
  const accuracies: number[][] = paths.map(() => []);
  const checkpoints: SposCheckpoint[] = [];
  const evaluate = async (epoch: number) => {
    const t0 = performance.now();
    for (let i = 0; i < paths.length; i++) {
      if (hooks.train?.signal?.aborted) throw new TrainingAborted();
      await hooks.train?.gate?.();
      const r = await sposEvaluate(net, paths[i]!, data.train, data.val, data.stats, { batch: config.batch });
      accuracies[i]!.push(r.accuracy);
      hooks.onEvaluate?.(i + 1, paths.length, epoch);
    }
    const acc = accuracies.map((a) => a[a.length - 1]!);
    const bnScores = paths.map((p) => pathScore(finalScores, p));
    checkpoints.push({ epoch, kendall: kendallTauB(bnScores, acc), spearman: spearmanRho(bnScores, acc), evalSeconds: (performance.now() - t0) / 1000 });
  };
  try {
    const trained = await trainSupernet(trainer, {
      ...hooks.train,
      onEpoch: async (report) => {
        await hooks.train?.onEpoch?.(report);
        if (report.epoch === config.epochs && sposEpochs > config.epochs) await evaluate(report.epoch);
      },
    });
    await evaluate(sposEpochs);
    const final = accuracies.map((a) => a[a.length - 1]!);
    const bnTiming = timingOf(bn.train),
      sposTiming = timingOf(trained);
    const last = checkpoints[checkpoints.length - 1]!;
    const sposPerSubnet = last.evalSeconds / paths.length;
    const bnPerSubnet = bnSecondsPerSubnet(finalScores, paths);
    return {
      bn: bnTiming,
      spos: { ...sposTiming, lr: config.sposlr, epochReports: trained.epochs.map(({ scores: _scores, ...rest }) => rest) },
      sample: paths.map((p, i) => {
        const cost = pathCost(space, p);
        return {
          path: pathKey(p),
          ops: p.map((k) => space.ops[k]!),
          bnScore: pathScore(finalScores, p),
          flops: cost.flops,
          params: cost.params,
          sposAccuracy: accuracies[i]!,
        };
      }),
      checkpoints,
      bnEpochsVsSpos: bn.scoresByEpoch.map((scores, e) => ({
        epoch: e + 1,
        kendall: kendallTauB(
          paths.map((p) => pathScore(scores, p)),
          final,
        ),
      })),
      sposShortVsFinal:
        checkpoints.length > 1
          ? kendallTauB(
              accuracies.map((a) => a[0]!),
              final,
            )
          : null,
      evaluation: { bnSecondsPerSubnet: bnPerSubnet, sposSecondsPerSubnet: sposPerSubnet },
      speedup: {
        trainPerEpoch: sposTiming.secondsPerEpoch / bnTiming.secondsPerEpoch,
        trainTotal: sposTiming.seconds / bnTiming.seconds,
        evaluation: sposPerSubnet / bnPerSubnet,
      },
    };
  } finally {
    trainer.dispose();
    disposeSupernet(net);
  }
}
