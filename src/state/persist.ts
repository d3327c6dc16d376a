/**
 * Finished runs in IndexedDB, keyed by the config's URL encoding and the
 * identity of the images it trained on: reopening a link shows its last
 * results at once, and never a run made on other files. Failures (private
 * mode, quota) only lose the convenience, never the run.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { runIdentity, type Config } from '../config';
import type { EpochReport } from '../engine/train';
import type { RankedRow } from '../engine/search';
import type { RetrainOutcome } from '../worker/events';
import type { TruthEpoch } from '../engine/session';
import type { RunSummary } from './slices/types';
import { checkSavedRun, SAVED_RUN_VERSION } from './savedRunSchema';

export { SAVED_RUN_VERSION };

export interface SavedRun {
  version: typeof SAVED_RUN_VERSION;
  config: Config;
  dataId: string;
  result: RunSummary;
  epochs: EpochReport[];
  stability: { epoch: number; kendall: number }[];
  top: RankedRow[];
  /** On a benchmark space: each epoch's ranking against the truth. */
  truthEpochs?: TruthEpoch[];
  retrained: RetrainOutcome[];
  savedAt: string;
}

let db: Promise<IDBPDatabase> | null = null;

function open(): Promise<IDBPDatabase> {
  db ??= openDB('bn-nas-playground', 1, { upgrade: (d) => { d.createObjectStore('runs'); } });
  return db;
}

/** The key of a run: its config and its data's identity. */
export function runKey(config: Config, dataId: string): string {
  return `${runIdentity(config)}|${dataId}`;
}

export async function saveRun(run: SavedRun): Promise<void> {
  try { await (await open()).put('runs', run, runKey(run.config, run.dataId)); } catch (e) { console.warn('could not save the run:', e); }
}

/**
 * The run saved for `config` on the images `dataId`, if any and if it passes
 * the schema; a record that does not is deleted, and `problem` says why.
 */
export async function loadRun(config: Config, dataId: string): Promise<{ run: SavedRun | null; problem?: string }> {
  try {
    const store = await open();
    const key = runKey(config, dataId);
    const raw: unknown = await store.get('runs', key);
    if (raw === undefined) return { run: null };
    const checked = checkSavedRun<SavedRun>(raw);
    if ('run' in checked) return { run: checked.run };
    await store.delete('runs', key).catch(() => {});
    return { run: null, problem: checked.problem };
  } catch { return { run: null }; }
}
