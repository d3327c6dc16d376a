/**
 * Issue 21: a Run sent to an engine worker that died while idle (memory pressure, a crash) is not
 * acknowledged, so within seconds the page knows the worker is gone, starts a fresh one, prepares
 * it as Run does and starts the run again: one click, one finished run.
 */
import { expect, test } from '@playwright/test';
import { collectErrors, runTo, TRUST_TINY, waitForFinished } from './helpers';

test('Run on a worker that closed itself while idle: the single click ends in a finished run within 30 s', async ({ page }) => {
  const errors = collectErrors(page);
  await runTo(page, TRUST_TINY);
  const engine = page.workers().find((w) => w.url().includes('engine.worker'));
  expect(engine, 'the engine worker').toBeDefined();
  const first = await page.getByTestId('rank-row-0').getAttribute('data-path');
  await engine!.evaluate(() => (self as unknown as { close(): void }).close());
  await page.waitForTimeout(2_000);

  const t0 = Date.now();
  await page.getByTestId('run').click();
  await waitForFinished(page, 30_000);
  const seconds = (Date.now() - t0) / 1000;
  console.log(`click to done on a dead worker: ${seconds.toFixed(1)} s`);
  await expect(page.getByTestId('notice')).toContainText('The engine had stopped; it was restarted and your run started again');
  // The same seed on the fresh worker: the same ranking.
  await expect(page.getByTestId('rank-row-0')).toHaveAttribute('data-path', first!);
  expect(errors).toEqual([]);
});
