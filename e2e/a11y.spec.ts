/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import { collectErrors, openApp, SMALL, status, waitForFinished } from './helpers';

test('keyboard only: Tab to Run and Enter starts a run; ranking rows select with Enter, move with arrows', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, `v=1&${SMALL}`);
  let tabs = 0;
  for (; tabs < 80; tabs++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid === 'run')) break;
  }
  console.log(`Run reached after ${tabs + 1} Tab presses`);
  await expect(page.getByTestId('run')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(status(page)).not.toHaveText('idle');
  await waitForFinished(page, 120_000);

  const row0 = page.getByTestId('rank-row-0');
  await row0.focus();
  await page.keyboard.press('Enter');
  await expect(row0).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('rank-row-1')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('rank-row-1')).toHaveAttribute('aria-selected', 'true');
  await expect(row0).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('ArrowUp');
  await expect(row0).toBeFocused();
  expect(errors).toEqual([]);
});

/**
 * The global Space shortcut (Run/Pause/Resume) must not take Space away from a focused
 * control that uses it: a ranking row (select), a button (activate), a <summary> (toggle).
 */
test("Space on a focused row, button or summary does that control's action, not Run", async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, `v=1&${SMALL}`);
  await page.getByTestId('run').click();
  await waitForFinished(page, 120_000);

  const problems: string[] = [];
  const row1 = page.getByTestId('rank-row-1');
  const path1 = await row1.getAttribute('data-path');
  await row1.focus();
  await page.keyboard.press(' ');
  await page.waitForTimeout(500);
  const s1 = (await status(page).textContent())?.trim();
  const sel1 = await page.getByTestId('rank-row-1').getAttribute('aria-selected');
  if (s1 !== 'done' || sel1 !== 'true') problems.push(`Space on ranking row ${path1}: status ${s1}, aria-selected ${sel1} (want done, true)`);
  if (s1 !== 'done') {
    await page.getByTestId('reset').click();
    await page.getByTestId('run').click();
  }
  await waitForFinished(page, 120_000);

  const summary = page.getByRole('region', { name: 'About BN-NAS' }).locator('summary');
  await summary.focus();
  await page.keyboard.press(' ');
  await page.waitForTimeout(500);
  const s2 = (await status(page).textContent())?.trim();
  const open = await page.getByRole('region', { name: 'About BN-NAS' }).locator('details').getAttribute('open');
  if (s2 !== 'done' || open === null) problems.push(`Space on the About <summary>: status ${s2}, details open=${open !== null} (want done, true)`);
  if (s2 !== 'done') {
    await page.getByTestId('reset').click();
    await page.getByTestId('run').click();
  }
  await waitForFinished(page, 120_000);

  await page.getByTestId('reset').focus();
  await page.keyboard.press(' ');
  await page.waitForTimeout(500);
  const s3 = (await status(page).textContent())?.trim();
  if (s3 !== 'idle') problems.push(`Space on the focused Reset button: status ${s3} (want idle)`);

  console.log(problems.length ? `Space shortcut problems:\n  ${problems.join('\n  ')}` : 'Space goes to the focused control everywhere');
  expect(problems).toEqual([]);
  expect(errors).toEqual([]);
});
