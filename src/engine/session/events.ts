/** What a session tells its adapter while it works: plain, serialisable numbers (they cross the worker boundary as they are). */
import type { Comparison, EpochReport } from '../train';
import type { RankedRow, SearchResult } from '../search';
import type { ProxyScores } from '../stats';
import type { ExperimentResult } from './experiment';
import type { TruthEpoch } from './truth';

export type RunPhase = 'training' | 'paused' | 'done' | 'stopped' | 'error';

export interface RunEvent {
  phase: RunPhase;
  /** Which supernet the step and epoch fields count: BN-NAS's, or (mode 'both') SPOS's training or its subnet evaluation. */
  stage: 'bn' | 'spos' | 'spos-eval';
  /** Stage 'spos-eval': subnets evaluated so far at the checkpoint of SPOS epoch `epoch`. */
  evaluated?: { done: number; total: number; epoch: number };
  step: number;
  totalSteps: number;
  /** Completed epochs. */
  epoch: number;
  epochs: number;
  stepInEpoch: number;
  stepsPerEpoch: number;
  loss: number | null;
  accuracy: number | null;
  imagesPerSecond: number | null;
  etaSeconds: number | null;
  /** Present on the event that closes an epoch. */
  epochReport?: EpochReport;
  /** Present on the event that closes an epoch of the SPOS supernet (mode 'both'). */
  sposEpochReport?: Omit<EpochReport, 'scores'>;
  /** Kendall tau of each epoch's path ranking vs the latest epoch's (on the event that closes an epoch). */
  stability?: { epoch: number; kendall: number }[];
  /** Top paths under the latest scores. */
  top?: RankedRow[];
  /** On a benchmark space: this epoch's ranking against the truth. */
  truth?: TruthEpoch;
}

/*
 * A run's result, one type per stage it passes, each derived from the one before:
 * - ExperimentResult (experiment.ts): what training and search produce (the CLI reports it);
 * - RunResult: that, with where it ran (backend) and on which images (dataId): what the worker answers;
 * - RunSummary: RunResult without the per-epoch series, which the store keeps beside it, once;
 * - SavedRun (state/savedRunSchema.ts): the IndexedDB record, a RunSummary with its config, series and retrains.
 */

/** A finished run: the experiment's result, the dataset it trained on and the backend it ran on. */
export interface RunResult extends ExperimentResult {
  backend: string;
  /** Identity of the dataset (see DataInfo.id): a saved run is shown only beside the same data. */
  dataId: string;
}

/** A finished run without the series the page keeps beside it (epochs, stability, scores by epoch). */
export type RunSummary = Omit<RunResult, 'epochs' | 'stability' | 'scoresByEpoch'>;

export interface DataSummary {
  /** Identity of the images: 'generated:<count>:<seed>', 'builtin:<checksum>' or 'cifar10:<content hash>'. */
  id: string;
  source: string;
  count: number;
  classNames: string[];
  histogram: number[];
  /** A few images per class for the sample grid: NHWC bytes, 32x32x3 each, with their labels. */
  samples: { images: Uint8Array; labels: number[] };
}

export interface RetrainProgress {
  /** Index in the queue and the path being retrained. */
  index: number;
  count: number;
  path: string;
  /** Which retrain seed of this subnet runs (0-based), of how many. */
  seed: number;
  seeds: number;
  step: number;
  totalSteps: number;
  epoch: number;
  epochs: number;
  loss: number | null;
  /** Validation accuracy per finished epoch of this subnet. */
  curve: number[];
  etaSeconds: number | null;
}

export interface RetrainOutcome {
  path: string;
  ops: string[];
  score: number;
  /** Mean validation accuracy over the seeds; `accuracies` holds each seed's. */
  accuracy: number;
  accuracies: number[];
  epochs: number;
  seconds: number;
  /** Validation accuracy per epoch, averaged over the seeds. */
  curve: number[];
  flops: number;
  params: number;
  /** Cheap proxies of this subnet (zero-cost ones at its seed-0 init), for the leaderboard. */
  proxies: ProxyScores;
}

export type { Comparison, SearchResult };
