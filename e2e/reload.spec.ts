import { expect, test } from '@playwright/test';
import { collectErrors, openApp, waitForFinished } from './helpers';

const HASH = 'v=1&seed=11&n=128&val=32&epochs=2&stages=8x1,16x1,32x1';

test('a finished run survives a reload: heatmap, ranking and retrains come back at once, with Re-run', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, HASH);
  await page.getByTestId('run').click();
  await waitForFinished(page, 120_000);
  const top = await page.getByTestId('rank-row-0').getAttribute('data-path');
  const cell = await page.getByTestId('cell-1-2').getAttribute('data-value');
  await page.getByTestId('rank-row-0').click();
  await page.getByTestId('enqueue-selected').click();
  await page.getByTestId('retrain-epochs').fill('1');
  await page.getByTestId('retrain-epochs').press('Enter');
  await page.getByTestId('retrain').click();
  await expect(page.locator('[data-testid=retrain-results] tbody tr')).toHaveCount(1, { timeout: 120_000 });
  const accuracy = await page.locator('[data-testid=retrain-results] tbody tr td').nth(2).textContent();
  await page.waitForTimeout(300); // the save runs after the result lands

  await page.reload();
  await expect(page.getByTestId('restored')).toBeVisible();
  await expect(page.getByTestId('status')).toHaveText('done');
  await expect(page.getByTestId('rank-row-0')).toHaveAttribute('data-path', top!);
  await expect(page.getByTestId('cell-1-2')).toHaveAttribute('data-value', cell!);
  await expect(page.locator('[data-testid=retrain-results] tbody tr td').nth(2)).toHaveText(accuracy!);

  // Another config has no saved run; the same link again does.
  await openApp(page, HASH.replace('seed=11', 'seed=12'));
  await expect(page.getByTestId('status')).toHaveText('idle');
  await expect(page.getByTestId('restored')).toHaveCount(0);

  await openApp(page, HASH);
  await page.getByTestId('rerun').click();
  await waitForFinished(page, 120_000);
  await expect(page.getByTestId('restored')).toHaveCount(0);
  await expect(page.getByTestId('rank-row-0')).toHaveAttribute('data-path', top!);
  expect(errors).toEqual([]);
});
