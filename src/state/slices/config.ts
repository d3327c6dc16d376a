import { mergeConfig, type Config } from '../../config';
import type { ConfigSlice, Slice } from './types';

/** At most this many warnings are kept: a hostile link cannot flood the page. */
const MAX_WARNINGS = 20;

export const createConfigSlice =
  (initial: { config: Config; warnings: string[] }): Slice<ConfigSlice> =>
  (set, get) => ({
    config: initial.config,
    warnings: initial.warnings.slice(0, MAX_WARNINGS),
    setConfig: (patch) => {
      const { config, warnings } = mergeConfig(get().config, patch);
      set({ config, warnings: warnings.length ? warnings.slice(0, MAX_WARNINGS) : get().warnings });
    },
    replaceConfig: (config, warnings = []) => set({ config, warnings: warnings.slice(0, MAX_WARNINGS) }),
    addWarnings: (warnings) => set({ warnings: [...get().warnings, ...warnings].slice(0, MAX_WARNINGS) }),
    dismissWarnings: () => set({ warnings: [] }),
  });
