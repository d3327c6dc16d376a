/**
 * Finished runs in IndexedDB, keyed by the config's URL encoding: reopening a
 * link shows its last results at once. Failures (private mode, quota) only
 * lose the convenience, never the run.
 */
import { openDB, type IDBPDatabase } from 'idb';
import type { Config } from '../config';
import type { EpochReport } from '../engine/train';
import type { RankedRow } from '../engine/experiment';
import type { RetrainOutcome, RunResult } from '../worker/events';

export interface SavedRun {
  config: Config;
  result: RunResult;
  epochs: EpochReport[];
  stability: { epoch: number; kendallVsLatest: number }[];
  top: RankedRow[];
  retrained: RetrainOutcome[];
  savedAt: string;
}

let db: Promise<IDBPDatabase> | null = null;

function open(): Promise<IDBPDatabase> {
  db ??= openDB('bn-nas-playground', 1, { upgrade: (d) => { d.createObjectStore('runs'); } });
  return db;
}

export async function saveRun(key: string, run: SavedRun): Promise<void> {
  try { await (await open()).put('runs', run, key); } catch (e) { console.warn('could not save the run:', e); }
}

export async function loadRun(key: string): Promise<SavedRun | null> {
  try {
    const run = ((await (await open()).get('runs', key)) as SavedRun | undefined) ?? null;
    // Retrains saved before proxies and seeds were recorded cannot join the leaderboard: drop them.
    if (run) run.retrained = run.retrained.filter((r) => r.proxies !== undefined && Array.isArray(r.accuracies));
    return run;
  } catch { return null; }
}
