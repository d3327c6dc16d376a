/** How the worker and the CLI steer and hear the session's long calls (a run, a retrain queue, a proxy sample). */
import type { RetrainOutcome, RetrainProgress, RunEvent } from './events';

/** Steering and reporting of one long call; each call has its own. */
export interface CallHooks {
  signal?: AbortSignal;
  /** Awaited before every step (pause holds here). */
  gate?(): Promise<void>;
}

export interface RunHooks extends CallHooks {
  /** `urgent`: an epoch end or a stage change, which a throttle must let through. */
  onEvent?(event: RunEvent, urgent: boolean): void;
  /** After each epoch of either supernet (single-epoch stepping pauses here). */
  onEpochEnd?(): void;
  /** Dataset-size warnings of the split (e.g. fewer images than asked for). */
  onWarnings?(warnings: string[]): void;
}

export interface RetrainSettings {
  epochs: number;
  lr: number;
  seeds: number;
}

/** What the PyTorch export writes beside the network: its BN score, its accuracy if known, the width to build it at. */
export interface PytorchMeta {
  score: number;
  accuracy?: number;
  width?: number;
}

export interface RetrainHooks extends CallHooks {
  onProgress?(p: RetrainProgress, urgent: boolean): void;
  onOutcome?(o: RetrainOutcome): void;
}
