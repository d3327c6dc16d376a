import type { RetrainSlice, Slice } from './types';

/** The retrain queue of a run before anything is queued. */
export const IDLE_RETRAIN = {
  queue: [],
  retrainStatus: 'idle',
  retrainProgress: null,
  retrainError: null,
  retrained: [],
  proxySample: null,
  proxySampleProgress: null,
} satisfies Partial<RetrainSlice>;

export const createRetrainSlice: Slice<RetrainSlice> = (set, get) => ({
  ...IDLE_RETRAIN,
  enqueue: (entry) => {
    if (!get().queue.some((q) => q.path === entry.path)) set({ queue: [...get().queue, entry] });
  },
  enqueueMany: (entries) => {
    const have = new Set(get().queue.map((q) => q.path));
    set({ queue: [...get().queue, ...entries.filter((e) => !have.has(e.path) && (have.add(e.path), true))] });
  },
  dequeue: (path) => set({ queue: get().queue.filter((q) => q.path !== path) }),
});
