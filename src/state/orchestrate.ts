/**
 * The flows that sequence worker calls, data, model and UI (as tfjs-examples'
 * index.js does): run, restore, load data, retrain, export. Everything else in
 * the store is plain state and its setters.
 */
import { BUILTIN_CIFAR10, knownDataId, NBMACRO_TABLE, runIdentity, SEARCH_KEYS, spaceInfo, type Config } from '../config';
import type { DataSpec, ProgressEvent, RetrainOutcome, RetrainProgress, RunResult } from '../worker/events';
import { againIfUnstarted as retryIfUnstarted, Comlink, engine, guarded, heard, onWorkerLost, recycle, replace, workerId } from './engineClient';
import { handBack } from './heap';
import { isStopped, messageOf } from './errors';
import { createStopWatch } from './stopWatch';
import { addRetrained, loadRun, savedRecordOf, saveRun } from './persist';
import { workloadWarning } from './workload';
import { IDLE_RUN } from './slices/run';
import { IDLE_RETRAIN } from './slices/retrain';
import type { FlowSlice, RunSummary, Slice, Store } from './slices/types';
import { retrainBlocked } from './imported';

/** The data spec a config needs loaded before it runs, or null for the user's files (loaded in the Data panel). */
function dataSpecOf(config: Config): DataSpec | null {
  if (config.data === 'generated') return { kind: 'generated', count: config.n + config.val, seed: config.seed };
  if (config.data === 'builtin') return { kind: 'builtin', url: new URL(BUILTIN_CIFAR10.file, document.baseURI).href };
  return null;
}

function summaryOf(r: RunResult): RunSummary {
  const { epochs: _e, stability: _s, scoresByEpoch: _b, ...rest } = r;
  return rest;
}

