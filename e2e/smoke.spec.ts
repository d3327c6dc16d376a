import { expect, test } from '@playwright/test';

test('page opens with the default config and no console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'BN-NAS Playground' })).toBeVisible();
  await expect(page.getByTestId('path-count')).toHaveText('15,625');
  await expect(page).toHaveURL(/#v=1&seed=1&ops=conv3,conv5,sep3,sep5,mb3&stages=16x2,32x2,64x2/);
  expect(errors).toEqual([]);
});
