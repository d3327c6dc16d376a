import type { RankedRow } from '../../engine/search';
import { NO_PROGRESS } from '../progressReducer';
import type { RunSlice, Slice, Store } from './types';

/** A run's state before it starts (Reset returns here). */
export const IDLE_RUN = {
  status: 'idle',
  ...NO_PROGRESS,
  result: null,
  error: null,
  heatmapEpoch: null,
  selectedPath: null,
  wallSeconds: null,
  runConfig: null,
  restoredAt: null,
  imported: null,
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

/** The ranking shown: the finished run's search, else the one streamed while it trains (each list is stored once). */
export const shownTop = (s: Pick<Store, 'result' | 'liveTop'>): RankedRow[] => s.result?.search.top ?? s.liveTop;
