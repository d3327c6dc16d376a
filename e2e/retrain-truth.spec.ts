/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { collectErrors, commitInput, kendallTauB, readHeatmap, runTo } from './helpers';

// The benchmark's mean accuracies, read independently of the page.
const TABLE = JSON.parse(readFileSync('../shared/data/nas-bench-macro/nas-bench-macro_cifar10.json', 'utf8')) as Record<string, { mean_acc: number }>;

test('the retrain section leads with the truth, and shows the retraining noise from chance up, seed by seed', async ({ page }) => {
  const errors = collectErrors(page);
  await runTo(page, 'v=1&seed=2&n=128&val=64&epochs=1');
  await page.getByTestId('enqueue-spread').click();
  await commitInput(page, 'retrain-epochs', '1');
  await commitInput(page, 'retrain-seeds', '2');
  await page.getByTestId('retrain').click();
  const rows = page.getByTestId('retrain-results').locator('tbody tr');
  await expect(rows).toHaveCount(5, { timeout: 120_000 });

  // The truth's verdict comes before the chart and the leaderboard of the accuracies retrained here.
  const truth = page.getByTestId('truth-leaderboard');
  await expect(truth).toBeVisible();
  const order = await page.evaluate(() => {
    const at = (id: string) => document.querySelector(`[data-testid=${id}]`)!;
    const follows = (a: string, b: string) => Boolean(at(a).compareDocumentPosition(at(b)) & Node.DOCUMENT_POSITION_FOLLOWING);
    return { chart: follows('truth-leaderboard', 'proxy-chart'), board: follows('truth-leaderboard', 'leaderboard') };
  });
  expect(order).toEqual({ chart: true, board: true });

  // Its headline τ is the BN score's against the table's accuracies, recomputed here from the heatmap's scores.
  const heat = await readHeatmap(page);
  const paths = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-path')!));
  const scores = paths.map((p) =>
    p
      .split('-')
      .map(Number)
      .reduce((a, k, l) => a + heat[l]![k]!, 0),
  );
  const tau = kendallTauB(
    scores,
    paths.map((p) => TABLE[p.replace(/-/g, '')]!.mean_acc),
  );
  const headline = (await page.getByTestId('truth-headline').textContent())!;
  expect(Number(/Kendall τ (-?[\d.]+)/.exec(headline)![1])).toBeCloseTo(tau, 2);

  // The accuracy axis starts at chance (10 classes: 10%), and each seed is a point of its own beside the mean.
  const chart = page.getByTestId('proxy-chart');
  await expect(chart.locator('.recharts-cartesian-axis-tick-value').filter({ hasText: /%$/ }).first()).toHaveText('10%');
  await expect(chart.locator('.mean-points .recharts-scatter-symbol')).toHaveCount(5);
  await expect(chart.locator('.seed-points .recharts-scatter-symbol')).toHaveCount(10);
  await expect(page.getByTestId('proxy-axis-note')).toContainText('from chance (10%)');
  expect(errors).toEqual([]);
});
