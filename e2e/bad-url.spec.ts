/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import { collectErrors, commitInput, hashMap, openApp, waitForFinished } from './helpers';

const BAD = 'v=9&seed=-5&epochs=99999&batch=abc&ops=conv3,bogus,conv3&stages=16x99,zz&lr=-1&mode=weird' + '&foo=bar&present=maybe&hide=nope&n=128&val=32';

test('a URL full of bad values: one warning per bad key, clamped values shown, dismiss, and a run still finishes', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, BAD);

  const banner = page.getByTestId('warnings');
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('role', 'alert');
  const items = (await banner.locator('li').allTextContents()).map((t) => t.trim());
  console.log(`warnings (${items.length}):\n  ${items.join('\n  ')}`);
  // Every bad key is named by at least one warning.
  const badKeys = ['v=9', 'seed', 'epochs', 'batch', 'ops', 'stages', 'lr', 'mode', 'foo', 'present', 'hide'];
  for (const key of badKeys)
    expect(
      items.some((t) => t.includes(key)),
      `a warning names '${key}'`,
    ).toBe(true);
  for (const bit of ['99999', 'bogus', "'zz'", 'abc', 'weird', 'maybe', "'nope'", "duplicate 'conv3'"]) {
    expect(
      items.some((t) => t.includes(bit)),
      `a warning quotes ${bit}`,
    ).toBe(true);
  }
  expect(items.length).toBeGreaterThanOrEqual(badKeys.length);
  // The good keys were kept without a warning.
  expect(items.filter((t) => /\bn=|\bval=/.test(t))).toEqual([]);

  // The page shows what it will use instead.
  await expect(page.getByTestId('num-epochs')).toHaveValue('200');
  await expect(page.getByTestId('num-seed')).toHaveValue('0');
  await expect(page.getByTestId('num-batch')).toHaveValue('64');
  await expect(page.getByTestId('num-lr')).toHaveValue('0.0001');
  await expect(page.getByTestId('num-n')).toHaveValue('128');
  await expect(page.getByTestId('num-val')).toHaveValue('32');
  await expect(page.getByTestId('select-mode')).toHaveValue('bn');
  await expect(page.getByTestId('stages')).toHaveValue('16x6');
  await expect(page.getByTestId('op-conv3')).toBeChecked();
  for (const op of ['conv5', 'sep3', 'sep5', 'mb3']) await expect(page.getByTestId(`op-${op}`)).not.toBeChecked();
  await expect(page.getByTestId('path-count')).toHaveText('1');
  await expect(page.getByRole('button', { name: /^Presenter mode$/ })).toBeVisible();
  for (const panel of ['Gamma heatmap', 'Path ranking', 'Rank stability']) await expect(page.getByRole('region', { name: panel })).toBeVisible();

  // Dismiss.
  await banner.getByRole('button', { name: 'Dismiss warnings' }).click();
  await expect(banner).toHaveCount(0);

  // 200 epochs would be slow: bring epochs and the lr back through the form, then run.
  await commitInput(page, 'num-epochs', '1');
  await commitInput(page, 'num-lr', '0.1');
  await expect(page.getByTestId('warnings')).toHaveCount(0);
  const h = hashMap(page.url());
  expect(h).toMatchObject({ v: '1', seed: '0', epochs: '1', ops: 'conv3', stages: '16x6', lr: '0.1', n: '128', val: '32' });
  // batch 64 and mode bn are the space's defaults: a link holds only what differs from them.
  for (const k of ['batch', 'mode']) expect(h, `the cleaned URL leaves the default ${k} out`).not.toHaveProperty(k);
  for (const k of ['foo', 'present', 'hide']) expect(h, `the cleaned URL drops ${k}`).not.toHaveProperty(k);

  await page.getByTestId('run').click();
  await waitForFinished(page, 120_000);
  await expect(page.getByTestId('heatmap').locator('td[data-testid^="cell-"]')).toHaveCount(6);
  await expect(page.getByTestId('rank-row-0')).toHaveAttribute('data-path', '0-0-0-0-0-0');
  await expect(page.getByTestId('rank-row-1')).toHaveCount(0);

  // The cleaned URL opens without warnings.
  const cleaned = page.url();
  const fresh = await page.context().newPage();
  const freshErrors = collectErrors(fresh);
  await fresh.goto(cleaned);
  await expect(fresh.getByTestId('num-epochs')).toHaveValue('1');
  await expect(fresh.getByTestId('warnings')).toHaveCount(0);
  expect(freshErrors).toEqual([]);
  expect(errors).toEqual([]);
});
