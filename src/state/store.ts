/**
 * One zustand store from typed slices: the config (the URL's single source of
 * truth), the run (fed by worker events) and the view. Plain numbers only:
 * tensors stay in the worker.
 */
import { create } from 'zustand';
import { encodeConfig, mergeConfig, parseConfig, type Config } from '../config';
import type { EpochReport } from '../engine/train';
import type { RankedRow } from '../engine/experiment';
import type { BackendInfo } from '../worker/backend';
import type { DataSummary, ProgressEvent, RetrainOutcome, RetrainProgress, RunResult } from '../worker/events';
import type { CifarSource } from '../worker/loaders';
import { Comlink, engine } from './engineClient';
import { encodeViewFlags, splitViewFlags, type Panel, type ViewFlags } from './view';
import { loadRun, saveRun } from './persist';

export type RunStatus = 'idle' | 'starting' | 'training' | 'paused' | 'searching' | 'done' | 'stopped' | 'error';

interface ConfigSlice {
  config: Config;
  warnings: string[];
  setConfig(patch: Partial<Config>): void;
  replaceConfig(config: Config, warnings?: string[]): void;
  dismissWarnings(): void;
}

interface RunSlice {
  status: RunStatus;
  backend: BackendInfo | null;
  /** The generated set of the current config (filled on Run). */
  data: DataSummary | null;
  progress: ProgressEvent | null;
  epochs: EpochReport[];
  /** Mode 'both': the SPOS supernet's epochs, as they finish. */
  sposEpochs: Omit<EpochReport, 'scores'>[];
  stability: { epoch: number; kendallVsLatest: number }[];
  top: RankedRow[];
  result: RunResult | null;
  error: string | null;
  /** Epoch shown in the heatmap (1-based); null follows the latest. */
  heatmapEpoch: number | null;
  selectedPath: string | null;
  /** The config the current or last run was started with (the live config may have changed since). */
  runConfig: Config | null;
  /** When the shown results were restored from IndexedDB: the time they were saved. */
  restoredAt: string | null;
  /** Shows the run saved for the current config, if any (on page load). */
  restore(): Promise<void>;
  /** Wall-clock seconds of the last run, start to finish (pauses included). */
  wallSeconds: number | null;
  run(opts?: { start?: 'run' | 'step' }): Promise<void>;
  pause(): void;
  resume(): void;
  stepEpoch(): void;
  stop(): void;
  reset(): void;
  setHeatmapEpoch(epoch: number | null): void;
  selectPath(path: string | null): void;
}

interface DataSlice {
  /** The user's CIFAR-10, once loaded into the worker. */
  cifar: DataSummary | null;
  dataStatus: 'idle' | 'loading' | 'error';
  dataProgress: { loaded: number; total: number | null } | null;
  dataError: string | null;
  /** Loads CIFAR-10 from files or a URL into the worker; the loaded set stays on failure. */
  loadCifar(source: CifarSource): Promise<void>;
  dismissDataError(): void;
}

interface RetrainSlice {
  /** Paths waiting to be retrained, with their BN scores. */
  queue: { path: string; score: number }[];
  retrainEpochs: number;
  retrainLr: number;
  /** Retrains per subnet with different seeds: accuracy is their mean, and the seed noise shows. */
  retrainSeeds: number;
  retrainStatus: 'idle' | 'running' | 'error';
  retrainProgress: RetrainProgress | null;
  retrainError: string | null;
  /** Finished retrains of the current run, in order. */
  retrained: RetrainOutcome[];
  enqueue(entry: { path: string; score: number }): void;
  /** Queues several paths, skipping those already queued. */
  enqueueMany(entries: { path: string; score: number }[]): void;
  dequeue(path: string): void;
  enqueueSpread(count: number): Promise<void>;
  setRetrainSettings(patch: { epochs?: number; lr?: number; seeds?: number }): void;
  retrainQueue(): Promise<void>;
  /** A subnet retrained in this session as a TF.js Layers model (model.json and its weights file). */
  exportTfjs(path: string): Promise<{ modelJson: string; weightsBin: ArrayBuffer; weightsFileName: string } | null>;
  stopRetrain(): void;
}

interface ViewSlice {
  view: ViewFlags;
  controlsOpen: boolean;
  setView(patch: Partial<ViewFlags>): void;
  togglePanel(panel: Panel): void;
  setControlsOpen(open: boolean): void;
}

export type Store = ConfigSlice & RunSlice & DataSlice & RetrainSlice & ViewSlice;

/** Reads config, view flags and warnings from a location hash. */
export function readHash(hash: string): { config: Config; view: ViewFlags; warnings: string[] } {
  const { view, rest, warnings: viewWarnings } = splitViewFlags(hash);
  const { config, warnings } = parseConfig(rest);
  return { config, view, warnings: [...warnings, ...viewWarnings] };
}

