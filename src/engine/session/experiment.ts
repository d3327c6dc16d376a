/**
 * One BN-NAS experiment from a Config: build the space and supernet, train
 * (analysing each epoch once), then (mode 'both') the SPOS baseline, and
 * search the final scores. The session runs it for the worker and the CLI;
 * returns plain numbers only.
 */
import type { Config } from '../../config/schema';
import type { TrainData } from '../data';
import { createSupernet, disposeSupernet, scopeOf, trainableParamCount } from '../nn';
import { searchPaths, type SearchResult } from '../search';
import { applyIdentityRule, createRng, spaceOf, supernetParams } from '../space';
import {
  compareWithSpos,
  type CompareHooks,
  type Comparison,
  SupernetTrainer,
  trainSupernet,
  type EpochReport,
  type TrainHooks,
  type TrainSettings,
} from '../train';
import { analyzeEpoch, type EpochAnalytics } from './analytics';
import type { TruthTable } from '../truth';
import { truthFor, type GroundTruth, type TruthEpoch } from './truth';

export interface SupernetSummary {
  mode: Config['mode'];
  epochs: number;
  steps: number;
  seconds: number;
  imagesPerSecond: number;
  trainableParams: number;
  totalParams: number;
  finalLoss: number;
  /** The last epoch's validation accuracy (0..1; mean of the fixed evaluation paths), null without validation images. */
  valAccuracy: number | null;
}

export interface ExperimentResult {
  supernet: SupernetSummary;
  epochs: EpochReport[];
  /** The final score matrix under the config's Identity rule: what ranks the paths. */
  scores: number[][];
  /** The final gamma matrix (mean |gamma| of each op's last BN, 0 where an op has none), before the Identity rule. */
  gammas: number[][];
  /** Each epoch's gamma matrix, before the Identity rule (apply it with applyIdentityRule to rank). */
  scoresByEpoch: number[][][];
  /** Kendall tau of each epoch's path ranking vs the final epoch's (the last is 1). */
  stability: { epoch: number; kendall: number }[];
  search: SearchResult;
  /** Mode 'both': the SPOS baseline trained and evaluated after BN-NAS, side by side. */
  comparison?: Comparison;
  /** On a benchmark space (with its table): every ranking of the run against the truth. */
  groundTruth?: GroundTruth;
}

/** BN-NAS training hooks, plus (mode 'both') the SPOS stage's: its steering (signal, gate) is shared. */
export interface ExperimentHooks extends Omit<TrainHooks, 'onEpoch'> {
  /** After each BN-NAS epoch, with the analytics computed once for it (stability, top-k). */
  onEpoch?(report: EpochReport, analytics: EpochAnalytics): void | Promise<void>;
  spos?: Omit<CompareHooks, 'train'> & Pick<TrainHooks, 'onStep' | 'onEpoch'> & { onStart?(): void };
}

/** The BN-NAS supernet's training settings as `config` gives them (the PyTorch cross-check builds its trainer from these too). */
export function supernetSettings(config: Config): TrainSettings {
  return {
    epochs: config.epochs,
    batch: config.batch,
    lr: config.lr,
    opt: config.opt,
    scope: scopeOf(config),
    weightDecay: config.wd,
    augment: config.aug === 'cropflip',
    clipNorm: config.clip,
  };
}

/** Trains the supernet of `config` on `data` and searches its final scores. */
export async function runExperiment(config: Config, data: TrainData, hooks: ExperimentHooks = {}, table?: TruthTable | null): Promise<ExperimentResult> {
  const space = spaceOf(config);
  const truth = truthFor(table, space);
  const truthByEpoch: TruthEpoch[] = [];
  const rng = createRng(config.seed);
  if (config.mode === 'both' && data.val.count === 0) {
    throw new Error(
      config.val > 0
        ? `mode 'both' ranks subnets by validation accuracy, but no validation images are left: the data has only ${data.train.count} images and training takes them all (n=${config.n}, val=${config.val}); lower n or load more images`
        : "mode 'both' ranks subnets by validation accuracy: set val above 0",
    );
  }
  const net = createSupernet(space, rng.fork('init'));
  const trainer = new SupernetTrainer(net, data, supernetSettings(config), rng.fork('train'));
  try {
    const { spos, onEpoch, ...trainHooks } = hooks;
    const scoresByEpoch: number[][][] = [];
    let analytics: EpochAnalytics | null = null;
    const trained = await trainSupernet(trainer, {
      ...trainHooks,
      onEpoch: async (report) => {
        scoresByEpoch.push(report.scores);
        analytics = analyzeEpoch(space, scoresByEpoch, config, truth, report.valAccuracy);
        if (analytics.truth) truthByEpoch.push(analytics.truth);
        await onEpoch?.(report, analytics);
      },
    });
    const gammas = scoresByEpoch[scoresByEpoch.length - 1]!;
    const scores = applyIdentityRule(gammas, space, config.idscore);
    let comparison: Comparison | undefined;
    if (config.mode === 'both') {
      // Free the BN-NAS supernet's optimizer state first: the SPOS one holds every weight's.
      trainer.dispose();
      spos?.onStart?.();
      comparison = await compareWithSpos(
        config,
        space,
        data,
        { train: trained, scoresByEpoch: scoresByEpoch.map((g) => applyIdentityRule(g, space, config.idscore)) },
        rng,
        {
          train: { signal: hooks.signal, gate: hooks.gate, onStep: spos?.onStep, onEpoch: spos?.onEpoch },
          onEvaluate: spos?.onEvaluate,
        },
      );
    }
    const search = searchPaths(space, scores, config);
    const groundTruth = truth?.final(gammas, config.idscore, search, truthByEpoch, config.seed, comparison);
    if (truth) search.top = truth.annotate(search.top);
    return {
      comparison,
      ...(groundTruth ? { groundTruth } : {}),
      supernet: {
        mode: config.mode,
        epochs: trained.epochs.length,
        steps: trained.steps,
        seconds: trained.seconds,
        imagesPerSecond: trained.imagesPerSecond,
        trainableParams: trainableParamCount(net, scopeOf(config)),
        totalParams: supernetParams(space),
        finalLoss: trained.epochs[trained.epochs.length - 1]!.loss,
        valAccuracy: trained.epochs[trained.epochs.length - 1]!.valAccuracy,
      },
      epochs: trained.epochs,
      scores,
      gammas,
      scoresByEpoch,
      // The last epoch's analytics are the final ones: nothing is computed twice.
      stability: analytics!.stability,
      search,
    };
  } finally {
    trainer.dispose();
    disposeSupernet(net);
  }
}
