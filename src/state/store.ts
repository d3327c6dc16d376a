/**
 * The one zustand store, assembled from slices (slices/) and the flows that
 * sequence them (orchestrate.ts). Plain numbers only: tensors stay in the worker.
 */
import { create } from 'zustand';
import { encodeConfig, parseConfig, type Config } from '../config';
import { createFlows } from './orchestrate';
import { createConfigSlice } from './slices/config';
import { createDataSlice } from './slices/data';
import { createRetrainSlice } from './slices/retrain';
import { createRunSlice } from './slices/run';
import type { Store } from './slices/types';
import { createViewSlice } from './slices/view';
import { encodeViewFlags, splitViewFlags, type ViewFlags } from './view';

export type { RunStatus, Store } from './slices/types';
export { shownTop } from './slices/run';

/** Reads config, view flags and warnings from a location hash. */
export function readHash(hash: string): { config: Config; view: ViewFlags; warnings: string[] } {
  const { view, rest, warnings: viewWarnings } = splitViewFlags(hash);
  const { config, warnings } = parseConfig(rest);
  return { config, view, warnings: [...warnings, ...viewWarnings] };
}

export function hashOf(config: Config, view: ViewFlags): string {
  const flags = encodeViewFlags(view);
  return `#${encodeConfig(config)}${flags ? `&${flags}` : ''}`;
}

export const useStore = create<Store>()((...a) => {
  const initial = readHash(typeof location === 'undefined' ? '' : location.hash);
  return {
    ...createConfigSlice(initial)(...a),
    ...createRunSlice(...a),
    ...createDataSlice(...a),
    ...createRetrainSlice(...a),
    ...createViewSlice(initial.view)(...a),
    ...createFlows(...a),
  };
});

export { syncUrl } from './url';
