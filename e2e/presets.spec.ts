/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import { PRESETS } from '../src/config/presets';
import { collectErrors, openApp, reopen } from './helpers';

const hashNow = (page: import('@playwright/test').Page) => page.evaluate(() => location.hash);

test('a preset sets its whole recipe: A then B is B on a fresh page, for every pair, and its description shows as text', async ({ page }) => {
  const errors = collectErrors(page);
  const onFresh = new Map<string, string>();
  for (const p of PRESETS) {
    await reopen(page, '');
    await page.getByTestId(`preset-${p.id}`).click();
    await expect(page.getByTestId(`preset-${p.id}`)).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('preset-description')).toBeVisible();
    await expect(page.getByTestId('preset-description')).toContainText(p.description);
    onFresh.set(p.id, await hashNow(page));
  }
  await reopen(page, '');
  for (const a of PRESETS) {
    for (const b of PRESETS) {
      await page.getByTestId(`preset-${a.id}`).click();
      await page.getByTestId(`preset-${b.id}`).click();
      expect(await hashNow(page), `${a.id} then ${b.id}`).toBe(onFresh.get(b.id));
    }
  }
  expect(errors).toEqual([]);
});

test("'Paper recipe' after 'BN-NAS vs SPOS' runs BN-NAS alone on 3,500 images for 5 epochs; an edit un-marks it", async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, 'v=1&seed=4&topk=6');
  await page.getByTestId('preset-compare').click();
  await expect(page.getByTestId('select-mode')).toHaveValue('both');
  await page.getByTestId('preset-paper').click();
  await expect(page.getByTestId('select-mode')).toHaveValue('bn');
  await expect(page.getByTestId('num-n')).toHaveValue('3500');
  await expect(page.getByTestId('num-epochs')).toHaveValue('5');
  await expect(page.getByTestId('select-opt')).toHaveValue('sgd');
  // Seed and top-k are the user's, not the recipe's.
  await expect(page.getByTestId('num-seed')).toHaveValue('4');
  await expect(page.getByTestId('num-topk')).toHaveValue('6');
  await page.getByTestId('select-aug').selectOption('cropflip');
  await expect(page.getByTestId('preset-paper')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('preset-description')).not.toContainText('Paper recipe');
  expect(errors).toEqual([]);
});
