import type { RunSlice, Slice } from './types';

/** A run's state before it starts (Reset returns here). */
export const IDLE_RUN = {
  status: 'idle', progress: null, epochs: [], sposEpochs: [], stability: [], top: [], truthEpochs: [], result: null, error: null,
  heatmapEpoch: null, selectedPath: null, wallSeconds: null, runConfig: null, restoredAt: null, imported: null,
} satisfies Partial<RunSlice>;

export const createRunSlice: Slice<RunSlice> = (set) => ({
  ...IDLE_RUN,
  backend: null,
  data: null,
  notice: null,
  dismissNotice: () => set({ notice: null }),
  setHeatmapEpoch: (epoch) => set({ heatmapEpoch: epoch }),
  selectPath: (path) => set({ selectedPath: path }),
});
