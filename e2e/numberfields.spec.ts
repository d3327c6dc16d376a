/**
 * Issue 17, item 11: a number field shows the value in use after a commit, never what was typed:
 * a clamped value, a value that clamps to the one already there, and what is not a finite number.
 */
import { expect, test } from '@playwright/test';
import { collectErrors, commitInput, openApp } from './helpers';

test('number fields show the value in use: clamped, clamped to the same, or kept with a warning', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, 'v=1&lr=0.5');
  // Above the maximum (10): clamped, shown clamped, warned.
  await commitInput(page, 'num-lr', '60');
  await expect(page.getByTestId('num-lr')).toHaveValue('10');
  await expect(page.getByTestId('warnings')).toContainText('above the maximum');
  // The seed is at its minimum already: -1 clamps to the value in use, and the field shows it, not -1.
  await commitInput(page, 'num-seed', '0');
  await commitInput(page, 'num-seed', '-1');
  await expect(page.getByTestId('num-seed')).toHaveValue('0');
  // Not a finite number: the field keeps the value in use (not blank), and a warning says so.
  await page.getByTestId('warnings').getByRole('button', { name: 'Dismiss warnings' }).click();
  await commitInput(page, 'num-batch', '1e309');
  await expect(page.getByTestId('num-batch')).toHaveValue('64');
  await expect(page.getByTestId('warnings')).toContainText('batch');
  // 64 is the default, which a link leaves out.
  expect(page.url()).not.toContain('batch=');
  expect(errors).toEqual([]);
});
