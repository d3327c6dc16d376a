/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, heatmapEpoch, openApp, progressStep, status, waitForFinished, waitForStatus } from './helpers';

/** 4 epochs x 32 steps of batch 32 on a small space: ~50-100 ms a step on WASM here, a run of ~10 s. */
const HASH = 'v=1&seed=3&n=1024&val=64&epochs=4&batch=32&stages=8x1,16x1,32x1';
const STEPS_PER_EPOCH = 32;

async function blurAll(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/** Asserts the run is held: status paused and no new steps for `ms`. Returns the held step. */
async function expectHeld(page: Page, ms: number): Promise<number> {
  await page.waitForTimeout(500); // a step already in flight when Pause was pressed may still land
  const held = await progressStep(page);
  await page.waitForTimeout(ms);
  expect(await progressStep(page), `steps while paused (${ms} ms)`).toBe(held);
  await expect(status(page), 'still paused').toHaveText('paused');
  return held;
}

test('Pause during training holds the step count; Resume continues; Stop; Reset', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, HASH);
  await expect(status(page)).toHaveText('idle');

  await page.getByTestId('run').click();
  await waitForStatus(page, 'training', 60_000);
  await expect.poll(() => progressStep(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);

  const before = await progressStep(page);
  await page.getByTestId('pause').click();
  await waitForStatus(page, 'paused', 5_000);
  const held = await expectHeld(page, 2000);
  console.log(`paused at step ${held} (Pause pressed at step ${before})`);
  await expect(page.getByTestId('resume')).toBeVisible();

  await page.getByTestId('resume').click();
  await waitForStatus(page, 'training', 10_000);
  await expect.poll(() => progressStep(page), { timeout: 30_000 }).toBeGreaterThan(held);

  await page.getByTestId('stop').click();
  await waitForStatus(page, 'stopped', 5_000);
  const stoppedAt = await progressStep(page);
  await page.waitForTimeout(1000);
  expect(await progressStep(page), 'no steps after Stop').toBe(stoppedAt);
  expect(stoppedAt).toBeLessThan(4 * STEPS_PER_EPOCH);

  await page.getByTestId('reset').click();
  await waitForStatus(page, 'idle', 10_000);
  await expect(page.getByTestId('heatmap')).toHaveCount(0);
  await expect(page.getByTestId('ranking')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('Step epoch from idle trains exactly one epoch and pauses; Step, Resume, Stop-while-paused, Reset', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, HASH);

  await page.getByTestId('step').click();
  await waitForStatus(page, 'paused', 60_000);
  await expect(page.getByTestId('heatmap-epoch')).toHaveText('epoch 1 (latest)');
  expect(await expectHeld(page, 1500)).toBe(STEPS_PER_EPOCH);
  expect(await heatmapEpoch(page)).toBe(1);
  await expect(page.getByTestId('progress-text')).toContainText(`step ${STEPS_PER_EPOCH}/${4 * STEPS_PER_EPOCH}`);

  // Step again from paused: exactly one more epoch.
  await page.getByTestId('step').click();
  await expect(page.getByTestId('heatmap-epoch')).toHaveText('epoch 2 (latest)', { timeout: 60_000 });
  await waitForStatus(page, 'paused', 30_000);
  expect(await expectHeld(page, 1000)).toBe(2 * STEPS_PER_EPOCH);

  // Resume runs to the end.
  await page.getByTestId('resume').click();
  await waitForFinished(page, 60_000);
  expect(await progressStep(page)).toBe(4 * STEPS_PER_EPOCH);
  expect(await heatmapEpoch(page)).toBe(4);

  // 'n' (keyboard Step epoch) from done starts a fresh run that pauses after epoch 1; Stop while paused.
  await blurAll(page);
  await page.keyboard.press('n');
  await waitForStatus(page, 'paused', 60_000);
  await expect(page.getByTestId('heatmap-epoch')).toHaveText('epoch 1 (latest)');
  await page.getByTestId('stop').click();
  await waitForStatus(page, 'stopped', 10_000);
  expect(await progressStep(page)).toBe(STEPS_PER_EPOCH);

  await page.getByTestId('reset').click();
  await waitForStatus(page, 'idle', 10_000);
  await expect(page.getByTestId('progress-text')).toContainText('Press Run');
  expect(errors).toEqual([]);
});

test('keyboard: Space starts and pauses, Space resumes, Escape stops; Space in a field does not', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, HASH);
  await page.getByTestId('num-seed').focus();
  await page.keyboard.press('Space');
  await page.waitForTimeout(300);
  await expect(status(page), 'Space typed into an input').toHaveText('idle');

  await blurAll(page);
  await page.keyboard.press('Space');
  await waitForStatus(page, 'training', 60_000);
  await expect.poll(() => progressStep(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
  await page.keyboard.press('Space');
  await waitForStatus(page, 'paused', 5_000);
  await expectHeld(page, 1000);
  await page.keyboard.press('Space');
  await waitForStatus(page, 'training', 10_000);
  await page.keyboard.press('Escape');
  await waitForStatus(page, 'stopped', 5_000);
  expect(errors).toEqual([]);
});
