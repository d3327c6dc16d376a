import { expect, test } from '@playwright/test';

test('page opens with the default config and no console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'BN-NAS Playground' })).toBeVisible();
  // The default: the NAS-Bench-Macro space (3^8 paths) on the built-in CIFAR-10 images.
  await expect(page.getByTestId('path-count')).toHaveText('6,561');
  // The defaults' link is the version alone: a link holds only what differs from its space's defaults.
  await expect(page).toHaveURL(/#v=1$/);
  expect(errors).toEqual([]);
});
