/**
 * What the flows share, as one explicit object instead of closure variables: the store's get/set,
 * which run and which retrain are current (a result of an older one is dropped), the Stop watch,
 * and the steps every flow takes (save the run shown, prepare the worker, start again once).
 */
import { benchmarkInfo, BUILTIN_CIFAR10, runIdentity, spaceInfo, type Config } from '../../config';
import type { DataSpec } from '../../worker/events';
import { againIfUnstarted as retryIfUnstarted, guarded, replace, workerId } from '../engineClient';
import { messageOf } from '../errors';
import { savedRecordOf, saveRun } from '../persist';
import { createStopWatch } from '../stopWatch';
import type { Store } from '../slices/types';

type GetState = () => Store;
type SetState = (patch: Partial<Store>) => void;

export interface FlowContext {
  get: GetState;
  set: SetState;
  /** The run shown: bumped by Run, Reset and an opened report; a result of an older token is dropped. */
  runToken: number;
  /** The retrain queue started last: a Stop watches only that one. */
  retrainToken: number;
  /** The run whose Stop was pressed before its training call began (while it was still "starting"). */
  stoppedBeforeStart: number;
  /** The worker that holds the benchmark table: a fresh worker (after a loss or a hand-back) needs it again. */
  tableIn: number;
  stops: ReturnType<typeof createStopWatch>;
}

export function createContext(get: GetState, set: SetState): FlowContext {
  return { get, set, runToken: 0, retrainToken: 0, stoppedBeforeStart: 0, tableIn: 0, stops: createStopWatch(replace) };
}

/** The same run: same config keys that make a run (retrains of one stay with a re-run of it). */
export const sameRun = (a: Config | null, b: Config) => a !== null && runIdentity(a) === runIdentity(b);

/** A supernet run is under way (starting, training or paused). */
export const running = (ctx: FlowContext) => ['starting', 'training', 'paused'].includes(ctx.get().status);

/** The data spec a config needs loaded before it runs, or null for the user's files (loaded in the Data panel). */
function dataSpecOf(config: Config): DataSpec | null {
  if (config.data === 'generated') return { kind: 'generated', count: config.n + config.val, seed: config.seed };
  if (config.data === 'builtin') return { kind: 'builtin', url: new URL(BUILTIN_CIFAR10.file, document.baseURI).href };
  return null;
}

/** Saves the finished run shown (and its retrains and proxy sample) under its config and data. */
export async function persist({ get }: FlowContext): Promise<void> {
  // A run opened from a report is not this page's run: saved under its config, it would come back unlabelled.
  if (get().imported) return;
  const record = savedRecordOf(get());
  if (record) await saveRun(record);
}

/** The benchmark table, fetched once per worker, before the first run (or restore) on its space. */
export async function loadTruthFor(ctx: FlowContext, config: Config): Promise<void> {
  const { get, set } = ctx;
  const benchmark = spaceInfo(config.space).benchmark;
  if (!benchmark) return;
  const id = workerId();
  if (ctx.tableIn === id && get().benchmarkTable?.benchmark === benchmark) return;
  try {
    const url = new URL(benchmarkInfo(benchmark).file, document.baseURI).href;
    set({ benchmarkTable: await guarded((api) => api.loadBenchmark(benchmark, url)), benchmarkError: null });
    ctx.tableIn = id;
  } catch (e) {
    // Said where the truth would show; the run itself does not need the table.
    set({ benchmarkError: messageOf(e) });
  }
}

/**
 * What a call needs in the worker first: the backend, the config's images and, on its space, the
 * benchmark table. `show` puts the images' summary on the page (for the config being run).
 */
export async function prepare(ctx: FlowContext, config: Config, show: boolean): Promise<void> {
  const { set } = ctx;
  set({ backend: await guarded((api) => api.init(config.backend)) });
  const spec = dataSpecOf(config);
  if (spec) {
    const data = await guarded((api) => api.loadData(spec));
    if (show) set({ data });
  }
  await loadTruthFor(ctx, config);
}

/** A call that never reached a worker already gone is started again once on a fresh one, with a notice. */
export const againIfUnstarted = <T>(ctx: FlowContext, what: string, body: () => Promise<T>): Promise<T> =>
  retryIfUnstarted(body, () => ctx.set({ notice: `The engine had stopped; it was restarted and your ${what} started again.` }));
