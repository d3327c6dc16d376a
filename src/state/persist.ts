/**
 * Finished runs in IndexedDB, keyed by the config's URL encoding and the
 * identity of the images it trained on: reopening a link shows its last
 * results at once, and never a run made on other files. Failures (private
 * mode, quota) only lose the convenience, never the run. The newest 50 runs and those with
 * retrained subnets are kept; a run saved before the config table grew is found under its old key.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { parseConfig, runIdentity, type Config } from '../config';
import type { RetrainOutcome } from '../worker/events';
import type { Store } from './slices/types';
import { checkSavedRun, SAVED_RUN_VERSION, type SavedRun } from './savedRunSchema';
import { evictions, sameRunUnderNewKeys, splitKey, type SavedRunMeta } from './savedRunsPolicy';

// The record's version and type are the schema's (savedRunSchema.ts): one source for what is saved and what is read.
export { SAVED_RUN_VERSION, type SavedRun };

/** The record of the finished run a store shows, or null while none is shown. */
export function savedRecordOf(s: Pick<Store, 'runConfig' | 'result' | 'epochs' | 'stability' | 'truthEpochs' | 'retrained' | 'proxySample'>): SavedRun | null {
  if (!s.runConfig || !s.result) return null;
  return {
    version: SAVED_RUN_VERSION,
    config: s.runConfig,
    dataId: s.result.dataId,
    result: s.result,
    epochs: s.epochs,
    stability: s.stability,
    truthEpochs: s.truthEpochs,
    retrained: s.retrained,
    ...(s.proxySample ? { proxySample: s.proxySample } : {}),
    savedAt: new Date().toISOString(),
  };
}

let db: Promise<IDBPDatabase> | null = null;

function open(): Promise<IDBPDatabase> {
  db ??= openDB('bn-nas-playground', 1, {
    upgrade: (d) => {
      d.createObjectStore('runs');
    },
  });
  return db;
}

/** The key of a run: its config and its data's identity. */
export function runKey(config: Config, dataId: string): string {
  return `${runIdentity(config)}|${dataId}`;
}

/** Retrained subnets of both lists, by path; `next` wins for a path in both. */
function mergeRetrained(saved: readonly RetrainOutcome[], next: readonly RetrainOutcome[]): RetrainOutcome[] {
  const byPath = new Map(saved.map((r) => [r.path, r]));
  for (const r of next) byPath.set(r.path, r);
  return [...byPath.values()];
}

/**
 * Saves a run. Retrained subnets are finished work that another tab (or a retrain still going) may have
 * added meanwhile: the record keeps every subnet already saved for this run, merged by path, in one transaction.
 */
export async function saveRun(run: SavedRun): Promise<void> {
  try {
    const tx = (await open()).transaction('runs', 'readwrite');
    const key = runKey(run.config, run.dataId);
    const saved = (await tx.store.get(key)) as SavedRun | undefined;
    const retrained = saved && Array.isArray(saved.retrained) ? mergeRetrained(saved.retrained, run.retrained) : run.retrained;
    await tx.store.put({ ...run, retrained }, key);
    await tx.done;
  } catch (e) {
    console.warn('could not save the run:', e);
    return;
  }
  await evictOld();
}

/** Keeps the newest runs and those with retrained subnets (savedRunsPolicy.ts); the rest are deleted. */
async function evictOld(): Promise<void> {
  try {
    const tx = (await open()).transaction('runs', 'readwrite');
    const meta: SavedRunMeta[] = [];
    for (let c = await tx.store.openCursor(); c; c = await c.continue()) {
      const v = c.value as Partial<SavedRun> | undefined;
      meta.push({
        key: String(c.key),
        savedAt: typeof v?.savedAt === 'string' ? v.savedAt : '',
        retrained: Array.isArray(v?.retrained) ? v.retrained.length : 0,
      });
    }
    await Promise.all(evictions(meta).map((k) => tx.store.delete(k)));
    await tx.done;
  } catch (e) {
    console.warn('could not trim the saved runs:', e);
  }
  notify();
}

const changed = new Set<() => void>();
/** Calls `listener` after each save, trim or clear; returns the unsubscribe. */
export function onSavedRunsChanged(listener: () => void): () => void {
  changed.add(listener);
  return () => {
    changed.delete(listener);
  };
}
const notify = () => {
  for (const l of changed) l();
};

/** How many runs this browser keeps (null when IndexedDB is unavailable). */
export async function countRuns(): Promise<number | null> {
  try {
    return await (await open()).count('runs');
  } catch {
    return null;
  }
}

/** Deletes every saved run (the page's results on show stay until the next load). */
export async function clearRuns(): Promise<void> {
  await (await open()).clear('runs');
  notify();
}

/** A record saved under an older config table's key for the run `key` names, moved to `key`; undefined when none. */
async function migrated(key: string): Promise<unknown> {
  const tx = (await open()).transaction('runs', 'readwrite');
  const old = (await tx.store.getAllKeys()).map(String).find((k) => sameRunUnderNewKeys(k, key));
  if (old === undefined) {
    await tx.done;
    return undefined;
  }
  const raw = (await tx.store.get(old)) as Partial<SavedRun> | undefined;
  const wanted = splitKey(key)!;
  // Its own values (search and retrain keys too) over the defaults of the keys it lacks.
  const moved = raw && typeof raw === 'object' ? { ...raw, config: { ...parseConfig(wanted.identity).config, ...raw.config } } : raw;
  await tx.store.put(moved, key);
  await tx.store.delete(old);
  await tx.done;
  return moved;
}

/**
 * Adds one retrained subnet to the saved run it belongs to (the run a retrain was started from, whatever the
 * page shows now). False when that run has no saved record to add it to.
 */
export async function addRetrained(config: Config, dataId: string, outcome: RetrainOutcome): Promise<boolean> {
  try {
    const tx = (await open()).transaction('runs', 'readwrite');
    const key = runKey(config, dataId);
    const saved = (await tx.store.get(key)) as SavedRun | undefined;
    if (!saved || !Array.isArray(saved.retrained)) {
      await tx.done;
      return false;
    }
    await tx.store.put({ ...saved, retrained: mergeRetrained(saved.retrained, [outcome]), savedAt: new Date().toISOString() }, key);
    await tx.done;
    return true;
  } catch (e) {
    console.warn('could not save the retrained subnet:', e);
    return false;
  }
}

/**
 * The run saved for `config` on the images `dataId`, if any and if it passes
 * the schema; a record that does not is deleted, and `problem` says why.
 */
export async function loadRun(config: Config, dataId: string): Promise<{ run: SavedRun | null; problem?: string }> {
  try {
    const store = await open();
    const key = runKey(config, dataId);
    const raw: unknown = (await store.get('runs', key)) ?? (await migrated(key));
    if (raw === undefined) return { run: null };
    const checked = checkSavedRun<SavedRun>(raw);
    if ('run' in checked) return { run: checked.run };
    await store.delete('runs', key).catch(() => {});
    return { run: null, problem: checked.problem };
  } catch {
    return { run: null };
  }
}
