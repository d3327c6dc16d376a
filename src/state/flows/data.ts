/** The user's CIFAR-10 files (or URL) loaded into the worker, with byte progress and Cancel. */
import { Comlink, engine, guarded, workerAlive } from '../engineClient';
import { isStopped, messageOf } from '../errors';
import type { FlowSlice } from '../slices/types';
import { running, type FlowContext } from './context';

export function dataFlows(ctx: FlowContext): Pick<FlowSlice, 'loadCifar' | 'cancelDataLoad'> {
  const { get, set } = ctx;
  return {
    loadCifar: async (source) => {
      // The run trains on the images it started with: new files now would show data it does not use.
      if (running(ctx) || get().retrainStatus === 'running') {
        set({ notice: 'Files cannot be loaded while a run or a retrain works: stop it first (the loaded images stay as they are).' });
        return;
      }
      if (get().dataStatus === 'loading') return;
      set({ dataStatus: 'loading', dataProgress: { loaded: 0, total: null }, dataError: null });
      try {
        const buffers = source.kind === 'files' ? source.files.map((f) => f.bytes.buffer as ArrayBuffer) : [];
        const data = await guarded((api) =>
          api.loadData(
            Comlink.transfer({ kind: 'cifar10', source }, buffers),
            Comlink.proxy((loaded: number, total: number | null) => {
              workerAlive();
              set({ dataProgress: { loaded, total } });
            }),
          ),
        );
        set({ cifar: data, dataStatus: 'idle', dataProgress: null });
        get().setConfig({ data: 'cifar10' });
        if (get().status === 'idle') void get().restore();
      } catch (e) {
        set(
          isStopped(e)
            ? { dataStatus: 'idle', dataProgress: null, notice: 'Loading cancelled: the data in use is unchanged.' }
            : { dataStatus: 'error', dataProgress: null, dataError: messageOf(e) },
        );
      }
    },
    cancelDataLoad: () => {
      void engine().control('data', 'stop');
    },
  };
}
