/** Controls that act after a run, runs that go wrong, and saved runs that are damaged: the page reacts, and says why. */
import { expect, test } from '@playwright/test';
import { collectErrors, openApp, readHeatmap, waitForFinished, waitForStatus } from './helpers';

const TINY = 'v=1&seed=8&stages=8x1,16x1&n=128&val=32&epochs=2&topk=25';

test('changing the FLOPs budget or top-k after a run searches the final scores again at once', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, TINY);
  await page.getByTestId('run').click();
  await waitForFinished(page);
  const rows = page.locator('[data-testid^="rank-row-"]');
  await expect(rows).toHaveCount(25);
  const flops = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-flops'))));
  const paths = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-path')));
  const auto = Number(await page.getByTestId('constrained').getAttribute('data-budget'));
  // A tighter budget: the 30th percentile of the listed paths' FLOPs, in MFLOPs as the field takes it.
  const tight = [...flops].sort((a, b) => a - b)[7]!;
  expect(tight).toBeLessThan(auto);
  await page.getByTestId('budget-flops').fill(String(tight / 1e6));
  await page.getByTestId('budget-flops').press('Enter');
  await expect(page.getByTestId('constrained')).toHaveAttribute('data-budget', String(tight));
  // Every path is listed best-first: the exact optimum is the first row that fits.
  const first = paths[flops.findIndex((f) => f <= tight)]!;
  await expect(page.getByTestId('constrained-exact')).toHaveAttribute('data-key', first);
  await page.getByTestId('num-topk').fill('5');
  await page.getByTestId('num-topk').press('Enter');
  await expect(rows).toHaveCount(5);
  expect(errors).toEqual([]);
});

test('retrain works on a restored run after a reload', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, `${TINY}&repochs=1`);
  await page.getByTestId('run').click();
  await waitForFinished(page);
  await page.waitForTimeout(300);
  await page.reload();
  await expect(page.getByTestId('restored')).toBeVisible();
  await page.getByTestId('enqueue-spread').click();
  await page.getByTestId('retrain').click();
  await expect(page.locator('[data-testid=retrain-results] tbody tr')).toHaveCount(5, { timeout: 120_000 });
  await expect(page.getByTestId('retrain-error')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the progress line never counts backwards at epoch boundaries', async ({ page }) => {
  await openApp(page, 'v=1&seed=8&stages=8x1,16x1&n=512&val=32&epochs=4&batch=32');
  await page.getByTestId('run').click();
  const seen: [number, number][] = [];
  const t0 = Date.now();
  while (Date.now() - t0 < 60_000) {
    const text = (await page.getByTestId('progress-text').textContent()) ?? '';
    const m = /epoch (\d+)\/\d+ · step (\d+)\//.exec(text);
    if (m) seen.push([Number(m[1]), Number(m[2])]);
    if ((await page.getByTestId('status').textContent()) === 'done') break;
    await page.waitForTimeout(30);
  }
  expect(seen.length).toBeGreaterThan(5);
  for (let i = 1; i < seen.length; i++) {
    expect(seen[i]![0], `epoch after ${JSON.stringify(seen[i - 1])}`).toBeGreaterThanOrEqual(seen[i - 1]![0]);
    expect(seen[i]![1]).toBeGreaterThanOrEqual(seen[i - 1]![1]);
  }
});

test('a diverging run stops with the reason and keeps the epochs it finished', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, 'v=1&stages=16x2,32x2,64x2&n=128&val=32&epochs=8&batch=8&mode=full&lr=10');
  await page.getByTestId('run').click();
  await waitForStatus(page, 'error', 180_000);
  await expect(page.getByTestId('run-error')).toContainText('diverged');
  await expect(page.getByTestId('run-error')).toContainText('lower the learning rate');
  // No Infinity or NaN anywhere in the heatmap that is still shown.
  const shown = (await page.getByTestId('heatmap').count()) ? await readHeatmap(page).catch(() => []) : [];
  for (const row of shown) for (const v of row) expect(Number.isFinite(v)).toBe(true);
  expect(errors).toEqual([]);
});

test('a damaged saved run is dropped with a notice and the page works', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, TINY);
  await page.getByTestId('run').click();
  await waitForFinished(page);
  await page.waitForTimeout(300);
  // Damage the stored record the way old versions or bad storage would: epochs null.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('bn-nas-playground');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction('runs', 'readwrite');
          const store = tx.objectStore('runs');
          const cursor = store.openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) return;
            c.update({ ...c.value, epochs: null });
            c.continue();
          };
          tx.oncomplete = () => resolve();
        };
      }),
  );
  await page.reload();
  await expect(page.getByTestId('notice')).toContainText('could not be read and was dropped');
  await expect(page.getByTestId('status')).toHaveText('idle');
  await page.getByTestId('run').click();
  await waitForFinished(page);
  expect(errors).toEqual([]);
});

test('two Run clicks before a re-render, and a link pasted while starting, make one run on the wished backend', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, TINY);
  await page.evaluate(() => {
    const b = document.querySelector<HTMLButtonElement>('[data-testid=run]')!;
    b.click();
    b.click();
  });
  await waitForFinished(page);
  await expect(page.getByTestId('backend-badge')).toContainText('wasm');
  await page.evaluate((h) => {
    location.hash = h;
    document.querySelector<HTMLButtonElement>('[data-testid=run]')!.click();
    location.hash = `${h}&backend=cpu`;
  }, `${TINY}&seed=9`);
  await page.getByTestId('run').click();
  await waitForFinished(page);
  await expect(page.getByTestId('backend-badge')).toContainText('cpu');
  expect(errors).toEqual([]);
});
