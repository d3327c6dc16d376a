/** Issue 18, item 8: Run is one Tab away (a skip link), not 34. */
import { expect, test } from '@playwright/test';
import { collectErrors, openApp, status } from './helpers';

test('the first Tab stop skips to Run; Space then starts the run', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, 'v=1&seed=3&stages=8x1,16x1&n=128&val=64');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('skip-to-run')).toBeFocused();
  await expect(page.getByTestId('skip-to-run')).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(status(page)).not.toHaveText('idle');
  expect(errors).toEqual([]);
});
