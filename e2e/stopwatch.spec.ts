/**
 * Issue 17, item 3: a Stop's 5-second watch belongs to the call it stopped. On the old page a Stop
 * pressed while "starting", then Reset and Run, forced the new run to "stopped" at ~5 s; a retrain
 * Stop then Retrain killed the new retrain the same way.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, openApp, runTo, status, waitForFinished } from './helpers';

/** The notice banner's text, '' when none is shown. */
async function noticeText(page: Page): Promise<string> {
  const notice = page.getByTestId('notice');
  return (await notice.count()) ? ((await notice.textContent()) ?? '') : '';
}

/** A custom-space run of a few seconds: long enough that a 5-second watch would fall inside it. */
const SLOW = 'v=1&seed=3&stages=8x1,16x1&n=1536&val=64&epochs=3';

test("Run, Stop while starting, Reset, Run: the new run is not ended by the old Stop's watch", async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, SLOW);
  await page.getByTestId('run').click();
  await expect(status(page)).toHaveText('starting');
  await page.getByTestId('stop').click();
  await page.getByTestId('reset').click();
  await page.getByTestId('run').click();
  const t0 = Date.now();
  await waitForFinished(page, 120_000);
  console.log(`second run finished after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await expect(status(page)).toHaveText('done');
  expect(await noticeText(page)).not.toContain('Stop did not take effect');
  expect(errors).toEqual([]);
});

test('a Stop pressed while starting, with nothing after it, stops that run (no training call starts)', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, SLOW);
  await page.getByTestId('run').click();
  await page.getByTestId('stop').click();
  await expect(status(page)).toHaveText('stopped', { timeout: 30_000 });
  expect(await noticeText(page)).not.toContain('Stop did not take effect');
  expect(errors).toEqual([]);
});

test('retrain Stop, then Retrain: the new retrain runs to its end', async ({ page }) => {
  const errors = collectErrors(page);
  await runTo(page, 'v=1&seed=3&stages=8x1,16x1&n=512&val=64&epochs=1&repochs=4');
  await page.getByTestId('enqueue-spread').click();
  await page.getByTestId('retrain').click();
  await page.getByTestId('retrain-stop').click();
  await expect(page.getByTestId('retrain')).toBeEnabled({ timeout: 30_000 });
  await page.getByTestId('retrain').click();
  await expect(page.locator('[data-testid=retrain-results] tbody tr')).toHaveCount(5, { timeout: 180_000 });
  await expect(page.getByTestId('retrain-error')).toHaveCount(0);
  expect(await noticeText(page)).not.toContain('Stop did not take effect');
  expect(errors).toEqual([]);
});
