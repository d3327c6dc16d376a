/**
 * One session of the playground: the datasets (with identity), the benchmark
 * tables, the retrain weights cache, and the sequence of a run (a retrain queue
 * is retrainQueue.ts, the exports subnetExports.ts). The worker and the CLI are thin adapters over it: they bring
 * bytes, a backend and cancellation (signal + gate); the session brings
 * everything else and reports plain events.
 */
import type { BenchmarkId, Config } from '../../config';
import { decodeBuiltinCifar10, prepareData, type Dataset, type TrainData } from '../data';
import { searchPaths, type SearchResult } from '../search';
import { applyIdentityRule, benchmarkOf, spaceOf, type SearchSpace } from '../space';
import type { StepReport } from '../train';
import type { TruthTable } from '../truth';
import { DataRegistry, summarize, type DataKind } from './datasets';
import type { DataSummary, RetrainOutcome, RunEvent, RunResult } from './events';
import { runExperiment } from './experiment';
import type { CallHooks, PytorchMeta, RetrainHooks, RetrainSettings, RunHooks } from './hooks';
import { RateMeter, StagePlan } from './progress';
import { proxySampleVsTruth, type ProxySample } from './proxySample';
import { retrainQueue } from './retrainQueue';
import { RetrainedWeights, subnetPytorch } from './subnetExports';
import { hasTruth, truthFor, type RankingReport } from './truth';

export type { CallHooks, PytorchMeta, RetrainHooks, RetrainSettings, RunHooks } from './hooks';

/** A finished run ranked again (Session.search, after a search key changed): plain numbers. */
export interface Reranked {
  scores: number[][];
  search: SearchResult;
  groundTruth?: RankingReport;
}

/** A run's event before its first step. */
export function startEvent(config: Config): RunEvent {
  return {
    phase: 'training',
    stage: 'bn',
    step: 0,
    totalSteps: 0,
    epoch: 0,
    epochs: config.epochs,
    stepInEpoch: 0,
    stepsPerEpoch: 0,
    loss: null,
    accuracy: null,
    imagesPerSecond: null,
    etaSeconds: null,
  };
}

export class Session {
  readonly data = new DataRegistry();
  /** Seed-0 trained weights of this session's retrains, for the TF.js export. */
  private readonly weights = new RetrainedWeights();
  /** The benchmark tables loaded so far, by benchmark: runs on a benchmark's space are checked against its table. */
  private readonly tables = new Map<BenchmarkId, TruthTable>();

  /** Keeps a benchmark's table (replacing one held for the same benchmark). */
  addTable(table: TruthTable): void {
    this.tables.set(table.benchmark, table);
  }

  /** The table of benchmark `id`, if held. */
  table(id: BenchmarkId): TruthTable | null {
    return this.tables.get(id) ?? null;
  }

  /** The table that checks `space`'s rankings, if its space has a benchmark and its table is held. */
  tableFor(space: SearchSpace): TruthTable | null {
    const id = benchmarkOf(space);
    return id ? this.table(id) : null;
  }

  /** How many retrained subnets' weights this session holds for export (lost if the session ends). */
  get keptWeights(): number {
    return this.weights.count;
  }

  /** Keeps a loaded set (the user's CIFAR-10 or the built-in images) and summarises it. */
  addDataset(kind: DataKind, dataset: Dataset): DataSummary {
    return summarize(this.data.add(kind, dataset), dataset);
  }

  /** The built-in images, decoded once per session: `read` fetches their bytes only when none are held yet. */
  async builtin(read: () => Promise<Uint8Array>): Promise<DataSummary> {
    const current = this.data.current('builtin');
    return this.addDataset('builtin', current ? current.dataset : await decodeBuiltinCifar10(await read()));
  }

  /** The generated set of a config, built now, summarised. */
  generated(count: number, seed: number): DataSummary {
    const { id, dataset } = this.data.generatedSet(count, seed);
    return summarize(id, dataset);
  }

  /** The seeded train/val split a config trains on, and the identity of its images. */
  split(config: Config, dataId?: string): { id: string; dataset: Dataset; data: TrainData; warnings: string[] } {
    const { id, dataset } = this.data.resolve(config, dataId);
    const { data, warnings } = prepareData(dataset, config);
    return { id, dataset, data, warnings };
  }

