/**
 * The worker's side of the boundary: the engine session exposed through
 * comlink. It brings what only a worker has (the backend, fetch, transfer,
 * throttling to ~10 events/s) and a cancellation handle per long call; the
 * session does the rest. The UI imports only this object's type.
 */
import * as tf from '@tensorflow/tfjs';
import * as Comlink from 'comlink';
import { ASSET_STALL_MS, BUILTIN_CIFAR10, knownDataId, NBMACRO_TABLE, usesKey, type Config } from '../config';
import { decodeBuiltinCifar10, parseCifar10 } from '../engine/data';
import { baselinesOf, parseNbMacroTable, trivialPickOf } from '../engine/truth';
import { pytorchSource } from '../engine/export';
import { analyzeImportedRun, parseImportedReport, Session, type DataSummary, type ProxySample, type RetrainOutcome, type RetrainProgress, type RetrainSettings, type RunResult } from '../engine/session';
import { describePath, parsePathKey, spaceOf } from '../engine/space';
import { selectBrowserBackend, type BackendInfo } from './backend';
import { RunControl, throttle, type StartMode } from './control';
import type { CallId, ControlAction, DataSpec, EngineMemory, ImportedView, ProgressEvent, TruthView } from './events';
import { readCifarSource, readUrl, type ByteProgress } from './loaders';

/** An asset shipped beside the page: a wrong size or a silent server is named, never waited on for good. */
const assetLimits = (asset: { file: string; maxBytes: number }) =>
  ({ maxBytes: asset.maxBytes, stallMs: ASSET_STALL_MS, expected: `the shipped ${asset.file} is far smaller (a wrong or damaged file is served)` });

/** Progress events per second at most (epoch ends and phase changes always go through). */
const INTERVAL_MS = 100;

const session = new Session();
/** One control per long call in flight, so a supernet run and a retrain never stop each other. */
const calls = new Map<CallId, RunControl>();
/** Backend selection is one serialised operation: a second wish waits for the first, the same wish shares it. */
let backend: { wish: Config['backend']; ready: Promise<BackendInfo> } | null = null;
/** The backend running, once one is selected: until then tf.memory() would itself start a backend. */
let selected: string | null = null;

/** The WASM heap's size, when WASM runs (the module's HEAPU8 spans all of its linear memory). */
const heapBytes = (): number | null => {
  if (selected !== 'wasm') return null;
  const heap = (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }).wasm?.HEAPU8;
  return heap ? heap.byteLength : null;
};
const memory = (): EngineMemory => { const m = tf.memory(); return { numTensors: m.numTensors, numBytes: m.numBytes, heapBytes: heapBytes() }; };
const withSamples = (s: DataSummary) => Comlink.transfer(s, [s.samples.images.buffer as ArrayBuffer]);

async function controlled<T>(id: CallId, start: StartMode, onPause: ((paused: boolean) => void) | undefined, body: (ctl: RunControl) => Promise<T>): Promise<T> {
  calls.get(id)?.stop();
  const ctl = new RunControl(start, onPause);
  calls.set(id, ctl);
  try { return await body(ctl); } finally { if (calls.get(id) === ctl) calls.delete(id); }
}

