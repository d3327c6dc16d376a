/**
 * The flows that sequence worker calls, data, model and UI (as tfjs-examples'
 * index.js does), one concern per file under flows/: run, restore, data,
 * retrain, exports and the worker's lifecycle. They share one explicit context
 * (flows/context.ts). Everything else in the store is plain state and its setters.
 */
import { createContext } from './flows/context';
import { dataFlows } from './flows/data';
import { exportFlows } from './flows/exports';
import { restoreFlows } from './flows/restore';
import { retrainFlows } from './flows/retrain';
import { runFlows, searchAgain } from './flows/run';
import { forgetLostWorkers, heapHandBack } from './flows/worker';
import type { FlowSlice, Slice } from './slices/types';

export const createFlows: Slice<FlowSlice> = (set, get, store) => {
  const ctx = createContext(get, set);
  forgetLostWorkers(ctx);
  // A changed search key (top-k, a budget, the Identity rule) ranks the finished run again.
  store.subscribe((s, prev) => {
    if (s.config !== prev.config) void searchAgain(ctx);
  });
  const afterRun = heapHandBack(ctx, store);
  return { ...runFlows(ctx, afterRun), ...restoreFlows(ctx), ...dataFlows(ctx), ...retrainFlows(ctx), ...exportFlows(ctx) };
};
