/**
 * The worker's side of the boundary: the engine session exposed through
 * comlink. It brings what only a worker has (the backend, fetch, transfer,
 * throttling to ~10 events/s) and a cancellation handle per long call; the
 * session does the rest. The UI imports only this object's type.
 */
import * as Comlink from 'comlink';
import { ASSET_STALL_MS, benchmarkInfo, BUILTIN_CIFAR10, type BenchmarkId, type Config } from '../config';
import { parseCifar10 } from '../engine/data';
import { baselinesOf, decodeTruthTable, trivialPickOf } from '../engine/truth';
import {
  openImported,
  parseImportedReport,
  Session,
  startEvent,
  type DataSummary,
  type ProxySample,
  type PytorchMeta,
  type RetrainOutcome,
  type RetrainProgress,
  type RetrainSettings,
  type RunResult,
} from '../engine/session';
import { backendSelected, initBackend, memory, type BackendInfo } from './backend';
import { controlled, steer, throttle, type StartMode } from './control';
import type { CallId, ControlAction, DataSpec, ImportedView, ProgressEvent, TruthView } from './events';
import { readCifarSource, readUrl, type ByteProgress } from './loaders';

/** An asset shipped beside the page: a wrong size or a silent server is named, never waited on for good. */
const assetLimits = (asset: { file: string; maxBytes: number }) => ({
  maxBytes: asset.maxBytes,
  stallMs: ASSET_STALL_MS,
  expected: `the shipped ${asset.file} is far smaller (a wrong or damaged file is served)`,
});

/** Progress events per second at most (epoch ends and phase changes always go through). */
const INTERVAL_MS = 100;

const session = new Session();
const withSamples = (s: DataSummary) => Comlink.transfer(s, [s.samples.images.buffer as ArrayBuffer]);

