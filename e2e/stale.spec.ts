/**
 * Issue 18, item 3: results that another config produced are marked as such, with the keys that differ,
 * and one click puts the run's config back; search settings (top-k, budgets, the Identity rule) re-rank
 * the shown run instead, so they never mark it stale.
 */
import { expect, test } from '@playwright/test';
import { collectErrors, commitInput, runTo } from './helpers';

test('after a preset click the shown run is marked as from another config; restoring its config clears the mark', async ({ page }) => {
  const errors = collectErrors(page);
  await runTo(page, 'v=1&n=512&val=128&epochs=1');
  await expect(page.getByTestId('stale-banner')).toHaveCount(0);
  await commitInput(page, 'num-topk', '7');
  await page.getByTestId('select-idscore').selectOption('bn');
  await expect(page.getByTestId('stale-banner')).toHaveCount(0);

  await page.getByTestId('preset-quick').click();
  const banner = page.getByTestId('stale-banner');
  await expect(banner).toBeVisible();
  const keys = (await banner.getAttribute('data-keys'))!.split(',');
  expect(keys).toEqual(expect.arrayContaining(['n', 'epochs']));
  await expect(banner).toContainText('n=512 (now 2000)');
  await expect(banner).toContainText('epochs=1 (now 4)');
  await page.getByTestId('stale-restore').click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('num-n')).toHaveValue('512');
  await expect(page.getByTestId('num-epochs')).toHaveValue('1');
  expect(errors).toEqual([]);
});
