import type { ViewFlags } from '../view';
import type { Slice, ViewSlice } from './types';

export const createViewSlice =
  (initial: ViewFlags): Slice<ViewSlice> =>
  (set, get) => ({
    view: initial,
    controlsOpen: !initial.present,
    setView: (patch) => set({ view: { ...get().view, ...patch } }),
    togglePanel: (panel) => {
      const hide = get().view.hide.includes(panel) ? get().view.hide.filter((p) => p !== panel) : [...get().view.hide, panel];
      set({ view: { ...get().view, hide } });
    },
    setControlsOpen: (open) => set({ controlsOpen: open }),
  });
