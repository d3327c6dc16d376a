/**
 * Issue 17, item 9: view flags from a hostile link are shortened and warned about once, on first load
 * and when the link is pasted into an open page; the page never grows sideways.
 */
import { expect, test } from '@playwright/test';
import { collectErrors, openApp } from './helpers';

test('a 100,000-character present= value and a present= repeated 70 times: one short warning each, no sideways page', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, `v=1&present=${'x'.repeat(100_000)}`);
  const items = page.locator('[data-testid=warnings] li');
  await expect(items).toHaveCount(1);
  expect((await items.first().textContent())!.length).toBeLessThan(100);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);

  // The same kind of link pasted into the open page.
  await page.evaluate(() => {
    location.hash = `v=1&${Array.from({ length: 70 }, (_, i) => `autorun=bad${i}`).join('&')}`;
  });
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('autorun=bad0 is not 0 or 1');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
  expect(errors).toEqual([]);
});