export function hashOf(config: Config, view: ViewFlags): string {
  const flags = encodeViewFlags(view);
  return `#${encodeConfig(config)}${flags ? `&${flags}` : ''}`;
}

const idleRun = {
  status: 'idle' as RunStatus, progress: null, epochs: [], sposEpochs: [] as Omit<EpochReport, 'scores'>[], stability: [], top: [], result: null, error: null,
  heatmapEpoch: null, selectedPath: null, wallSeconds: null, runConfig: null as Config | null, restoredAt: null as string | null,
  queue: [] as { path: string; score: number }[], retrainStatus: 'idle' as const, retrainProgress: null, retrainError: null, retrained: [] as RetrainOutcome[],
};

export const useStore = create<Store>()((set, get) => {
  const initial = readHash(typeof location === 'undefined' ? '' : location.hash);
  let runToken = 0;
  /** The URL's backend wish that the current backend was selected for. */
  let backendWish: Config['backend'] | null = null;
  /** Saves the finished run (and its retrains) under its config's URL encoding. */
  const persist = async () => {
    const s = get();
    if (!s.runConfig || !s.result) return;
    // From the call's result, not the live event fields: a late progress event may still be on its way.
    await saveRun(encodeConfig(s.runConfig), {
      config: s.runConfig, result: s.result, epochs: s.result.epochs, top: s.result.search.top, retrained: s.retrained,
      stability: s.result.stability.map((p) => ({ epoch: p.epoch, kendallVsLatest: p.kendallVsFinal })),
      savedAt: new Date().toISOString(),
    });
  };
  return {
    config: initial.config,
    warnings: initial.warnings,
    setConfig: (patch) => {
      const { config, warnings } = mergeConfig(get().config, patch);
      set({ config, warnings: warnings.length ? warnings : get().warnings });
    },
    replaceConfig: (config, warnings = []) => set({ config, warnings }),
    dismissWarnings: () => set({ warnings: [] }),

    backend: null,
    data: null,
    ...idleRun,
    run: async (opts = {}) => {
      const token = ++runToken;
      const { config } = get();
      set({ ...idleRun, status: 'starting', runConfig: config });
      const t0 = performance.now();
      try {
        const api = engine();
        // Re-select only when the wish changed: 'auto' after a forced backend must probe again.
        const backend = get().backend && backendWish === config.backend ? get().backend! : await api.init(config.backend);
        backendWish = config.backend;
        set({ backend });
        if (config.data === 'generated') set({ data: await api.loadData({ kind: 'generated', count: config.n + config.val, seed: config.seed }) });
        if (token !== runToken) return;
        set({ status: 'training' });
        const result = await api.train(config, Comlink.proxy((e: ProgressEvent) => {
          if (token !== runToken) return;
          const next: Partial<Store> = { progress: e };
          // Progress and the call's result travel on different message channels: a late
          // 'training' event must not reopen a run that has already finished.
          const finished = ['done', 'stopped', 'error'].includes(get().status);
          if ((e.phase === 'training' || e.phase === 'paused') && !finished) next.status = e.phase;
          if (e.epochReport) next.epochs = [...get().epochs, e.epochReport];
          if (e.sposEpochReport) next.sposEpochs = [...get().sposEpochs, e.sposEpochReport];
          if (e.stability) next.stability = e.stability;
          if (e.top) next.top = e.top;
          set(next);
        }), { start: opts.start ?? 'run' });
        if (token !== runToken) return;
        set({ status: 'done', result, top: result.search.top, wallSeconds: (performance.now() - t0) / 1000 });
        void persist();
      } catch (e) {
        if (token !== runToken) return;
        const message = e instanceof Error ? e.message : String(e);
        set(message === 'training stopped' ? { status: 'stopped' } : { status: 'error', error: message });
      }
    },
    restore: async () => {
      const config = get().config;
      const saved = await loadRun(encodeConfig(config));
      if (!saved || get().status !== 'idle') return;
      set({
        status: 'done', runConfig: saved.config, result: saved.result, epochs: saved.epochs, stability: saved.stability,
        sposEpochs: saved.result.comparison?.spos.epochReports ?? [],
        top: saved.top, retrained: saved.retrained, restoredAt: saved.savedAt,
      });
    },
    pause: () => { void engine().pause(); },
    resume: () => { void engine().resume(); },
    stepEpoch: () => {
      const s = get().status;
      if (s === 'idle' || s === 'done' || s === 'stopped' || s === 'error') void get().run({ start: 'step' });
      else void engine().stepEpoch();
    },
    stop: () => { void engine().stop(); },
    reset: () => { runToken++; void engine().stop(); set({ ...idleRun }); },
    setHeatmapEpoch: (epoch) => set({ heatmapEpoch: epoch }),
    selectPath: (path) => set({ selectedPath: path }),

    cifar: null,
    dataStatus: 'idle',
    dataProgress: null,
    dataError: null,
    loadCifar: async (source) => {
      set({ dataStatus: 'loading', dataProgress: { loaded: 0, total: null }, dataError: null });
      try {
        const buffers = source.kind === 'files' ? source.files.map((f) => f.bytes.buffer as ArrayBuffer) : [];
        const data = await engine().loadData(Comlink.transfer({ kind: 'cifar10', source }, buffers),
          Comlink.proxy((loaded: number, total: number | null) => set({ dataProgress: { loaded, total } })));
        set({ cifar: data, dataStatus: 'idle', dataProgress: null });
        get().setConfig({ data: 'cifar10' });
      } catch (e) {
        set({ dataStatus: 'error', dataProgress: null, dataError: e instanceof Error ? e.message : String(e) });
      }
    },
    dismissDataError: () => set({ dataStatus: 'idle', dataError: null }),

    retrainEpochs: 5,
    retrainLr: 0.05,
    retrainSeeds: 1,
    enqueue: (entry) => { if (!get().queue.some((q) => q.path === entry.path)) set({ queue: [...get().queue, entry] }); },
    enqueueMany: (entries) => {
      const have = new Set(get().queue.map((q) => q.path));
      set({ queue: [...get().queue, ...entries.filter((e) => !have.has(e.path) && (have.add(e.path), true))] });
    },
    dequeue: (path) => set({ queue: get().queue.filter((q) => q.path !== path) }),
    enqueueSpread: async (count) => {
      const scores = get().result?.scores;
      if (!scores) return;
      get().enqueueMany(await engine().spreadPaths(scores, count));
    },
    setRetrainSettings: (patch) => set({
      ...(patch.epochs !== undefined ? { retrainEpochs: Math.max(1, Math.min(100, Math.round(patch.epochs))) } : {}),
      ...(patch.lr !== undefined ? { retrainLr: Math.max(1e-4, Math.min(2, patch.lr)) } : {}),
      ...(patch.seeds !== undefined ? { retrainSeeds: Math.max(1, Math.min(5, Math.round(patch.seeds))) } : {}),
    }),
    retrainQueue: async () => {
      const { queue, runConfig, retrainEpochs, retrainLr, retrainSeeds } = get();
      if (!runConfig || queue.length === 0) return;
      set({ retrainStatus: 'running', retrainError: null, retrainProgress: null });
      try {
        await engine().retrain(runConfig, queue, { epochs: retrainEpochs, lr: retrainLr, seeds: retrainSeeds },
          Comlink.proxy((p: RetrainProgress) => set({ retrainProgress: p })),
          Comlink.proxy((o: RetrainOutcome) => {
            set({ retrained: [...get().retrained.filter((r) => r.path !== o.path), o], queue: get().queue.filter((q) => q.path !== o.path) });
            void persist();
          }));
        set({ retrainStatus: 'idle', retrainProgress: null });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        set({ retrainStatus: message === 'training stopped' ? 'idle' : 'error', retrainError: message === 'training stopped' ? null : message, retrainProgress: null });
      }
    },
    stopRetrain: () => { void engine().stop(); },
    exportTfjs: async (path) => {
      const config = get().runConfig;
      if (!config) return null;
      try {
        return await engine().exportTfjs(config, path);
      } catch (e) {
        set({ retrainError: e instanceof Error ? e.message : String(e) });
        return null;
      }
    },

    view: initial.view,
    controlsOpen: !initial.view.present,
    setView: (patch) => set({ view: { ...get().view, ...patch } }),
    togglePanel: (panel) => {
      const hide = get().view.hide.includes(panel) ? get().view.hide.filter((p) => p !== panel) : [...get().view.hide, panel];
      set({ view: { ...get().view, hide } });
    },
    setControlsOpen: (open) => set({ controlsOpen: open }),
  };
});

/** Keeps the address bar on the current config and view (replaceState: no history spam). */
export function syncUrl(): () => void {
  // Write the parsed (validated, clamped) config at once, so the address bar and Copy link show what runs.
  const first = hashOf(useStore.getState().config, useStore.getState().view);
  if (location.hash !== first) history.replaceState(null, '', first);
  // A link pasted or edited in the address bar of an open page: take its config, stop what runs, show its saved run.
  const onHashChange = () => {
    const s = useStore.getState();
    if (location.hash === hashOf(s.config, s.view)) return;
    const next = readHash(location.hash);
    s.reset();
    useStore.setState({ config: next.config, view: next.view, warnings: next.warnings });
    history.replaceState(null, '', hashOf(next.config, next.view));
    void useStore.getState().restore();
  };
  addEventListener('hashchange', onHashChange);
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.config === prev.config && s.view === prev.view) return;
    const hash = hashOf(s.config, s.view);
    if (location.hash !== hash) history.replaceState(null, '', hash);
  });
  return () => { removeEventListener('hashchange', onHashChange); unsubscribe(); };
}