  /** Trains the supernet of `config`, reporting events; resolves with the final scores and search. */
  async run(config: Config, hooks: RunHooks = {}, backend = 'unknown'): Promise<RunResult> {
    const { id, data, warnings } = this.split(config);
    if (warnings.length) hooks.onWarnings?.(warnings);
    const emit = hooks.onEvent ?? (() => {});
    const meter = new RateMeter();
    const images = Math.min(config.batch, data.train.count);
    let last = startEvent(config);
    // One step handler for both supernets (mode 'both'): rates and ETA restart with each stage.
    // Mode 'both': the ETA covers every stage still to come, estimated from what this run has measured so far.
    const plan = new StagePlan(config);
    const onStep = (r: StepReport) => {
      const { perSecond, etaSeconds } = meter.step(images, r.totalSteps - r.step);
      const stage = last.stage === 'spos' ? 'spos' : 'bn';
      plan.stepTime(stage, meter.secondsPerStep, r.stepsPerEpoch);
      last = {
        ...last,
        step: r.step,
        totalSteps: r.totalSteps,
        epoch: r.epoch,
        stepInEpoch: r.stepInEpoch,
        stepsPerEpoch: r.stepsPerEpoch,
        loss: r.loss,
        accuracy: r.accuracy,
        imagesPerSecond: perSecond,
        etaSeconds: etaSeconds + plan.after(stage),
      };
      emit(last, false);
    };
    const closeEpoch = (extra: Partial<RunEvent>, epoch: number) => {
      last = { ...last, epoch };
      emit({ ...last, ...extra }, true);
      hooks.onEpochEnd?.();
      meter.skip();
    };
    const result = await runExperiment(
      config,
      data,
      {
        signal: hooks.signal,
        gate: hooks.gate,
        onStep,
        onEpoch: (report, a) => closeEpoch({ epochReport: report, stability: a.stability, top: a.top, ...(a.truth ? { truth: a.truth } : {}) }, report.epoch),
        spos: {
          onStart: () => {
            meter.restart();
            last = {
              ...last,
              stage: 'spos',
              step: 0,
              totalSteps: 0,
              epoch: 0,
              epochs: config.epochs * config.sposx,
              stepInEpoch: 0,
              loss: null,
              accuracy: null,
              imagesPerSecond: null,
              etaSeconds: null,
            };
            emit(last, true);
          },
          onStep: (r) => {
            if (last.stage !== 'spos') last = { ...last, stage: 'spos', evaluated: undefined };
            onStep(r);
          },
          onEpoch: (report) => {
            const { scores: _scores, ...rest } = report;
            closeEpoch({ sposEpochReport: rest }, report.epoch);
          },
          onEvaluate: (done, total, epoch) => {
            plan.evaluated(done, total, epoch);
            last = { ...last, stage: 'spos-eval', evaluated: { done, total, epoch }, etaSeconds: plan.evaluationLeft() };
            emit(last, done === total);
            meter.skip();
          },
        },
      },
      this.tableFor(spaceOf(config)),
    );
    emit({ ...last, phase: 'done', etaSeconds: 0 }, true);
    return { ...result, backend, dataId: id };
  }

  /**
   * The ranking again from a run's final gammas, e.g. after a budget, top-k or the Identity rule changed:
   * the scores under the config's rule, the search (well under a millisecond) and, on a benchmark space,
   * the report against the truth (about 0.1 s).
   */
  search(config: Config, gammas: number[][]): Reranked {
    const space = spaceOf(config);
    const scores = applyIdentityRule(gammas, space, config.idscore);
    const search = searchPaths(space, scores, config);
    const ctx = truthFor(this.tableFor(space), space);
    if (!ctx) return { scores, search };
    search.top = ctx.annotate(search.top);
    return { scores, search, groundTruth: ctx.report(gammas, config.idscore, search, config.seed) };
  }

  /** On a benchmark space: `count` seeded sampled paths scored by every zero-cost proxy, each against the truth. */
  async proxySample(
    config: Config,
    scores: number[][],
    count: number,
    hooks: CallHooks & { onProgress?(done: number, total: number): void } = {},
    dataId?: string,
  ): Promise<ProxySample> {
    const space = spaceOf(config);
    const table = this.tableFor(space);
    if (!hasTruth(table, space))
      throw new Error(`the zero-cost sample is checked against a benchmark's table: ${benchmarkOf(space) ? 'its table is not loaded' : 'this space has none'}`);
    return proxySampleVsTruth(config, this.split(config, dataId).data, table, scores, count, hooks);
  }

  /**
   * Retrains each path from scratch on the split of `config` (all weights,
   * augmentation, cosine LR), once per seed, and scores it with the cheap
   * proxies; `evalData` replaces the validation split when given. Seed 0's weights are kept for export.
   */
  async retrain(
    config: Config,
    paths: readonly { path: string; score: number }[],
    settings: RetrainSettings,
    hooks: RetrainHooks = {},
    opts: { dataId?: string; evalData?: Dataset } = {},
  ): Promise<RetrainOutcome[]> {
    const { id, data: split } = this.split(config, opts.dataId);
    const data = opts.evalData ? { ...split, val: opts.evalData } : split;
    return retrainQueue(config, data, paths, settings, hooks, (key, weights, accuracy) => this.weights.keep(config, id, key, weights, accuracy));
  }

  /** A subnet retrained in this session (its seed-0 weights) as a TensorFlow.js Layers model: model.json and its weights file. */
  exportTfjs(config: Config, key: string, dataId?: string): Promise<{ modelJson: string; weightsBin: ArrayBuffer; weightsFileName: string }> {
    const { id, dataset, data } = this.split(config, dataId);
    return this.weights.exportTfjs(config, id, key, data.stats, dataset.classNames);
  }

  /** A subnet as a self-contained PyTorch module with its CIFAR-10 training script; on a space with a width, at `meta.width` (default the run's). */
  exportPytorch(config: Config, key: string, meta: PytorchMeta): string {
    return subnetPytorch(config, key, meta);
  }
}