export const createFlows: Slice<FlowSlice> = (set, get, store) => {
  let runToken = 0;
  const sameRun = (a: Config | null, b: Config) => a !== null && runIdentity(a) === runIdentity(b);

  /** Saves the finished run shown (and its retrains and proxy sample) under its config and data. */
  const persist = async () => {
    // A run opened from a report is not this page's run: saved under its config, it would come back unlabelled.
    if (get().imported) return;
    const record = savedRecordOf(get());
    if (record) await saveRun(record);
  };

  const onProgress = (token: number) => (e: ProgressEvent) => {
    heard();
    if (token !== runToken) return;
    const s = get();
    const next: Partial<Store> = { progress: e };
    // Progress and the call's result travel on different message channels: a late
    // 'training' event must not reopen a run that has already finished.
    const finished = s.status === 'done' || s.status === 'stopped' || s.status === 'error';
    if ((e.phase === 'training' || e.phase === 'paused') && !finished) next.status = e.phase;
    if (e.epochReport) next.epochs = [...s.epochs, e.epochReport];
    if (e.sposEpochReport) next.sposEpochs = [...s.sposEpochs, e.sposEpochReport];
    if (e.stability) next.stability = e.stability;
    if (e.top) next.top = e.top;
    if (e.truth) next.truthEpochs = [...s.truthEpochs, e.truth];
    set(next);
    if (e.warnings) get().addWarnings(e.warnings);
  };

  /** The worker that holds the benchmark table: a fresh worker (after a loss or a hand-back) needs it again. */
  let truthIn = 0;
  /** The benchmark table, fetched once per worker, before the first run (or restore) on its space. */
  const loadTruthFor = async (config: Config) => {
    if (!spaceInfo(config.space).benchmark) return;
    const id = workerId();
    if (truthIn === id && get().truth) return;
    try {
      set({ truth: await guarded((api) => api.loadTruth(new URL(NBMACRO_TABLE.file, document.baseURI).href)), truthError: null });
      truthIn = id;
    } catch (e) {
      // Said where the truth would show; the run itself does not need the table.
      set({ truthError: messageOf(e) });
    }
  };

  /**
   * What a call needs in the worker first: the backend, the config's images and, on its space, the
   * benchmark table. `show` puts the images' summary on the page (for the config being run).
   */
  const prepare = async (config: Config, show: boolean) => {
    set({ backend: await guarded((api) => api.init(config.backend)) });
    const spec = dataSpecOf(config);
    if (spec) {
      const data = await guarded((api) => api.loadData(spec));
      if (show) set({ data });
    }
    await loadTruthFor(config);
  };

  /** A call that never reached a worker already gone is started again once on a fresh one, with a notice. */
  const againIfUnstarted = <T>(what: string, body: () => Promise<T>): Promise<T> =>
    retryIfUnstarted(body, () => set({ notice: `The engine had stopped; it was restarted and your ${what} started again.` }));

  const stops = createStopWatch(replace);
  /** The run whose Stop was pressed before its training call began (while it was still "starting"). */
  let stoppedBeforeStart = 0;
  let retrainToken = 0;
  const running = () => ['starting', 'training', 'paused'].includes(get().status);

  // What lived in a lost worker is gone: its backend, its data; the config and the results shown stay.
  onWorkerLost((reason) => {
    const s = get();
    set({
      backend: null, data: null, truth: null,
      ...(s.cifar ? { cifar: null } : {}),
      notice: `${reason}. A fresh engine worker was started; your config is kept${s.cifar ? ', but your CIFAR-10 files must be loaded again' : ''}.`,
    });
  });

  /**
   * Top-k, both budgets and the Identity rule apply to the final gammas: when they change after a run (or
   * differ from a restored run's), the worker ranks again (about 0.1 s with the truth) and every panel follows.
   */
  const research = async () => {
    const { config, runConfig, result, status, epochs } = get();
    const gammas = epochs[epochs.length - 1]?.scores;
    if (!runConfig || !result || !gammas || status !== 'done') return;
    if (SEARCH_KEYS.every((k) => config[k] === runConfig[k])) return;
    const next: Config = { ...runConfig, ...Object.fromEntries(SEARCH_KEYS.map((k) => [k, config[k]])) };
    try {
      const { scores, search, groundTruth } = await guarded((api) => api.search(next, gammas));
      if (get().result !== result) return; // another run or restore came in meanwhile
      const truth = groundTruth && result.groundTruth ? { groundTruth: { ...result.groundTruth, ...groundTruth } } : {};
      set({ runConfig: next, result: { ...result, scores, search, ...truth }, top: search.top });
      void persist();
    } catch (e) { set({ notice: `could not search again: ${messageOf(e)}` }); }
  };
  store.subscribe((s, prev) => { if (s.config !== prev.config) void research(); });

  /** The worker last advised to reload, and the advice: it talks about the run then shown, and goes with it. */
  let advisedWorker = -1;
  let heapAdvice: string | null = null;
  store.subscribe((s, prev) => {
    if (s.runConfig === prev.runConfig || heapAdvice === null) return;
    if (s.notice === heapAdvice) set({ notice: null });
    heapAdvice = null;
  });

  /**
   * After a run: if the worker's WASM heap grew far past what a later run needs, restart the worker
   * (when that loses nothing) and prepare the fresh one as Run would, so every panel keeps working.
   */
  const handBackHeap = async (config: Config, token: number) => {
    const f = await guarded((api) => api.footprint()).catch(() => null);
    if (!f?.memory || token !== runToken || get().retrainStatus === 'running' || get().proxySampleProgress) return;
    const plan = handBack(f.memory.heapBytes, f.keptWeights, config.data === 'cifar10');
    if (plan.kind === 'none') return;
    if (plan.kind === 'advise' || !recycle()) {
      // Once per worker: its memory never shrinks, so every later run would repeat the same advice.
      if (advisedWorker === workerId()) return;
      advisedWorker = workerId();
      heapAdvice = plan.notice;
      set({ notice: plan.notice });
      return;
    }
    try {
      await prepare(config, true);
      const fresh = (await guarded((api) => api.footprint())).memory;
      const progress = get().progress;
      if (token === runToken && progress && fresh) set({ progress: { ...progress, memory: fresh } });
      set({ notice: plan.notice });
    } catch (e) {
      set({ notice: `${plan.grown}; preparing the fresh engine worker failed (${messageOf(e)}): Run prepares it again.` });
    }
  };

  return {
    run: async (opts = {}) => {
      const { config, retrainStatus, runConfig, retrained } = get();
      if (retrainStatus === 'running') {
        set({ notice: 'A retrain is running: stop it (or let it finish) before starting a new supernet run. Nothing was stopped.' });
        return;
      }
      if (get().dataStatus === 'loading') {
        // A load finishing mid-run would swap the Data panel under the run (and its retrains' images).
        set({ notice: 'Data is still loading: let it finish or cancel it before starting a run. Nothing was started.' });
        return;
      }
      const token = ++runToken;
      void engine().control('proxies', 'stop');
      stops.begin();
      set({ notice: workloadWarning(config) });
      // A re-run of the same config keeps the subnets already retrained for it: they are finished work.
      const kept = sameRun(runConfig, config) ? { retrained } : {};
      set({ ...IDLE_RUN, ...IDLE_RETRAIN, ...kept, status: 'starting', runConfig: config });
      const t0 = performance.now();
      try {
        const result = await againIfUnstarted('run', async () => {
          await prepare(config, true);
          if (token !== runToken) return null;
          // A Stop pressed while the worker was still being prepared reaches no training call: honour it here.
          if (stoppedBeforeStart === token) { set({ status: 'stopped' }); return null; }
          set({ status: 'training' });
          return guarded((api) => api.train(config, Comlink.proxy(onProgress(token)), { start: opts.start ?? 'run', call: 'run' }));
        });
        if (result === null || token !== runToken) return;
        set({
          status: 'done', result: summaryOf(result), epochs: result.epochs, stability: result.stability, top: result.search.top,
          wallSeconds: (performance.now() - t0) / 1000,
        });
        void persist();
      } catch (e) {
        if (token !== runToken) return;
        set(stops.wasStopped(e) ? { status: 'stopped' } : { status: 'error', error: messageOf(e) });
      } finally {
        if (token === runToken && !running()) stops.clear('run');
      }
      if (token === runToken) await handBackHeap(config, token);
    },
    pause: () => { void engine().control('run', 'pause'); },
    resume: () => { void engine().control('run', 'resume'); },
    stepEpoch: () => {
      const s = get().status;
      if (s === 'idle' || s === 'done' || s === 'stopped' || s === 'error') void get().run({ start: 'step' });
      else void engine().control('run', 'step');
    },
    stop: () => {
      const token = runToken;
      if (get().status === 'starting') stoppedBeforeStart = token;
      void engine().control('run', 'stop');
      void engine().control('proxies', 'stop');
      stops.watch('run', () => token === runToken && running());
    },
    reset: () => {
      runToken++;
      void engine().control('run', 'stop');
      void engine().control('proxies', 'stop');
      set({ ...IDLE_RUN, proxySample: null, proxySampleProgress: null, ...(get().retrainStatus === 'running' ? {} : IDLE_RETRAIN) });
    },

    restore: async () => {
      const config = get().config;
      // The user's files have an identity only once loaded: their saved runs show after that, never for other files.
      const dataId = knownDataId(config) ?? get().cifar?.id;
      if (dataId === undefined) return;
      const { run: saved, problem } = await loadRun(config, dataId);
      if (problem) set({ notice: `A saved run for this link could not be read and was dropped (${problem}).` });
      if (!saved || get().status !== 'idle') return;
      set({
        status: 'done', runConfig: saved.config, result: saved.result, epochs: saved.epochs, stability: saved.stability,
        sposEpochs: saved.result.comparison?.spos.epochReports ?? [], top: saved.top, truthEpochs: saved.truthEpochs ?? [], retrained: saved.retrained, proxySample: saved.proxySample ?? null, restoredAt: saved.savedAt,
      });
      // Shown at once; the benchmark table follows (a table that hangs or is damaged is said in its panel).
      await loadTruthFor(saved.config);
      void research();
    },

    openReport: async ({ name, text }) => {
      if (running() || get().retrainStatus === 'running') {
        set({ notice: 'A run or a retrain is working: stop it (or let it finish) before opening a report. Nothing was changed.' });
        return;
      }
      const token = runToken;
      try {
        // In the worker (engine code stays there): read first, so its config says whether the benchmark
        // table is needed, then analysed where that table is held.
        const view = await againIfUnstarted('report', async () => {
          await loadTruthFor(await guarded((api) => api.readReport(text)));
          return guarded((api) => api.openReport(text));
        });
        if (token !== runToken) return; // a run started meanwhile
        ++runToken;
        void engine().control('proxies', 'stop');
        const r = view.result;
        set({
          ...IDLE_RUN, ...IDLE_RETRAIN, proxySample: null, proxySampleProgress: null,
          status: 'done', runConfig: view.config, result: summaryOf(r), epochs: r.epochs, stability: r.stability, top: r.search.top,
          sposEpochs: r.comparison?.spos.epochReports ?? [], truthEpochs: view.truthEpochs, imported: { ...view.trainedWith, file: name },
        });
        // Then the config panel, the link and the stale banner follow it, as after a run of that config.
        get().replaceConfig(view.config);
      } catch (e) {
        if (token === runToken) set({ notice: `${name} could not be opened: ${messageOf(e)}. What was shown stays.` });
      }
    },

    loadCifar: async (source) => {
      // The run trains on the images it started with: new files now would show data it does not use.
      if (running() || get().retrainStatus === 'running') {
        set({ notice: 'Files cannot be loaded while a run or a retrain works: stop it first (the loaded images stay as they are).' });
        return;
      }
      if (get().dataStatus === 'loading') return;
      set({ dataStatus: 'loading', dataProgress: { loaded: 0, total: null }, dataError: null });
      try {
        const buffers = source.kind === 'files' ? source.files.map((f) => f.bytes.buffer as ArrayBuffer) : [];
        const data = await guarded((api) => api.loadData(Comlink.transfer({ kind: 'cifar10', source }, buffers),
          Comlink.proxy((loaded: number, total: number | null) => { heard(); set({ dataProgress: { loaded, total } }); })));
        set({ cifar: data, dataStatus: 'idle', dataProgress: null });
        get().setConfig({ data: 'cifar10' });
        if (get().status === 'idle') void get().restore();
      } catch (e) {
        set(isStopped(e)
          ? { dataStatus: 'idle', dataProgress: null, notice: 'Loading cancelled: the data in use is unchanged.' }
          : { dataStatus: 'error', dataProgress: null, dataError: messageOf(e) });
      }
    },
    cancelDataLoad: () => { void engine().control('data', 'stop'); },

    enqueueSpread: async (count) => {
      const scores = get().result?.scores;
      if (scores) get().enqueueMany(await guarded((api) => api.spreadPaths(scores, count)));
    },
    retrainQueue: async () => {
      const { queue, runConfig, result, config, imported } = get();
      if (!runConfig || queue.length === 0) return;
      const blocked = retrainBlocked(imported, runConfig);
      if (blocked) { set({ notice: blocked }); return; }
      if (get().dataStatus === 'loading') {
        set({ notice: 'Data is still loading: let it finish or cancel it before retraining. Nothing was started.' });
        return;
      }
      const origin = result ? { config: runConfig, dataId: result.dataId } : null;
      retrainToken++;
      stops.begin();
      set({ retrainStatus: 'running', retrainError: null, retrainProgress: null });
      try {
        // A restored run has no backend or data in this worker yet: the same preparation as Run.
        await againIfUnstarted('retrain', async () => {
          await prepare(runConfig, false);
          await guarded((api) => api.retrain(runConfig, queue, { epochs: config.repochs, lr: config.rlr, seeds: config.rseeds },
          Comlink.proxy((p: RetrainProgress) => { heard(); set({ retrainProgress: p }); }),
          Comlink.proxy((o: RetrainOutcome) => {
            // A retrain belongs to the run it was started from: saved there, shown only while that run is shown.
            const shown = !origin || (sameRun(get().runConfig, origin.config) && get().result?.dataId === origin.dataId);
            if (shown) set({ retrained: [...get().retrained.filter((r) => r.path !== o.path), o], queue: get().queue.filter((q) => q.path !== o.path) });
            // No saved record of that run yet (its own save failed or is still going): the shown run is saved whole.
            if (origin && !imported) void addRetrained(origin.config, origin.dataId, o).then((added) => { if (!added && shown) void persist(); });
          }), { dataId: result?.dataId, call: 'retrain' }));
        });
        set({ retrainStatus: 'idle', retrainProgress: null });
      } catch (e) {
        set(stops.wasStopped(e) ? { retrainStatus: 'idle', retrainError: null, retrainProgress: null } : { retrainStatus: 'error', retrainError: messageOf(e), retrainProgress: null });
      }
    },
    scoreProxySample: async (count) => {
      const { runConfig, result } = get();
      if (!runConfig || !result || get().proxySampleProgress) return;
      // The sample belongs to the run shown now: a later run, a Reset or another link ends it and drops its result.
      const token = runToken;
      set({ proxySampleProgress: { done: 0, total: count }, retrainError: null });
      try {
        const sample = await againIfUnstarted('proxy sample', async () => {
          await prepare(runConfig, false);
          return guarded((api) => api.proxySample(runConfig, result.scores, count,
            Comlink.proxy((done: number, total: number) => { heard(); if (token === runToken) set({ proxySampleProgress: { done, total } }); }), result.dataId));
        });
        if (token !== runToken) return;
        set({ proxySample: sample, proxySampleProgress: null });
        void persist();
      } catch (e) {
        if (token !== runToken) return;
        set({ proxySampleProgress: null, ...(isStopped(e) ? {} : { retrainError: messageOf(e) }) });
      }
    },
    stopProxySample: () => { void engine().control('proxies', 'stop'); },
    stopRetrain: () => {
      const token = retrainToken;
      void engine().control('retrain', 'stop');
      stops.watch('retrain', () => token === retrainToken && get().retrainStatus === 'running');
    },
    exportTfjs: async (path) => {
      const { runConfig, result } = get();
      if (!runConfig) return null;
      try {
        return await guarded((api) => api.exportTfjs(runConfig, path, result?.dataId));
      } catch (e) {
        set({ retrainError: messageOf(e) });
        return null;
      }
    },
    exportPytorch: async (path, meta) => {
      const config = get().runConfig;
      if (!config) return null;
      try { return await guarded((api) => api.exportPytorch(config, path, meta)); } catch (e) { set({ error: messageOf(e) }); return null; }
    },
  };
};
