/**
 * Checking the ranking by training: the retrain queue (each outcome saved with the run it came from)
 * and, on NAS-Bench-Macro, the zero-cost proxies on a sample of paths against the truth.
 */
import type { RetrainOutcome, RetrainProgress } from '../../worker/events';
import { spreadPaths } from '../../engine/stats';
import { addRetrained } from '../persist';
import { Comlink, engine, guarded, workerAlive } from '../engineClient';
import { isStopped, messageOf } from '../errors';
import { retrainBlocked } from '../imported';
import type { FlowSlice } from '../slices/types';
import { againIfUnstarted, persist, prepare, sameRun, type FlowContext } from './context';

type RetrainFlows = Pick<FlowSlice, 'enqueueSpread' | 'retrainQueue' | 'stopRetrain' | 'scoreProxySample' | 'stopProxySample'>;

export function retrainFlows(ctx: FlowContext): RetrainFlows {
  const { get, set, stops } = ctx;
  return {
    enqueueSpread: async (count) => {
      const scores = get().result?.scores;
      // Plain arithmetic on the scores the store holds (stats/ is tfjs-free): no worker call.
      if (scores) get().enqueueMany(spreadPaths(scores, count));
    },
    retrainQueue: async () => {
      const { queue, runConfig, result, config, imported } = get();
      if (!runConfig || queue.length === 0) return;
      const blocked = retrainBlocked(imported, runConfig);
      if (blocked) {
        set({ notice: blocked });
        return;
      }
      if (get().dataStatus === 'loading') {
        set({ notice: 'Data is still loading: let it finish or cancel it before retraining. Nothing was started.' });
        return;
      }
      const origin = result ? { config: runConfig, dataId: result.dataId } : null;
      ctx.retrainToken++;
      stops.begin();
      set({ retrainStatus: 'running', retrainError: null, retrainProgress: null });
      try {
        // A restored run has no backend or data in this worker yet: the same preparation as Run.
        await againIfUnstarted(ctx, 'retrain', async () => {
          await prepare(ctx, runConfig, false);
          await guarded((api) =>
            api.retrain(
              runConfig,
              queue,
              { epochs: config.repochs, lr: config.rlr, seeds: config.rseeds },
              Comlink.proxy((p: RetrainProgress) => {
                workerAlive();
                set({ retrainProgress: p });
              }),
              Comlink.proxy((o: RetrainOutcome) => {
                // A retrain belongs to the run it was started from: saved there, shown only while that run is shown.
                const shown = !origin || (sameRun(get().runConfig, origin.config) && get().result?.dataId === origin.dataId);
                if (shown) set({ retrained: [...get().retrained.filter((r) => r.path !== o.path), o], queue: get().queue.filter((q) => q.path !== o.path) });
                // No saved record of that run yet (its own save failed or is still going): the shown run is saved whole.
                if (origin && !imported)
                  void addRetrained(origin.config, origin.dataId, o).then((added) => {
                    if (!added && shown) void persist(ctx);
                  });
              }),
              { dataId: result?.dataId, call: 'retrain' },
            ),
          );
        });
        set({ retrainStatus: 'idle', retrainProgress: null });
      } catch (e) {
        set(
          stops.wasStopped(e)
            ? { retrainStatus: 'idle', retrainError: null, retrainProgress: null }
            : { retrainStatus: 'error', retrainError: messageOf(e), retrainProgress: null },
        );
      }
    },
    scoreProxySample: async (count) => {
      const { runConfig, result } = get();
      if (!runConfig || !result || get().proxySampleProgress) return;
      // The sample belongs to the run shown now: a later run, a Reset or another link ends it and drops its result.
      const token = ctx.runToken;
      set({ proxySampleProgress: { done: 0, total: count } });
      try {
        const sample = await againIfUnstarted(ctx, 'proxy sample', async () => {
          await prepare(ctx, runConfig, false);
          return guarded((api) =>
            api.proxySample(
              runConfig,
              result.scores,
              count,
              Comlink.proxy((done: number, total: number) => {
                workerAlive();
                if (token === ctx.runToken) set({ proxySampleProgress: { done, total } });
              }),
              result.dataId,
            ),
          );
        });
        if (token !== ctx.runToken) return;
        set({ proxySample: sample, proxySampleProgress: null });
        void persist(ctx);
      } catch (e) {
        if (token !== ctx.runToken) return;
        // Said on the page, not in the retrain panel (hidden by hide=retrain, and its error is the queue's).
        set({ proxySampleProgress: null, ...(isStopped(e) ? {} : { notice: `The zero-cost sample failed: ${messageOf(e)}` }) });
      }
    },
    stopProxySample: () => {
      void engine().control('proxies', 'stop');
    },
    stopRetrain: () => {
      const token = ctx.retrainToken;
      void engine().control('retrain', 'stop');
      stops.watch('retrain', () => token === ctx.retrainToken && get().retrainStatus === 'running');
    },
  };
}
