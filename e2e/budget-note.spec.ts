import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { collectErrors, runTo } from './helpers';

// The benchmark's accuracies and FLOPs (width 1), read independently of the page.
const TABLE = Object.values(
  JSON.parse(readFileSync('../shared/data/nas-bench-macro/nas-bench-macro_cifar10.json', 'utf8')) as Record<string, { mean_acc: number; flops: number }>,
);

test('a FLOPs budget that leaves out the large networks: the outcome compares its optimum with a random path that fits', async ({ page }) => {
  const errors = collectErrors(page);
  // Width 1, the benchmark's own network, so the table's FLOPs are the page's; 25 MFLOPs keeps only small networks.
  await runTo(page, 'v=1&seed=3&width=1&n=128&val=32&epochs=1&flops=25');
  const fits = TABLE.filter((r) => r.flops <= 25e6);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  await expect(page.getByTestId('search-outcome')).toContainText(`(${fits.length} of 6,561 networks fit)`);
  await expect(page.getByTestId('outcome-budget-random')).toHaveText(`${mean(fits.map((r) => r.mean_acc)).toFixed(2)}%`);
  await expect(page.getByTestId('outcome-random')).toHaveText(`${mean(TABLE.map((r) => r.mean_acc)).toFixed(2)}%`);
  // Every network that fits is truly worse than a random path, so the optimum is too, and the card says why.
  expect(Math.max(...fits.map((r) => r.mean_acc))).toBeLessThan(mean(TABLE.map((r) => r.mean_acc)));
  const note = page.getByTestId('outcome-budget-note');
  await expect(note).toContainText('the budget leaves out the large networks');
  await expect(note).toContainText(`against a random path that fits (${mean(fits.map((r) => r.mean_acc)).toFixed(2)}%)`);
  expect(errors).toEqual([]);
});

test('a budget that fits every network: a random path that fits is any random path, and the note shows only if the optimum is below it', async ({ page }) => {
  const errors = collectErrors(page);
  await runTo(page, 'v=1&seed=3&width=1&n=128&val=32&epochs=1&flops=200');
  const overall = TABLE.reduce((a, r) => a + r.mean_acc, 0) / TABLE.length;
  await expect(page.getByTestId('outcome-budget-random')).toHaveText(`${overall.toFixed(2)}%`);
  const exact = Number((await page.getByTestId('outcome-budget-exact').textContent())!.match(/([\d.]+)%/)![1]);
  console.log(`whole-space optimum ${exact}% vs a random path ${overall.toFixed(2)}%`);
  await expect(page.getByTestId('outcome-budget-note')).toHaveCount(exact < overall ? 1 : 0);
  expect(errors).toEqual([]);
});
