/// <reference lib="dom" />
/**
 * The page's own assets misbehaving (served by page.route): a benchmark table that never answers or is
 * damaged, and an images pack far over its size. Each is said in words where it matters, a saved run
 * shows without waiting for the table, and nothing is buffered past the size the asset can have.
 */
import { expect, test } from '@playwright/test';
import { collectErrors, openApp, reopen, runTo, waitForStatus } from './helpers';

const RUN = 'v=1&seed=31&n=128&val=32&epochs=1';

test('a hung or damaged benchmark table: the saved run shows at once, the truth panel says why it is missing', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await runTo(page, RUN);
  await expect(page.getByTestId('truth-scatter')).toBeVisible();

  // The table never answers: the saved run is on screen long before the 20-s stall limit.
  let pending = 0;
  await page.route('**/nas-bench-macro.bin', () => {
    pending++; /* never answered */
  });
  await reopen(page, RUN);
  await expect(page.getByTestId('status')).toHaveText('done', { timeout: 8_000 });
  await expect(page.getByTestId('rank-row-0')).toBeVisible();
  await expect(page.getByTestId('truth-error')).toContainText('did not answer within 20 s', { timeout: 40_000 });
  expect(pending).toBeGreaterThanOrEqual(1);
  await page.unroute('**/nas-bench-macro.bin');

  // A damaged table: said at once, not a silently empty panel.
  await page.route('**/nas-bench-macro.bin', (route) => route.fulfill({ status: 200, body: Buffer.alloc(5000, 0x41) }));
  await reopen(page, RUN);
  await expect(page.getByTestId('truth-error')).toContainText('NAS-Bench-Macro table');
  await expect(page.getByTestId('rank-row-0')).toBeVisible();
  expect(errors).toEqual([]);
});

test('an images pack announced at 2 GB is refused from its length, and the run says so', async ({ page }) => {
  const errors = collectErrors(page);
  await page.route('**/cifar10-4000.pack', (route) => route.fulfill({ status: 200, body: Buffer.alloc(1000), headers: { 'content-length': String(2e9) } }));
  await openApp(page, 'v=1&seed=32&n=128&val=32&epochs=1');
  await page.getByTestId('run').click();
  await waitForStatus(page, 'error', 30_000);
  await expect(page.getByTestId('run-error')).toContainText('is 2.0 GB');
  await expect(page.getByTestId('run-error')).toContainText('cifar10-4000.pack is far smaller');
  expect(errors).toEqual([]);
});
