/** The worker boundary's message types: the session's plain events, plus what only the worker adds. */
import type { BenchmarkId, Config } from '../config';
import type { RunEvent, RunResult, TrainedWith, TruthEpoch } from '../engine/session';
import type { GroundTruthReport } from '../engine/truth';
import type { CifarSource } from './loaders';

export type { DataSummary, RetrainOutcome, RetrainProgress, RunPhase, RunResult, RunSummary } from '../engine/session';

/** A session event as the page receives it: with the worker's tensor count and bytes, and (once) the split's warnings. */
export interface ProgressEvent extends RunEvent {
  memory: EngineMemory;
  /** Dataset-size warnings of the split, on the first event of a run that has any. */
  warnings?: string[];
}

/**
 * The worker's tensors, and the WASM backend's linear memory: WebAssembly memory grows to a run's
 * peak and never shrinks, so after a heavy run it stays allocated until the worker is restarted.
 */
export interface EngineMemory {
  numTensors: number;
  numBytes: number;
  /** Bytes of the WASM backend's heap; null on other backends (their memory is freed with the tensors). */
  heapBytes: number | null;
}

export type DataSpec = { kind: 'generated'; count: number; seed: number } | { kind: 'builtin'; url: string } | { kind: 'cifar10'; source: CifarSource };

/** Which long call a control message steers: the supernet run and the retrain queue each have their own. */
export type CallId = 'run' | 'retrain' | 'proxies' | 'data';
export type ControlAction = 'pause' | 'resume' | 'step' | 'stop';

/** The benchmark table as the page draws it (index = path index, layer 0 most significant): accuracies in percent. */
export interface TruthView {
  benchmark: BenchmarkId;
  /** Its shape: layers x ops (count = numOps^layers). */
  layers: number;
  numOps: number;
  count: number;
  /** Trivial predictors against the truth (Kendall, Spearman, within depth): what a proxy must beat. */
  baselines: GroundTruthReport['baselines'];
  /** The network the trivial rule picks (the most non-Identity layers, then the most FLOPs), with its truth. */
  trivialPick: GroundTruthReport['trivialPick'];
  mean: Float64Array;
  sd: Float64Array;
  /** Non-Identity layers of each path. */
  depth: Uint8Array;
  /** At width 1, as the benchmark counts them. */
  params: Float64Array;
  flops: Float64Array;
}

/** A report trained elsewhere (the PyTorch project's report.json), analysed in the worker as a finished run. */
export interface ImportedView {
  config: Config;
  trainedWith: TrainedWith;
  result: RunResult;
  /** Each epoch's ranking against the truth, as a run's progress events bring them (empty off the benchmark). */
  truthEpochs: TruthEpoch[];
}
