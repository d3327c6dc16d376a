/**
 * Runs shown without training them here: the run saved for this link and data (on page load, or once
 * the user's files are loaded), and a report trained elsewhere opened as a finished run.
 */
import { knownDataId } from '../../config';
import { engine, guarded } from '../engineClient';
import { messageOf } from '../errors';
import { loadRun } from '../persist';
import { IDLE_RETRAIN } from '../slices/retrain';
import { IDLE_RUN } from '../slices/run';
import type { FlowSlice } from '../slices/types';
import { againIfUnstarted, loadTruthFor, running, type FlowContext } from './context';
import { searchAgain, summaryOf } from './run';

export function restoreFlows(ctx: FlowContext): Pick<FlowSlice, 'restore' | 'openReport'> {
  const { get, set } = ctx;
  return {
    restore: async () => {
      const config = get().config;
      // The user's files have an identity only once loaded: their saved runs show after that, never for other files.
      const dataId = knownDataId(config) ?? get().cifar?.id;
      if (dataId === undefined) return;
      const { run: saved, problem } = await loadRun(config, dataId);
      if (problem) set({ notice: `A saved run for this link could not be read and was dropped (${problem}).` });
      if (!saved || get().status !== 'idle') return;
      set({
        status: 'done',
        runConfig: saved.config,
        result: saved.result,
        epochs: saved.epochs,
        stability: saved.stability,
        sposEpochs: saved.result.comparison?.spos.epochReports ?? [],
        liveTop: [],
        truthEpochs: saved.truthEpochs ?? [],
        retrained: saved.retrained,
        proxySample: saved.proxySample ?? null,
        restoredAt: saved.savedAt,
      });
      // Shown at once; the benchmark table follows (a table that hangs or is damaged is said in its panel).
      await loadTruthFor(ctx, saved.config);
      void searchAgain(ctx);
    },

    openReport: async ({ name, text }) => {
      if (running(ctx) || get().retrainStatus === 'running') {
        set({ notice: 'A run or a retrain is working: stop it (or let it finish) before opening a report. Nothing was changed.' });
        return;
      }
      const token = ctx.runToken;
      try {
        // In the worker (engine code stays there): read first, so its config says whether the benchmark
        // table is needed, then analysed where that table is held.
        const view = await againIfUnstarted(ctx, 'report', async () => {
          await loadTruthFor(ctx, await guarded((api) => api.readReport(text)));
          return guarded((api) => api.openReport(text));
        });
        if (token !== ctx.runToken) return; // a run started meanwhile
        ++ctx.runToken;
        void engine().control('proxies', 'stop');
        const r = view.result;
        set({
          ...IDLE_RUN,
          ...IDLE_RETRAIN,
          proxySample: null,
          proxySampleProgress: null,
          status: 'done',
          runConfig: view.config,
          result: summaryOf(r),
          epochs: r.epochs,
          stability: r.stability,
          sposEpochs: r.comparison?.spos.epochReports ?? [],
          truthEpochs: view.truthEpochs,
          imported: { ...view.trainedWith, file: name },
        });
        // Then the config panel, the link and the stale banner follow it, as after a run of that config.
        get().replaceConfig(view.config);
      } catch (e) {
        if (token === ctx.runToken) set({ notice: `${name} could not be opened: ${messageOf(e)}. What was shown stays.` });
      }
    },
  };
}
