/// <reference lib="dom" />
/**
 * The saved runs in IndexedDB: a run saved under an older config table's key (before `aug` existed) is
 * found and moved to its key today; saving keeps the newest 50 runs and those with retrained subnets,
 * deleting the rest; the About panel counts them and deletes them all on request.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, commitInput, reopen, runTo } from './helpers';

const RUN = 'v=1&seed=41&n=128&val=32&epochs=1&stages=8x1,16x1&space=custom';

/** The app's 'runs' store in the page (the app opened the database already); no eval: the page's CSP forbids it. */
function keysOf(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('bn-nas-playground', 1);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
      const r = db.transaction('runs').objectStore('runs').getAllKeys();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    db.close();
    return keys.map(String).sort();
  });
}

/** Moves the record at `key` to `oldKey` without its `aug` (as an older table saved it), and adds 60 older runs. */
function ageRecord(page: Page, key: string, oldKey: string): Promise<void> {
  return page.evaluate(
    async ({ key, oldKey }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('bn-nas-playground', 1);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const tx = db.transaction('runs', 'readwrite');
      const store = tx.objectStore('runs');
      const rec = await new Promise<{ config: Record<string, unknown>; savedAt: string }>((resolve, reject) => {
        const r = store.get(key);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      delete rec.config.aug;
      rec.savedAt = new Date(Date.UTC(2026, 5, 1)).toISOString();
      store.put(rec, oldKey);
      store.delete(key);
      for (let i = 0; i < 60; i++)
        store.put({ savedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), retrained: i === 2 ? [{ path: 'x' }] : [] }, `fake-${i}|d`);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { key, oldKey },
  );
}

test('saved runs: an old key is migrated, the newest 50 and those with retrains are kept, and Delete clears them', async ({ page }) => {
  const errors = collectErrors(page);
  await runTo(page, RUN);
  const keys = () => keysOf(page);
  await expect.poll(async () => (await keys()).length).toBe(1);
  const [key] = await keys();
  expect(key).toContain('&aug=none');

  // The same record as an older table saved it: no `aug` in its key or its config; and 60 older runs beside it.
  const oldKey = key!.replace('&aug=none', '');
  await ageRecord(page, key!, oldKey);

  await reopen(page, RUN);
  await expect(page.getByTestId('restored')).toBeVisible();
  await expect(page.getByTestId('rank-row-0')).toBeVisible();
  let now = await keys();
  expect(now).toContain(key);
  expect(now).not.toContain(oldKey);

  // A save (a new top-k re-searches and saves) trims to the newest 50 plus the runs with retrains.
  await commitInput(page, 'num-topk', '7');
  // Independently: the real run (newest) and fakes 59..11 are the newest 50; fake-2 holds a retrain.
  const want = [key!, ...Array.from({ length: 49 }, (_, j) => `fake-${59 - j}|d`), 'fake-2|d'].sort();
  await expect.poll(keys).toEqual(want);

  // The About panel counts them; Delete empties the store, and the link then opens with nothing restored.
  await page.getByText('About BN-NAS').click();
  await expect(page.getByTestId('saved-runs-count')).toHaveText('51');
  await page.getByTestId('saved-runs-clear').click();
  await expect(page.getByTestId('saved-runs-count')).toHaveText('0');
  await expect(page.getByTestId('saved-runs')).toContainText('Deleted 51 saved runs.');
  now = await keys();
  expect(now).toEqual([]);
  await reopen(page, RUN);
  await expect(page.getByTestId('status')).toHaveText('idle');
  await expect(page.getByTestId('restored')).toHaveCount(0);
  expect(errors).toEqual([]);
});
