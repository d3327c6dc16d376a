/** The store's shape, slice by slice (zustand docs: one file per slice, actions beside their state). */
import type { StateCreator } from 'zustand';
import type { Config } from '../../config';
import type { EpochReport } from '../../engine/train';
import type { RankedRow } from '../../engine/search';
import type { BackendInfo } from '../../worker/backend';
import type { DataSummary, ProgressEvent, RetrainOutcome, RetrainProgress, RunSummary, TruthView } from '../../worker/events';

export type { RunSummary };
import type { ProxySample, TruthEpoch } from '../../engine/session';
import type { CifarSource } from '../../worker/loaders';
import type { Panel, ViewFlags } from '../view';
import type { ImportedInfo } from '../imported';

export type RunStatus = 'idle' | 'starting' | 'training' | 'paused' | 'done' | 'stopped' | 'error';

export interface ConfigSlice {
  config: Config;
  warnings: string[];
  setConfig(patch: Partial<Config>): void;
  replaceConfig(config: Config, warnings?: string[]): void;
  addWarnings(warnings: string[]): void;
  dismissWarnings(): void;
}

export interface RunSlice {
  status: RunStatus;
  backend: BackendInfo | null;
  /** The dataset of the current config, once loaded (generated, built-in or the user's). */
  data: DataSummary | null;
  progress: ProgressEvent | null;
  epochs: EpochReport[];
  /** Mode 'both': the SPOS supernet's epochs, as they finish. */
  sposEpochs: Omit<EpochReport, 'scores'>[];
  /** Kendall tau of each epoch's ranking vs the latest epoch's (the final one once the run is done). */
  stability: { epoch: number; kendall: number }[];
  /** The ranking streamed while a run trains; the finished run's is `result.search.top` (read both through `shownTop`). */
  liveTop: RankedRow[];
  /** On a benchmark space: each epoch's ranking against the truth, as epochs finish. */
  truthEpochs: TruthEpoch[];
  result: RunSummary | null;
  error: string | null;
  /** A one-line notice that is not a failure (e.g. a run refused while a retrain works); dismissable. */
  notice: string | null;
  dismissNotice(): void;
  /** Epoch shown in the heatmap (1-based); null follows the latest. */
  heatmapEpoch: number | null;
  selectedPath: string | null;
  /** The config the current or last run was started with (the live config may have changed since). */
  runConfig: Config | null;
  /** When the shown results were restored from IndexedDB: the time they were saved. */
  restoredAt: string | null;
  /** When the shown run was opened from a report trained elsewhere (PyTorch): where it trained, and the file. */
  imported: ImportedInfo | null;
  /** Wall-clock seconds of the last run, start to finish (pauses included). */
  wallSeconds: number | null;
  setHeatmapEpoch(epoch: number | null): void;
  selectPath(path: string | null): void;
}

export interface DataSlice {
  /** The user's CIFAR-10, once loaded into the worker. */
  cifar: DataSummary | null;
  dataStatus: 'idle' | 'loading' | 'error';
  dataProgress: { loaded: number; total: number | null } | null;
  dataError: string | null;
  /** The benchmark table of the run's space (its TruthView: the page's copy), loaded with the first run on that space. */
  benchmarkTable: TruthView | null;
  /** Why the benchmark table could not be loaded (a missing, hung or damaged asset); the runs go on without it. */
  benchmarkError: string | null;
  dismissDataError(): void;
}

export interface RetrainSlice {
  /** Paths waiting to be retrained, with their BN scores. */
  queue: { path: string; score: number }[];
  retrainStatus: 'idle' | 'running' | 'error';
  retrainProgress: RetrainProgress | null;
  retrainError: string | null;
  /** The zero-cost proxies on a sampled set of paths against its benchmark's truth, once scored. */
  proxySample: ProxySample | null;
  proxySampleProgress: { done: number; total: number } | null;
  /** Finished retrains of the current run, in order. */
  retrained: RetrainOutcome[];
  enqueue(entry: { path: string; score: number }): void;
  /** Queues several paths, skipping those already queued. */
  enqueueMany(entries: { path: string; score: number }[]): void;
  dequeue(path: string): void;
}

export interface ViewSlice {
  view: ViewFlags;
  controlsOpen: boolean;
  setView(patch: Partial<ViewFlags>): void;
  togglePanel(panel: Panel): void;
  setControlsOpen(open: boolean): void;
}

/** The multi-step flows (flows/, composed in orchestrate.ts): the only place that sequences worker calls, data, model and UI. */
export interface FlowSlice {
  run(opts?: { start?: 'run' | 'step' }): Promise<void>;
  pause(): void;
  resume(): void;
  stepEpoch(): void;
  stop(): void;
  reset(): void;
  /** Shows the run saved for the current config and data, if any (on page load). */
  restore(): Promise<void>;
  /** Loads CIFAR-10 from files or a URL into the worker; the loaded set stays on failure. */
  loadCifar(source: CifarSource): Promise<void>;
  /** Cancels a CIFAR-10 load in progress (a URL's download); the data loaded before stays. */
  cancelDataLoad(): void;
  enqueueSpread(count: number): Promise<void>;
  retrainQueue(): Promise<void>;
  stopRetrain(): void;
  /** A subnet retrained in this session as a TF.js Layers model (model.json and its weights file). */
  exportTfjs(path: string): Promise<{ modelJson: string; weightsBin: ArrayBuffer; weightsFileName: string } | null>;
  /** On a benchmark space: score `count` sampled paths with the zero-cost proxies and rank each against the truth. */
  scoreProxySample(count: number): Promise<void>;
  /** Stops the zero-cost proxy sample in progress (it also stops with its run: Run, Stop, Reset, another link). */
  stopProxySample(): void;
  /**
   * Shows a report trained elsewhere (the exported PyTorch project's report.json) as a finished run, its
   * config in the config panel; a damaged file is a one-line notice and what was shown stays.
   */
  openReport(file: { name: string; text: string }): Promise<void>;
  /** A subnet as a PyTorch file (generated in the worker: the exporter is engine code). */
  /** The subnet `path` of the run as a PyTorch file; on NAS-Bench-Macro at `meta.width` (default the run's width). */
  exportPytorch(path: string, meta: { score: number; accuracy?: number; width?: number }): Promise<string | null>;
}

export type Store = ConfigSlice & RunSlice & DataSlice & RetrainSlice & ViewSlice & FlowSlice;
export type Slice<T> = StateCreator<Store, [], [], T>;
