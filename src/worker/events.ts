/** What the worker tells the UI while a run goes on: plain, serialisable numbers. */
import type { EpochReport } from '../engine/train';
import type { ExperimentResult, RankedRow } from '../engine/experiment';
import type { ProxyScores } from '../engine/proxyNames';
import type { CifarSource } from './loaders';

export type RunPhase = 'training' | 'paused' | 'searching' | 'done' | 'stopped' | 'error';

export interface ProgressEvent {
  phase: RunPhase;
  /** Which supernet the step and epoch fields count: BN-NAS's, or (mode 'both') SPOS's training or its subnet evaluation. */
  stage: 'bn' | 'spos' | 'spos-eval';
  /** Stage 'spos-eval': subnets evaluated so far at the checkpoint of SPOS epoch `epoch`. */
  evaluated?: { done: number; total: number; epoch: number };
  step: number; totalSteps: number;
  /** Completed epochs. */
  epoch: number; epochs: number;
  stepInEpoch: number; stepsPerEpoch: number;
  loss: number | null; accuracy: number | null;
  imagesPerSecond: number | null;
  etaSeconds: number | null;
  /** Present on the event that closes an epoch. */
  epochReport?: EpochReport;
  /** Present on the event that closes an epoch of the SPOS supernet (mode 'both'). */
  sposEpochReport?: Omit<EpochReport, 'scores'>;
  /** Kendall tau of each epoch's path ranking vs the latest epoch's. */
  stability?: { epoch: number; kendallVsLatest: number }[];
  /** Top paths under the latest scores. */
  top?: RankedRow[];
  memory: { numTensors: number; numBytes: number };
}

/** A finished run: the engine's experiment result and the backend it ran on. */
export interface RunResult extends ExperimentResult {
  backend: string;
}

export interface DataSummary {
  source: string;
  count: number;
  classNames: string[];
  histogram: number[];
  /** A few images per class for the sample grid: NHWC bytes, 32x32x3 each, with their labels. */
  samples: { images: Uint8Array; labels: number[] };
}

export type DataSpec =
  | { kind: 'generated'; count: number; seed: number }
  | { kind: 'cifar10'; source: CifarSource };

export interface RetrainProgress {
  /** Index in the queue and the path being retrained. */
  index: number; count: number; path: string;
  /** Which retrain seed of this subnet runs (0-based), of how many. */
  seed: number; seeds: number;
  step: number; totalSteps: number;
  epoch: number; epochs: number;
  loss: number | null;
  /** Validation accuracy per finished epoch of this subnet. */
  curve: number[];
  etaSeconds: number | null;
}

export interface RetrainOutcome {
  path: string; ops: string[]; score: number;
  /** Mean validation accuracy over the seeds; `accuracies` holds each seed's. */
  accuracy: number; accuracies: number[];
  epochs: number; seconds: number;
  /** Validation accuracy per epoch, averaged over the seeds. */
  curve: number[]; flops: number; params: number;
  /** Cheap proxies of this subnet (zero-cost ones at its seed-0 init), for the leaderboard. */
  proxies: ProxyScores;
}
