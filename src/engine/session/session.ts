/**
 * One session of the playground: the datasets (with identity), the last run's
 * data split, the retrain weights cache, and the sequence of a run and of a
 * retrain queue. The worker and the CLI are thin adapters over it: they bring
 * bytes, a backend and cancellation (signal + gate); the session brings
 * everything else and reports plain events.
 */
import { runIdentity, usesKey, type BenchmarkId, type Config } from '../../config';
import { decodeBuiltinCifar10, prepareData, type Dataset, type TrainData } from '../data';
import { exportLayersModel, pytorchSource, toLayersModel } from '../export';
import type { SubnetWeights } from '../nn';
import { searchPaths, type SearchResult } from '../search';
import { applyIdentityRule, benchmarkOf, describePath, parsePathKey, spaceOf, type SearchSpace } from '../space';
import { RetrainEta, retrainStepSecondsModel, STEP_OVER_FORWARD } from '../stats';
import { retrainWithSeeds, type StepReport } from '../train';
import type { TruthTable } from '../truth';

/** A finished run ranked again (Session.search): plain numbers. */
export interface Research { scores: number[][]; search: SearchResult; groundTruth?: RankingReport }
import { hasTruth, truthFor, type RankingReport } from './truth';
import { proxySampleVsTruth, type ProxySample } from './proxySample';
import { DataRegistry, summarize, type DataKind } from './datasets';
import type { DataSummary, RetrainOutcome, RetrainProgress, RunEvent, RunResult } from './events';
import { runExperiment } from './experiment';
import { RateMeter, StagePlan } from './progress';

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

export interface RetrainSettings { epochs: number; lr: number; seeds: number }

/** What the PyTorch export writes beside the network: its BN score, its accuracy if known, the width to build it at. */
export interface PytorchMeta { score: number; accuracy?: number; width?: number }

export interface RetrainHooks extends CallHooks {
  onProgress?(p: RetrainProgress, urgent: boolean): void;
  onOutcome?(o: RetrainOutcome): void;
}

/** A run's event before its first step. */
export function startEvent(config: Config): RunEvent {
  return {
    phase: 'training', stage: 'bn', step: 0, totalSteps: 0, epoch: 0, epochs: config.epochs, stepInEpoch: 0, stepsPerEpoch: 0,
    loss: null, accuracy: null, imagesPerSecond: null, etaSeconds: null,
  };
}

export class Session {
  readonly data = new DataRegistry();
  /** Seed-0 trained weights of this session's retrains, for the TF.js export. */
  private readonly weights = new Map<string, { weights: SubnetWeights; accuracy: number }>();
  /** The benchmark tables loaded so far, by benchmark: runs on a benchmark's space are checked against its table. */
  private readonly tables = new Map<BenchmarkId, TruthTable>();

  /** Keeps a benchmark's table (replacing one held for the same benchmark). */
  addTable(table: TruthTable): void { this.tables.set(table.benchmark, table); }

  /** The table of benchmark `id`, if held. */
  table(id: BenchmarkId): TruthTable | null { return this.tables.get(id) ?? null; }

  /** The table that checks `space`'s rankings, if its space has a benchmark and its table is held. */
  tableFor(space: SearchSpace): TruthTable | null {
    const id = benchmarkOf(space);
    return id ? this.table(id) : null;
  }

