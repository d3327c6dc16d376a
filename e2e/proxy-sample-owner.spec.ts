/**
 * Issue 17, item 2: the zero-cost proxy sample belongs to its run. It has a Stop; Reset and a new run end it
 * and never show its result as theirs; a finished sample is kept with the saved run.
 */
import { expect, test } from '@playwright/test';
import { collectErrors, reopen, runTo, waitForFinished } from './helpers';

const RUN = 'v=1&seed=1&n=256&val=64&epochs=1';

test('a proxy sample stops with Stop and with Reset, a later run never shows it, and a finished one survives a reload', async ({ page }) => {
  const errors = collectErrors(page);
  await runTo(page, RUN);
  const progress = page.getByTestId('proxy-sample-progress');
  const table = page.getByTestId('proxy-sample-table');

  // Stop: the sample ends, nothing is shown, no error.
  await page.getByTestId('proxy-sample-count').fill('200');
  await page.getByTestId('proxy-sample-run').click();
  await expect(progress).toBeVisible();
  await page.getByTestId('proxy-sample-stop').click();
  await expect(progress).toHaveCount(0, { timeout: 30_000 });
  await expect(table).toHaveCount(0);
  await expect(page.getByTestId('retrain-error')).toHaveCount(0);

  // Reset while it works, then another run: the old sample neither keeps going on the page nor lands in the new run.
  await page.getByTestId('proxy-sample-run').click();
  await expect(progress).toBeVisible();
  await page.getByTestId('reset').click();
  await expect(progress).toHaveCount(0);
  await page.getByTestId('run').click();
  await waitForFinished(page);
  await page.waitForTimeout(3_000);
  await expect(table).toHaveCount(0);
  await expect(progress).toHaveCount(0);

  // A finished sample is saved with its run.
  await page.getByTestId('proxy-sample-count').fill('10');
  await page.getByTestId('proxy-sample-run').click();
  await expect(table).toBeVisible({ timeout: 120_000 });
  const tau = await page.getByTestId('ps-tau-snip').textContent();
  await page.waitForTimeout(500);
  await reopen(page, RUN);
  await expect(page.getByTestId('restored')).toBeVisible();
  await expect(page.getByTestId('ps-tau-snip')).toHaveText(tau!);
  expect(errors).toEqual([]);
});
