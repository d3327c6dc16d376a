/// <reference lib="dom" />
/**
 * The saved runs in IndexedDB: a run saved under an older config table's key (before `aug` existed) is
 * found and moved to its key today; saving keeps the newest 50 runs and those with retrained subnets,
 * deleting the rest; the About panel counts them and deletes them all on request.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, commitInput, reopen, runTo } from './helpers';

const RUN = 'v=1&seed=41&n=128&val=32&epochs=1&stages=8x1,16x1&space=custom';

/** Runs `body` on the page's 'runs' store (the app's own database, opened by the app already). */
function withRuns<T>(page: Page, body: string, arg?: unknown): Promise<T> {
  return page.evaluate(async ({ body, arg }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('bn-nas-playground', 1);
      r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error);
    });
    const run = new Function('store', 'arg', `return (async () => { ${body} })();`) as (s: IDBObjectStore, a: unknown) => Promise<T>;
    const tx = db.transaction('runs', 'readwrite');
    const done = new Promise<void>((resolve, reject) => { tx.oncomplete = () => resolve(); tx.onerror = () => reject(tx.error); });
    const out = await run(tx.objectStore('runs'), arg);
    await done;
    db.close();
    return out;
  }, { body, arg });
}
const REQ = 'const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });';

test('saved runs: an old key is migrated, the newest 50 and those with retrains are kept, and Delete clears them', async ({ page }) => {
  const errors = collectErrors(page);
  await runTo(page, RUN);
  const keys = async () => (await withRuns<string[]>(page, `${REQ} return (await req(store.getAllKeys())).map(String);`)).sort();
  await expect.poll(async () => (await keys()).length).toBe(1);
  const [key] = await keys();
  expect(key).toContain('&aug=none');

  // The same record as an older table saved it: no `aug` in its key or its config; and 60 older runs beside it.
  const oldKey = key!.replace('&aug=none', '');
  await withRuns(page, `${REQ}
    const rec = await req(store.get(arg.key));
    delete rec.config.aug;
    rec.savedAt = new Date(Date.UTC(2026, 5, 1)).toISOString();
    store.put(rec, arg.oldKey); store.delete(arg.key);
    for (let i = 0; i < 60; i++) store.put({ savedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), retrained: i === 2 ? [{ path: 'x' }] : [] }, 'fake-' + i + '|d');`,
  { key, oldKey });

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
