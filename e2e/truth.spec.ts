/**
 * The default page on its built-in data, checked against the NAS-Bench-Macro table itself:
 * what the outcome card, the ranking, the scatter and the tau say must follow from the
 * shown scores and the benchmark's JSON, recomputed here independently.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { collectErrors, kendallTauB, openApp, readGammas, readHeatmap, runTo, waitForFinished } from './helpers';

const TABLE = JSON.parse(readFileSync('../shared/data/nas-bench-macro/nas-bench-macro_cifar10.json', 'utf8')) as Record<
  string,
  { mean_acc: number; test_acc: number[] }
>;
/** Mean accuracy by path index (layer 0 most significant), from the hundredths the benchmark stores. */
const KEYS = Array.from({ length: 6561 }, (_, i) => {
  let k = '';
  for (let l = 0, x = i; l < 8; l++, x = Math.floor(x / 3)) k = String(x % 3) + k;
  return k;
});
const MEAN = KEYS.map((k) => TABLE[k]!.test_acc.reduce((a, b) => a + Math.round(b * 100), 0) / 300);

test('the default page: Run on the built-in images, and every number against the benchmark table', async ({ page }) => {
  const errors = collectErrors(page);
  // The default config (NAS-Bench-Macro, built-in CIFAR-10), shortened for CI.
  await openApp(page, 'v=1&n=1000&val=200&epochs=2');
  await expect(page.getByTestId('path-count')).toHaveText('6,561');
  await page.getByTestId('run').click();
  await waitForFinished(page, 240_000);

  // The ranking's first row is the found network; its truth comes from the table.
  const top = (await page.getByTestId('rank-row-0').getAttribute('data-path'))!;
  const key = top.replaceAll('-', '');
  const index = KEYS.indexOf(key);
  const trueAcc = MEAN[index]!;
  await expect(page.getByTestId('outcome-top1-acc')).toContainText(trueAcc.toFixed(2));
  const below = MEAN.filter((m) => m < trueAcc).length;
  await expect(page.getByTestId('outcome-headline')).toContainText(`${((100 * below) / 6561).toFixed(1)}%`);
  const rank = 1 + MEAN.filter((m) => m > trueAcc).length;
  await expect(page.getByTestId('true-rank-0')).toContainText(rank.toLocaleString('en'));

  // The scatter draws every path; beside it, each Identity rule's Kendall tau of the shown γs' path sums against the truth.
  await expect(page.getByTestId('truth-scatter')).toHaveAttribute('data-points', '6561');
  const gammas = await readGammas(page);
  for (const rule of ['bn', 'skip'] as const) {
    const pathScores = KEYS.map((k) => [...k].reduce((s, d, l) => s + (rule === 'skip' && d === '0' ? 0 : gammas[l]![Number(d)]!), 0));
    const shown = Number(await page.getByTestId(`rule-${rule}-tau`).textContent());
    expect(Math.abs(shown - kendallTauB(pathScores, MEAN)), rule).toBeLessThan(0.0015);
  }
  expect(errors).toEqual([]);
});

test('retrained subnets on NAS-Bench-Macro: every proxy against the truth, and the browser retraining itself as one', async ({ page }) => {
  const errors = collectErrors(page);
  await runTo(page, 'v=1&n=512&val=128&epochs=1&repochs=1', 240_000);
  await page.getByTestId('enqueue-spread').click();
  await page.getByTestId('retrain').click();
  await expect(page.locator('[data-testid=retrain-results] tbody tr')).toHaveCount(5, { timeout: 240_000 });
  await expect(page.getByTestId('truth-leaderboard')).toBeVisible();
  const paths = await page.locator('[data-testid=retrain-results] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path')!));
  const scores = await readHeatmap(page);
  const bn = paths.map((p) => p.split('-').reduce((s, d, l) => s + scores[l]![Number(d)]!, 0));
  const truth = paths.map((p) => MEAN[KEYS.indexOf(p.replaceAll('-', ''))]!);
  const shown = Number(await page.getByTestId('tlb-tau-bnScore').textContent());
  expect(Math.abs(shown - kendallTauB(bn, truth))).toBeLessThan(0.0015);
  await expect(page.getByTestId('tlb-tau-retrained')).toHaveText(/^-?\d\.\d{3}$|^—$/);
  expect(errors).toEqual([]);
});

test('the zero-cost proxies on a seeded sample of networks, each against the truth beside the BN score', async ({ page }) => {
  const errors = collectErrors(page);
  await runTo(page, 'v=1&n=512&val=128&epochs=1', 240_000);
  await page.getByTestId('proxy-sample-count').fill('10');
  await page.getByTestId('proxy-sample-run').click();
  await expect(page.getByTestId('proxy-sample-table')).toBeVisible({ timeout: 120_000 });
  await expect(page.locator('[data-testid=proxy-sample-table] tbody tr')).toHaveCount(7);
  for (const name of ['bnScore', 'gradNorm', 'snip', 'synflow', 'naswot', 'params', 'flops']) {
    const v = Number(await page.getByTestId(`ps-tau-${name}`).textContent());
    expect(v).toBeGreaterThanOrEqual(-1);
    expect(v).toBeLessThanOrEqual(1);
  }
  expect(errors).toEqual([]);
});