  /** How many retrained subnets' weights this session holds for export (lost if the session ends). */
  get keptWeights(): number { return this.weights.size; }

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
        ...last, step: r.step, totalSteps: r.totalSteps, epoch: r.epoch, stepInEpoch: r.stepInEpoch, stepsPerEpoch: r.stepsPerEpoch,
        loss: r.loss, accuracy: r.accuracy, imagesPerSecond: perSecond, etaSeconds: etaSeconds + plan.after(stage),
      };
      emit(last, false);
    };
    const closeEpoch = (extra: Partial<RunEvent>, epoch: number) => {
      last = { ...last, epoch };
      emit({ ...last, ...extra }, true);
      hooks.onEpochEnd?.();
      meter.skip();
    };
    const result = await runExperiment(config, data, {
      signal: hooks.signal, gate: hooks.gate, onStep,
      onEpoch: (report, a) => closeEpoch({ epochReport: report, stability: a.stability, top: a.top, ...(a.truth ? { truth: a.truth } : {}) }, report.epoch),
      spos: {
        onStart: () => {
          meter.restart();
          last = { ...last, stage: 'spos', step: 0, totalSteps: 0, epoch: 0, epochs: config.epochs * config.sposx, stepInEpoch: 0, loss: null, accuracy: null, imagesPerSecond: null, etaSeconds: null };
          emit(last, true);
        },
        onStep: (r) => { if (last.stage !== 'spos') last = { ...last, stage: 'spos', evaluated: undefined }; onStep(r); },
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
    }, this.tableFor(spaceOf(config)));
    emit({ ...last, phase: 'done', etaSeconds: 0 }, true);
    return { ...result, backend, dataId: id };
  }

  /**
   * The ranking again from a run's final gammas, e.g. after a budget, top-k or the Identity rule changed:
   * the scores under the config's rule, the search (well under a millisecond) and, on a benchmark space,
   * the report against the truth (about 0.1 s).
   */
  search(config: Config, gammas: number[][]): Research {
    const space = spaceOf(config);
    const scores = applyIdentityRule(gammas, space, config.idscore);
    const search = searchPaths(space, scores, config);
    const ctx = truthFor(this.tableFor(space), space);
    if (!ctx) return { scores, search };
    search.top = ctx.annotate(search.top);
    return { scores, search, groundTruth: ctx.report(gammas, config.idscore, search, config.seed) };
  }

  /** On a benchmark space: `count` seeded sampled paths scored by every zero-cost proxy, each against the truth. */
  async proxySample(config: Config, scores: number[][], count: number, hooks: CallHooks & { onProgress?(done: number, total: number): void } = {}, dataId?: string): Promise<ProxySample> {
    const space = spaceOf(config);
    const table = this.tableFor(space);
    if (!hasTruth(table, space)) throw new Error(`the zero-cost sample is checked against a benchmark's table: ${benchmarkOf(space) ? 'its table is not loaded' : 'this space has none'}`);
    return proxySampleVsTruth(config, this.split(config, dataId).data, table, scores, count, hooks);
  }

  /**
   * Retrains each path from scratch on the split of `config` (all weights,
   * augmentation, cosine LR), once per seed, and scores it with the cheap
   * proxies; `evalData` replaces the validation split when given.
   */
  async retrain(
    config: Config, paths: readonly { path: string; score: number }[], settings: RetrainSettings,
    hooks: RetrainHooks = {}, opts: { dataId?: string; evalData?: Dataset } = {},
  ): Promise<RetrainOutcome[]> {
    const { id, data: split } = this.split(config, opts.dataId);
    const data = opts.evalData ? { ...split, val: opts.evalData } : split;
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
      parsed.map((path) => describePath(space, path).flops), (flops) => retrainStepSecondsModel(flops, config.batch), seeds, settings.epochs,
      data.val.count / config.batch / STEP_OVER_FORWARD, performance.now(),
    );
    for (let i = 0; i < paths.length; i++) {
      const { path: key, score } = paths[i]!;
      const path = parsed[i]!;
      const result = await retrainWithSeeds(space, path, key, data, { epochs: settings.epochs, batch: config.batch, lr: settings.lr, keepWeights: true }, config.seed, seeds, (seed) => {
        const curve: number[] = [];
        let last: RetrainProgress = { index: i, count: paths.length, path: key, seed, seeds, step: 0, totalSteps: 0, epoch: 0, epochs: settings.epochs, loss: null, curve, etaSeconds: null };
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
      });
      if (result.weights) this.weights.set(weightsKey(config, id, key), { weights: result.weights, accuracy: result.accuracies[0]! });
      const { path: _key, ...row } = describePath(space, path);
      const outcome: RetrainOutcome = {
        path: key, ...row, score,
        accuracy: result.accuracy, accuracies: result.accuracies, epochs: settings.epochs, seconds: result.seconds,
        curve: result.curve, proxies: result.proxies,
      };
      outcomes.push(outcome);
      hooks.onOutcome?.(outcome);
    }
    return outcomes;
  }

  /** A subnet retrained in this session (its seed-0 weights) as a TensorFlow.js Layers model: model.json and its weights file. */
  async exportTfjs(config: Config, key: string, dataId?: string): Promise<{ modelJson: string; weightsBin: ArrayBuffer; weightsFileName: string }> {
    const { id, dataset, data } = this.split(config, dataId);
    const kept = this.weights.get(weightsKey(config, id, key));
    if (!kept) throw new Error(`no trained weights for ${key} in this session: retrain it (weights are kept until the page reloads)`);
    const space = spaceOf(config);
    const path = parsePathKey(key, space.layers.length, space.ops.length)!;
    const model = toLayersModel(space, path, kept.weights);
    try {
      return await exportLayersModel(model, {
        space, path, stats: data.stats, classNames: dataset.classNames, accuracy: kept.accuracy, weightsFileName: `subnet-${key}.weights.bin`,
      });
    } finally {
      model.dispose();
    }
  }

  /** A subnet as a self-contained PyTorch module with its CIFAR-10 training script; on NAS-Bench-Macro at `meta.width` (default the run's). */
  exportPytorch(config: Config, key: string, meta: PytorchMeta): string {
    const width = usesKey(config.space, 'width') ? meta.width ?? config.width : undefined;
    const space = spaceOf(width === undefined ? config : { ...config, width });
    const path = parsePathKey(key, space.layers.length, space.ops.length);
    if (!path) throw new Error(`path '${key}' does not fit this search space`);
    const row = describePath(space, path);
    return pytorchSource(space, path, {
      path: key, score: meta.score, accuracy: meta.accuracy, flops: row.flops, params: row.params,
      width, runWidth: usesKey(config.space, 'width') ? config.width : undefined,
    });
  }
}

const weightsKey = (config: Config, dataId: string, path: string) => `${runIdentity(config)}|${dataId}|${path}`;
