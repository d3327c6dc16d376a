/**
 * Issue 17, items 1, 4, 5: a retrain belongs to the run it was started from. Its subnets are saved under
 * that run whatever the page shows meanwhile (another link, a Reset), and a save from another tab of the
 * same run never drops them.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, commitInput, openApp, reopen, runTo } from './helpers';

const X = 'v=1&seed=21&n=128&val=32&epochs=1&stages=8x1,16x1&repochs=2';
const rows = (page: Page) => page.locator('[data-testid=retrain-results] tbody tr');

async function startSpreadRetrain(page: Page): Promise<void> {
  await page.getByTestId('enqueue-spread').click();
  await page.getByTestId('retrain').click();
  await expect(page.getByTestId('retrain-stop')).toBeEnabled();
}

/** Waits until the retrain in the worker has ended (its Stop is disabled again). */
async function retrainEnded(page: Page): Promise<void> {
  await expect(page.getByTestId('retrain-stop')).toBeDisabled({ timeout: 180_000 });
}

test("a retrain's subnets are saved under the run it started from, even when another link is opened meanwhile", async ({ page }) => {
  const errors = collectErrors(page);
  const Y = X.replace('seed=21', 'seed=22');
  await runTo(page, X);
  await reopen(page, Y);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('wall-seconds')).toHaveCount(1, { timeout: 120_000 });
  await startSpreadRetrain(page);
  await page.evaluate((hash) => {
    location.hash = hash;
  }, X);
  await expect(page.getByTestId('restored')).toBeVisible();
  await retrainEnded(page);
  await expect(rows(page)).toHaveCount(0); // X never retrained anything

  await reopen(page, Y);
  await expect(page.getByTestId('restored')).toBeVisible();
  await expect(rows(page)).toHaveCount(5);
  await reopen(page, X);
  await expect(page.getByTestId('restored')).toBeVisible();
  await expect(rows(page)).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('Reset during a retrain: the subnets it finishes are still saved with their run', async ({ page }) => {
  const errors = collectErrors(page);
  const Z = X.replace('seed=21', 'seed=23');
  await runTo(page, Z);
  await startSpreadRetrain(page);
  await page.getByTestId('reset').click();
  await retrainEnded(page);
  await reopen(page, Z);
  await expect(page.getByTestId('restored')).toBeVisible();
  await expect(rows(page)).toHaveCount(5);
  expect(errors).toEqual([]);
});

test("two tabs on one run: a search setting saved from the other tab keeps this tab's retrained subnets", async ({ page, context }) => {
  const errors = collectErrors(page);
  const W = X.replace('seed=21', 'seed=24');
  await runTo(page, W);
  const other = await context.newPage();
  await openApp(other, W);
  await expect(other.getByTestId('restored')).toBeVisible();
  await startSpreadRetrain(page);
  await expect(rows(page)).toHaveCount(5, { timeout: 180_000 });
  // The other tab, which never saw those subnets, changes top-k: its ranking is searched again and saved.
  await commitInput(other, 'num-topk', '7');
  await expect(other.locator('[data-testid^=rank-row-]')).toHaveCount(7);
  await other.waitForTimeout(500);
  const third = await context.newPage();
  await openApp(third, W);
  await expect(third.getByTestId('restored')).toBeVisible();
  await expect(rows(third)).toHaveCount(5);
  expect(errors).toEqual([]);
});