export const engineApi = {
  /** Selects and probes a backend; the same wish returns the same selection, a new one waits for any selection in flight. */
  init: (wanted: Config['backend']): Promise<BackendInfo> => initBackend(wanted),

  /**
   * Loads a dataset into the session, reporting bytes read; on failure or cancel (call 'data') the previous
   * one stays loaded. The built-in images (read once) and a URL are read within size and stall limits.
   */
  async loadData(spec: DataSpec, onProgress?: ByteProgress): Promise<DataSummary> {
    if (spec.kind === 'generated') return withSamples(session.generated(spec.count, spec.seed));
    const report = throttle((p: { loaded: number; total: number | null }) => onProgress?.(p.loaded, p.total), INTERVAL_MS);
    const progress: ByteProgress = (loaded, total) => report({ loaded, total }, loaded === total);
    if (spec.kind === 'builtin') return withSamples(await session.builtin(() => readUrl(spec.url, assetLimits(BUILTIN_CIFAR10), progress)));
    return controlled('data', 'run', undefined, async (ctl) =>
      withSamples(session.addDataset('cifar10', parseCifar10(await readCifarSource(spec.source, progress, ctl.abort.signal)))),
    );
  },

  /** Loads benchmark `id`'s table (read once per worker) that runs on its space are checked against; returns what the page draws. */
  async loadBenchmark(id: BenchmarkId, url: string): Promise<TruthView> {
    const t = session.table(id) ?? decodeTruthTable(id, await readUrl(url, assetLimits(benchmarkInfo(id)), () => {}));
    session.addTable(t);
    const view: TruthView = {
      benchmark: t.benchmark,
      layers: t.layers,
      numOps: t.numOps,
      count: t.count,
      baselines: baselinesOf(t),
      trivialPick: trivialPickOf(t),
      mean: t.mean.slice(),
      sd: t.sd.slice(),
      depth: t.depth.slice(),
      params: t.params.slice(),
      flops: t.flops.slice(),
    };
    return Comlink.transfer(view, [view.mean.buffer, view.sd.buffer, view.depth.buffer, view.params.buffer, view.flops.buffer]);
  },

  /** Trains the supernet of `config`, reporting progress; resolves with the final scores and search. */
  async train(config: Config, onProgress: (e: ProgressEvent) => void, opts: { start?: StartMode; call?: CallId } = {}): Promise<RunResult> {
    const info = await initBackend(config.backend);
    const send = throttle(onProgress, INTERVAL_MS);
    let last: ProgressEvent | null = null;
    return controlled(
      opts.call ?? 'run',
      opts.start ?? 'run',
      (paused) => {
        if (last) onProgress({ ...last, phase: paused ? 'paused' : 'training', memory: memory() });
      },
      async (ctl) => {
        try {
          return await session.run(
            config,
            {
              signal: ctl.abort.signal,
              gate: ctl.gate,
              onEvent: (e, urgent) => {
                last = { ...e, memory: memory() };
                send(last, urgent);
              },
              onEpochEnd: () => ctl.epochEnded(),
              onWarnings: (warnings) => send({ ...(last ?? startEvent(config)), warnings, memory: memory() }, true),
            },
            info.name,
          );
        } catch (e) {
          if (last) onProgress({ ...last, phase: ctl.abort.signal.aborted ? 'stopped' : 'error', memory: memory() });
          throw e;
        }
      },
    );
  },

  /** Retrains each path from scratch on the run's data (its own cancellation handle, 'retrain' by default). */
  async retrain(
    config: Config,
    paths: { path: string; score: number }[],
    settings: RetrainSettings,
    onProgress: (p: RetrainProgress) => void,
    onDone: (o: RetrainOutcome) => void,
    opts: { dataId?: string; call?: CallId } = {},
  ): Promise<RetrainOutcome[]> {
    await initBackend(config.backend);
    const send = throttle(onProgress, INTERVAL_MS);
    return controlled(opts.call ?? 'retrain', 'run', undefined, (ctl) =>
      session.retrain(
        config,
        paths,
        settings,
        {
          signal: ctl.abort.signal,
          gate: ctl.gate,
          onProgress: send,
          onOutcome: onDone,
        },
        { dataId: opts.dataId },
      ),
    );
  },

  /** Zero-cost proxies of a seeded sample of paths against the benchmark table (own cancellation handle, 'proxies'). */
  async proxySample(
    config: Config,
    scores: number[][],
    count: number,
    onProgress: (done: number, total: number) => void,
    dataId?: string,
  ): Promise<ProxySample> {
    await initBackend(config.backend);
    const send = throttle((p: [number, number]) => onProgress(p[0], p[1]), INTERVAL_MS);
    return controlled('proxies', 'run', undefined, (ctl) =>
      session.proxySample(
        config,
        scores,
        count,
        {
          signal: ctl.abort.signal,
          gate: ctl.gate,
          onProgress: (done, total) => send([done, total], done === total),
        },
        dataId,
      ),
    );
  },

  /** A subnet retrained in this session as a TensorFlow.js Layers model (model.json and its weights file). */
  async exportTfjs(config: Config, key: string, dataId?: string): Promise<{ modelJson: string; weightsBin: ArrayBuffer; weightsFileName: string }> {
    const out = await session.exportTfjs(config, key, dataId);
    return Comlink.transfer(out, [out.weightsBin]);
  },

  /** A subnet as a self-contained PyTorch module with its CIFAR-10 training script; on a space with a width, at `meta.width` (default the run's). */
  exportPytorch: (config: Config, key: string, meta: PytorchMeta): string => session.exportPytorch(config, key, meta),

  /** A report's config, once the report reads as one (else the ImportError's one line). */
  readReport: (text: string): Config => parseImportedReport(text).config,
  /** A report trained elsewhere (PyTorch's report.json, the CLI's --json) analysed here, where the benchmark table is held (the page calls loadBenchmark first on its space). */
  openReport: (text: string): ImportedView => openImported(text, (space) => session.tableFor(space)),

  /** Answered between steps: the page's watchdog hears the worker is alive. */
  ping: () => Date.now(),
  /** What a restart of this worker would free (its memory) and lose (retrained weights kept for export). */
  footprint: () => ({ memory: backendSelected() ? memory() : null, keptWeights: session.keptWeights }),
  search: (config: Config, scores: number[][]) => session.search(config, scores),

  /** Steers one long call: pause, resume, one epoch then pause, or stop. A call that has ended ignores it. */
  control: (call: CallId, action: ControlAction): void => steer(call, action),
};

export type EngineApi = typeof engineApi;
