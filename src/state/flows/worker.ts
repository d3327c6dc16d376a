/**
 * The engine worker's lifecycle as the page sees it: what a lost worker takes with it, and handing a
 * grown WASM heap back after a run by retiring the worker (heap.ts decides when that is worth it and safe).
 */
import type { StoreApi } from 'zustand';
import type { Config } from '../../config';
import { guarded, onWorkerLost, retireIfIdle, workerId } from '../engineClient';
import { messageOf } from '../errors';
import { heapPlan } from '../heap';
import type { Store } from '../slices/types';
import { prepare, type FlowContext } from './context';

/** What lived in a lost worker is gone: its backend, its data; the config and the results shown stay. */
export function forgetLostWorkers({ get, set }: FlowContext): void {
  onWorkerLost((reason) => {
    const s = get();
    set({
      backend: null,
      data: null,
      benchmarkTable: null,
      ...(s.cifar ? { cifar: null } : {}),
      notice: `${reason}. A fresh engine worker was started; your config is kept${s.cifar ? ', but your CIFAR-10 files must be loaded again' : ''}.`,
    });
  });
}

/**
 * After a run: if the worker's WASM heap grew far past what a later run needs, restart the worker
 * (when that loses nothing) and prepare the fresh one as Run would, so every panel keeps working.
 * Returns the step a run takes at its end (with the run's config and token).
 */
export function heapHandBack(ctx: FlowContext, store: StoreApi<Store>): (config: Config, token: number) => Promise<void> {
  const { get, set } = ctx;
  /** The worker last advised to reload, and the advice: it talks about the run then shown, and goes with it. */
  let advisedWorker = -1;
  let heapAdvice: string | null = null;
  store.subscribe((s, prev) => {
    if (s.runConfig === prev.runConfig || heapAdvice === null) return;
    if (s.notice === heapAdvice) set({ notice: null });
    heapAdvice = null;
  });

  return async (config, token) => {
    const f = await guarded((api) => api.footprint()).catch(() => null);
    if (!f?.memory || token !== ctx.runToken || get().retrainStatus === 'running' || get().proxySampleProgress) return;
    const plan = heapPlan(f.memory.heapBytes, f.keptWeights, config.data === 'cifar10');
    if (plan.kind === 'none') return;
    if (plan.kind === 'advise' || !retireIfIdle()) {
      // Once per worker: its memory never shrinks, so every later run would repeat the same advice.
      if (advisedWorker === workerId()) return;
      advisedWorker = workerId();
      heapAdvice = plan.notice;
      set({ notice: plan.notice });
      return;
    }
    try {
      await prepare(ctx, config, true);
      const fresh = (await guarded((api) => api.footprint())).memory;
      const progress = get().progress;
      if (token === ctx.runToken && progress && fresh) set({ progress: { ...progress, memory: fresh } });
      set({ notice: plan.notice });
    } catch (e) {
      set({ notice: `${plan.grown}; preparing the fresh engine worker failed (${messageOf(e)}): Run prepares it again.` });
    }
  };
}
