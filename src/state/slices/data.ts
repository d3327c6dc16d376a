import type { DataSlice, Slice } from './types';

export const createDataSlice: Slice<DataSlice> = (set) => ({
  cifar: null,
  dataStatus: 'idle',
  dataProgress: null,
  dataError: null,
  benchmarkTable: null,
  benchmarkError: null,
  dismissDataError: () => set({ dataStatus: 'idle', dataError: null }),
});
