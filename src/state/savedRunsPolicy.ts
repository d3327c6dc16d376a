/**
 * Which saved runs IndexedDB keeps, and how a record saved under an older config table is found again.
 * Pure (no IndexedDB), so Node tests check it; persist.ts applies it.
 */
import { parseConfig, runIdentity } from '../config';

/** The newest runs kept whatever they hold. */
export const KEEP_RUNS = 50;
/** Runs with retrained subnets are finished work kept beyond KEEP_RUNS, up to this many (the newest). */
export const KEEP_WITH_RETRAINS = 200;

export interface SavedRunMeta {
  key: string;
  savedAt: string;
  retrained: number;
}

/** The keys to delete: every record that is neither among the newest `keep` nor among the newest `keepRetrained` with retrains. */
export function evictions(records: readonly SavedRunMeta[], keep = KEEP_RUNS, keepRetrained = KEEP_WITH_RETRAINS): string[] {
  const newestFirst = [...records].sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0));
  let withRetrains = 0;
  return newestFirst
    .filter((r, i) => {
      if (r.retrained > 0 && withRetrains++ < keepRetrained) return false;
      return i >= keep;
    })
    .map((r) => r.key);
}

/** A record's key: the run's identity (its config without search and retrain keys) and its images' identity. */
export const splitKey = (key: string): { identity: string; dataId: string } | null => {
  const bar = key.lastIndexOf('|');
  return bar < 0 ? null : { identity: key.slice(0, bar), dataId: key.slice(bar + 1) };
};

/**
 * True when `oldKey`, saved before the config table gained (or renamed the default of) a key, names the run
 * `wanted` names now: its identity read as an old link is read (keys it lacks take their defaults).
 */
export function sameRunUnderNewKeys(oldKey: string, wanted: string): boolean {
  const old = splitKey(oldKey);
  const now = splitKey(wanted);
  if (!old || !now || old.dataId !== now.dataId || old.identity === now.identity) return false;
  return runIdentity(parseConfig(old.identity).config) === now.identity;
}
