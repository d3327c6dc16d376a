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

/** Version of the saved-run record; records of other versions are not shown. */
export const SAVED_RUN_VERSION = 2;

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

/** The run saved for `config` on the images `dataId`, if any. */
export async function loadRun(config: Config, dataId: string): Promise<SavedRun | null> {
  try {
    const run: unknown = await (await open()).get('runs', runKey(config, dataId));
    return isSavedRun(run) ? run : null;
  } catch { return null; }
}

/** A light shape check: records of another version, or missing the series the page draws, are not shown. */
function isSavedRun(x: unknown): x is SavedRun {
  const r = x as Partial<SavedRun> | null | undefined;
  return !!r && r.version === SAVED_RUN_VERSION && typeof r.dataId === 'string' && !!r.config && !!r.result
    && Array.isArray(r.epochs) && Array.isArray(r.stability) && Array.isArray(r.top) && Array.isArray(r.retrained);
}
