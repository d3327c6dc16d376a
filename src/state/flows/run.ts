/**
 * The supernet run: Run (prepare the worker, train, keep the result), its steering (pause, resume,
 * one epoch, Stop, Reset), and searching the finished run again when a search key changes.
 */
import { SEARCH_KEYS, type Config } from '../../config';
import type { ProgressEvent, RunResult } from '../../worker/events';
import { Comlink, engine, guarded, workerAlive } from '../engineClient';
import { messageOf } from '../errors';
import { progressPatch } from '../progressReducer';
import { IDLE_RETRAIN } from '../slices/retrain';
import { IDLE_RUN } from '../slices/run';
import type { FlowSlice, RunSummary } from '../slices/types';
import { workloadWarning } from '../workload';
import { againIfUnstarted, persist, prepare, running, sameRun, type FlowContext } from './context';

/** A finished run without the series the run slice holds on its own (each series is stored once). */
export function summaryOf(r: RunResult): RunSummary {
  const { epochs: _e, stability: _s, scoresByEpoch: _b, ...rest } = r;
  return rest;
}

/**
 * Top-k, both budgets and the Identity rule apply to the final gammas: when they change after a run (or
 * differ from a restored run's), the worker ranks again (about 0.1 s with the truth) and every panel follows.
 */
export async function searchAgain(ctx: FlowContext): Promise<void> {
  const { get, set } = ctx;
  const { config, runConfig, result, status, epochs } = get();
  const gammas = epochs[epochs.length - 1]?.scores;
  if (!runConfig || !result || !gammas || status !== 'done') return;
  if (SEARCH_KEYS.every((k) => config[k] === runConfig[k])) return;
  const next: Config = { ...runConfig, ...Object.fromEntries(SEARCH_KEYS.map((k) => [k, config[k]])) };
  try {
    const { scores, search, groundTruth } = await guarded((api) => api.search(next, gammas));
    if (get().result !== result) return; // another run or restore came in meanwhile
    const truth = groundTruth && result.groundTruth ? { groundTruth: { ...result.groundTruth, ...groundTruth } } : {};
    set({ runConfig: next, result: { ...result, scores, search, ...truth } });
    void persist(ctx);
  } catch (e) {
    set({ notice: `could not search again: ${messageOf(e)}` });
  }
}

type RunFlows = Pick<FlowSlice, 'run' | 'pause' | 'resume' | 'stepEpoch' | 'stop' | 'reset'>;

/** `afterRun` is the heap hand-back (worker.ts), taken at the end of each run still current. */
export function runFlows(ctx: FlowContext, afterRun: (config: Config, token: number) => Promise<void>): RunFlows {
  const { get, set, stops } = ctx;

  const onProgress = (token: number) => (e: ProgressEvent) => {
    workerAlive();
    if (token !== ctx.runToken) return;
    set(progressPatch(get(), e));
    if (e.warnings) get().addWarnings(e.warnings);
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
      const token = ++ctx.runToken;
      void engine().control('proxies', 'stop');
      stops.begin();
      set({ notice: workloadWarning(config) });
      // A re-run of the same config keeps the subnets already retrained for it: they are finished work.
      const kept = sameRun(runConfig, config) ? { retrained } : {};
      set({ ...IDLE_RUN, ...IDLE_RETRAIN, ...kept, status: 'starting', runConfig: config });
      const t0 = performance.now();
      try {
        const result = await againIfUnstarted(ctx, 'run', async () => {
          await prepare(ctx, config, true);
          if (token !== ctx.runToken) return null;
          // A Stop pressed while the worker was still being prepared reaches no training call: honour it here.
          if (ctx.stoppedBeforeStart === token) {
            set({ status: 'stopped' });
            return null;
          }
          set({ status: 'training' });
          return guarded((api) => api.train(config, Comlink.proxy(onProgress(token)), { start: opts.start ?? 'run', call: 'run' }));
        });
        if (result === null || token !== ctx.runToken) return;
        set({
          status: 'done',
          result: summaryOf(result),
          epochs: result.epochs,
          stability: result.stability,
          liveTop: [],
          wallSeconds: (performance.now() - t0) / 1000,
        });
        void persist(ctx);
      } catch (e) {
        if (token !== ctx.runToken) return;
        set(stops.wasStopped(e) ? { status: 'stopped' } : { status: 'error', error: messageOf(e) });
      } finally {
        if (token === ctx.runToken && !running(ctx)) stops.clear('run');
      }
      if (token === ctx.runToken) await afterRun(config, token);
    },
    pause: () => {
      void engine().control('run', 'pause');
    },
    resume: () => {
      void engine().control('run', 'resume');
    },
    stepEpoch: () => {
      const s = get().status;
      if (s === 'idle' || s === 'done' || s === 'stopped' || s === 'error') void get().run({ start: 'step' });
      else void engine().control('run', 'step');
    },
    stop: () => {
      const token = ctx.runToken;
      if (get().status === 'starting') ctx.stoppedBeforeStart = token;
      void engine().control('run', 'stop');
      void engine().control('proxies', 'stop');
      stops.watch('run', () => token === ctx.runToken && running(ctx));
    },
    reset: () => {
      ctx.runToken++;
      void engine().control('run', 'stop');
      void engine().control('proxies', 'stop');
      set({ ...IDLE_RUN, proxySample: null, proxySampleProgress: null, ...(get().retrainStatus === 'running' ? {} : IDLE_RETRAIN) });
    },
  };
}
