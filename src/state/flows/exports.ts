/**
 * A subnet of the run shown, downloaded: as a TensorFlow.js Layers model (from the retrain panel, whose
 * error line says why it failed) or as PyTorch source (from the ranking's export bar: a notice).
 */
import { guarded } from '../engineClient';
import { messageOf } from '../errors';
import type { FlowSlice } from '../slices/types';
import type { FlowContext } from './context';

export function exportFlows({ get, set }: FlowContext): Pick<FlowSlice, 'exportTfjs' | 'exportPytorch'> {
  return {
    exportTfjs: async (path) => {
      const { runConfig, result } = get();
      if (!runConfig) return null;
      try {
        return await guarded((api) => api.exportTfjs(runConfig, path, result?.dataId));
      } catch (e) {
        set({ retrainError: messageOf(e) });
        return null;
      }
    },
    exportPytorch: async (path, meta) => {
      const config = get().runConfig;
      if (!config) return null;
      // Not the run's error banner ("the run failed"): the run is fine, one file could not be made.
      try {
        return await guarded((api) => api.exportPytorch(config, path, meta));
      } catch (e) {
        set({ notice: `The PyTorch file could not be made: ${messageOf(e)}` });
        return null;
      }
    },
  };
}