export const engineApi = {
  /** Selects and probes a backend; the same wish returns the same selection, a new one waits for any selection in flight. */
  init(wanted: Config['backend']): Promise<BackendInfo> {
    if (backend?.wish !== wanted) {
      const before = backend?.ready.catch(() => null) ?? Promise.resolve(null);
      backend = { wish: wanted, ready: before.then(() => selectBrowserBackend(wanted)).then((info) => { selected = info.name; return info; }) };
    }
    return backend.ready;
  },

  /**
   * Loads a dataset into the session, reporting bytes read; on failure or cancel (call 'data') the previous
   * one stays loaded. The built-in images and a URL are read within size and stall limits.
   */
  async loadData(spec: DataSpec, onProgress?: ByteProgress): Promise<DataSummary> {
    if (spec.kind === 'generated') return withSamples(session.generated(spec.count, spec.seed));
    const report = throttle((p: { loaded: number; total: number | null }) => onProgress?.(p.loaded, p.total), INTERVAL_MS);
    const progress: ByteProgress = (loaded, total) => report({ loaded, total }, loaded === total);
    if (spec.kind === 'builtin') {
      const current = session.data.current('builtin');
      const summary = current ? session.addDataset('builtin', current.dataset)
        : session.addDataset('builtin', await decodeBuiltinCifar10(await readUrl(spec.url, assetLimits(BUILTIN_CIFAR10), progress)));
      return withSamples(summary);
    }
    return controlled('data', 'run', undefined, async (ctl) =>
      withSamples(session.addDataset('cifar10', parseCifar10(await readCifarSource(spec.source, progress, ctl.abort.signal)))));
  },

  /** Loads the benchmark table (NAS-Bench-Macro) that runs on its space are checked against; returns what the page draws. */
  async loadTruth(url: string): Promise<TruthView> {
    session.truth ??= parseNbMacroTable(await readUrl(url, assetLimits(NBMACRO_TABLE), () => {}));
    const t = session.truth;
    const view: TruthView = { benchmark: t.benchmark, count: t.count, baselines: baselinesOf(t), trivialPick: trivialPickOf(t), mean: t.mean.slice(), sd: t.sd.slice(), depth: t.depth.slice(), params: t.params.slice(), flops: t.flops.slice() };
    return Comlink.transfer(view, [view.mean.buffer, view.sd.buffer, view.depth.buffer, view.params.buffer, view.flops.buffer]);
  },

  /** Trains the supernet of `config`, reporting progress; resolves with the final scores and search. */
  async train(config: Config, onProgress: (e: ProgressEvent) => void, opts: { start?: StartMode; call?: CallId } = {}): Promise<RunResult> {
    const info = await engineApi.init(config.backend);
    const send = throttle(onProgress, INTERVAL_MS);
    let last: ProgressEvent | null = null;
    return controlled(opts.call ?? 'run', opts.start ?? 'run', (paused) => {
      if (last) onProgress({ ...last, phase: paused ? 'paused' : 'training', memory: memory() });
    }, async (ctl) => {
      try {
        return await session.run(config, {
          signal: ctl.abort.signal, gate: ctl.gate,
          onEvent: (e, urgent) => { last = { ...e, memory: memory() }; send(last, urgent); },
          onEpochEnd: () => ctl.epochEnded(),
          onWarnings: (warnings) => send({ ...(last ?? idleEvent(config)), warnings, memory: memory() }, true),
        }, info.name);
      } catch (e) {
        if (last) onProgress({ ...last, phase: ctl.abort.signal.aborted ? 'stopped' : 'error', memory: memory() });
        throw e;
      }
    });
  },

  /** Retrains each path from scratch on the run's data (its own cancellation handle, 'retrain' by default). */
  async retrain(config: Config, paths: { path: string; score: number }[], settings: RetrainSettings, onProgress: (p: RetrainProgress) => void, onDone: (o: RetrainOutcome) => void, opts: { dataId?: string; call?: CallId } = {}): Promise<RetrainOutcome[]> {
    await engineApi.init(config.backend);
    const send = throttle(onProgress, INTERVAL_MS);
    return controlled(opts.call ?? 'retrain', 'run', undefined, (ctl) => session.retrain(config, paths, settings, {
      signal: ctl.abort.signal, gate: ctl.gate, onProgress: send, onOutcome: onDone,
    }, { dataId: opts.dataId }));
  },

  /** Zero-cost proxies of a seeded sample of paths against the benchmark table (own cancellation handle, 'proxies'). */
  async proxySample(config: Config, scores: number[][], count: number, onProgress: (done: number, total: number) => void, dataId?: string): Promise<ProxySample> {
    await engineApi.init(config.backend);
    const send = throttle((p: [number, number]) => onProgress(p[0], p[1]), INTERVAL_MS);
    return controlled('proxies', 'run', undefined, (ctl) => session.proxySample(config, scores, count, {
      signal: ctl.abort.signal, gate: ctl.gate, onProgress: (done, total) => send([done, total], done === total),
    }, dataId));
  },

  /** A subnet retrained in this session as a TensorFlow.js Layers model (model.json and its weights file). */
  async exportTfjs(config: Config, key: string, dataId?: string): Promise<{ modelJson: string; weightsBin: ArrayBuffer; weightsFileName: string }> {
    const out = await session.exportTfjs(config, key, dataId);
    return Comlink.transfer(out, [out.weightsBin]);
  },

  /** A subnet as a self-contained PyTorch module with its CIFAR-10 training script; on NAS-Bench-Macro at `meta.width` (default the run's). */
  exportPytorch(config: Config, key: string, meta: { score: number; accuracy?: number; width?: number }): string {
    const width = usesKey(config.space, 'width') ? meta.width ?? config.width : undefined;
    const space = spaceOf(width === undefined ? config : { ...config, width });
    const path = parsePathKey(key, space.layers.length, space.ops.length);
    if (!path) throw new Error(`path '${key}' does not fit this search space`);
    const row = describePath(space, path);
    return pytorchSource(space, path, {
      path: key, score: meta.score, accuracy: meta.accuracy, flops: row.flops, params: row.params,
      width, runWidth: usesKey(config.space, 'width') ? config.width : undefined,
    });
  },

  /**
   * A report trained elsewhere (the PyTorch project's report.json, or the CLI's --json) ranked, searched
   * and set against the truth here, because the worker holds the benchmark table (the page calls
   * loadTruth first on its space). Its images are the config's: the built-in or generated ones have an
   * identity in this page; the user's files get one no loaded set has, so nothing is retrained on other files.
   */
  /** A report's config, once the report reads as one (else the ImportError's one line). */
  readReport: (text: string): Config => parseImportedReport(text).config,
  openReport(text: string): ImportedView {
    const run = parseImportedReport(text);
    const { result, truthEpochs } = analyzeImportedRun(run, session.truth);
    const dataId = knownDataId(run.config) ?? `imported:${run.data.source}`;
    return { config: run.config, trainedWith: run.trainedWith, truthEpochs, result: { ...result, backend: run.trainedWith.framework, dataId } };
  },

  /** Answered between steps: the page's watchdog hears the worker is alive. */
  ping: () => Date.now(),
  /** What a restart of this worker would free (its memory) and lose (retrained weights kept for export). */
  footprint: () => ({ memory: selected ? memory() : null, keptWeights: session.keptWeights }),
  spreadPaths: (scores: number[][], count: number) => session.spread(scores, count),
  search: (config: Config, scores: number[][]) => session.search(config, scores),

  /** Steers one long call: pause, resume, one epoch then pause, or stop. A call that has ended ignores it. */
  control(call: CallId, action: ControlAction): void {
    const ctl = calls.get(call);
    if (!ctl) return;
    if (action === 'pause') ctl.pause();
    else if (action === 'resume') ctl.resume();
    else if (action === 'step') ctl.stepEpoch();
    else ctl.stop();
  },
};

function idleEvent(config: Config): Omit<ProgressEvent, 'memory'> {
  return {
    phase: 'training', stage: 'bn', step: 0, totalSteps: 0, epoch: 0, epochs: config.epochs, stepInEpoch: 0, stepsPerEpoch: 0,
    loss: null, accuracy: null, imagesPerSecond: null, etaSeconds: null,
  };
}

export type EngineApi = typeof engineApi;
