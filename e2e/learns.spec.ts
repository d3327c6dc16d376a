/**
 * Issue 16: a supernet that learns, and a page that says what its γs learned. Both Identity rules
 * rank from the same γs (switching re-ranks at once, no training); the outcome card sets the found
 * network beside the trivial rule's pick, recomputed here from the benchmark's JSON; the Long run
 * recipe runs through the page.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { collectErrors, commitInput, kendallTauB, openApp, readGammas, readHeatmap, runTo, status, waitForFinished } from './helpers';

const TABLE = JSON.parse(readFileSync('../shared/data/nas-bench-macro/nas-bench-macro_cifar10.json', 'utf8')) as Record<
  string,
  { test_acc: number[]; flops: number }
>;
const KEYS = Array.from({ length: 6561 }, (_, i) => {
  let k = '';
  for (let l = 0, x = i; l < 8; l++, x = Math.floor(x / 3)) k = String(x % 3) + k;
  return k;
});
const MEAN = KEYS.map((k) => TABLE[k]!.test_acc.reduce((a, b) => a + Math.round(b * 100), 0) / 300);
const TINY = 'v=1&n=512&val=128&epochs=1';

/** The best path of a score matrix by brute force over all 6,561 (ties to the lowest index, as the search breaks them). */
function bestPath(scores: number[][]): string {
  let best = 0,
    bestScore = -Infinity;
  KEYS.forEach((k, i) => {
    const s = [...k].reduce((a, d, l) => a + scores[l]![Number(d)]!, 0);
    if (s > bestScore + 1e-12) {
      best = i;
      bestScore = s;
    }
  });
  return [...KEYS[best]!].join('-');
}

test('switching the Identity rule after a run re-ranks at once from the same γs, without training', async ({ page }) => {
  const errors = collectErrors(page);
  await runTo(page, TINY, 240_000);
  const gammas = await readGammas(page);
  const wall = await page.getByTestId('wall-seconds').textContent();
  // Under 'skip' (the default) every Identity scores 0; the strided ones (layers 0, 2, 5) keep their γ in the heatmap's value.
  expect(await page.getByTestId('select-idscore').inputValue()).toBe('skip');
  expect(gammas[0]![0]).toBeGreaterThan(0);
  expect((await readHeatmap(page))[0]![0]).toBe(0);
  expect(await page.getByTestId('rank-row-0').getAttribute('data-path')).toBe(bestPath(await readHeatmap(page)));
  await expect(page.getByTestId('rule-skip')).toContainText('ranks now');

  await page.getByTestId('select-idscore').selectOption('bn');
  const bnBest = bestPath(gammas);
  await expect(page.getByTestId('rank-row-0')).toHaveAttribute('data-path', bnBest, { timeout: 10_000 });
  await expect(page.getByTestId('outcome-top1-acc')).toHaveAttribute('data-path', bnBest);
  await expect(page.getByTestId('outcome-top1-acc')).toContainText(MEAN[KEYS.indexOf(bnBest.replaceAll('-', ''))]!.toFixed(2));
  await expect(page.getByTestId('rule-bn')).toContainText('ranks now');
  expect((await readHeatmap(page))[0]![0]).toBe(gammas[0]![0]);
  // Both rules' tau stay shown, each against the truth as recomputed here.
  for (const rule of ['bn', 'skip'] as const) {
    const xs = KEYS.map((k) => [...k].reduce((s, d, l) => s + (rule === 'skip' && d === '0' ? 0 : gammas[l]![Number(d)]!), 0));
    expect(Math.abs(Number(await page.getByTestId(`rule-${rule}-tau`).textContent()) - kendallTauB(xs, MEAN)), rule).toBeLessThan(0.0015);
  }
  // Nothing trained again: the same γs, the same wall time, still done.
  expect(await readGammas(page)).toEqual(gammas);
  await expect(page.getByTestId('wall-seconds')).toHaveText(wall!);
  await expect(status(page)).toHaveText('done');
  await expect(page.getByTestId('truth-parts-verdict')).toBeVisible();
  expect(errors).toEqual([]);
});

test("the outcome card's trivial-rule pick is the table's deepest network with the most FLOPs, and the verdict follows", async ({ page }) => {
  const errors = collectErrors(page);
  await runTo(page, TINY, 240_000);
  const depth = (k: string) => [...k].filter((d) => d !== '0').length;
  const pick = [...KEYS].sort((a, b) => depth(b) - depth(a) || TABLE[b]!.flops - TABLE[a]!.flops || a.localeCompare(b))[0]!;
  const trivial = page.getByTestId('outcome-trivial');
  await expect(trivial).toHaveAttribute('data-path', [...pick].join('-'));
  const acc = MEAN[KEYS.indexOf(pick)]!;
  await expect(trivial).toContainText(acc.toFixed(2));
  await expect(page.getByTestId('outcome-trivial-rank')).toContainText((1 + MEAN.filter((m) => m > acc).length).toLocaleString('en'));
  const top1 = (await page.getByTestId('outcome-top1-acc').getAttribute('data-path'))!.replaceAll('-', '');
  await expect(page.getByTestId('outcome-verdict')).toHaveAttribute('data-beat', MEAN[KEYS.indexOf(top1)]! > acc ? 'yes' : 'no');
  await expect(page.getByTestId('outcome-verdict')).toContainText('trivial rule');
  expect(errors).toEqual([]);
});

test('the Long run: its button says how long, it sets its whole recipe, and a tiny version runs through the page', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, 'v=1&epochs=2&bnscope=last&opt=adam');
  const button = page.getByTestId('preset-long');
  await expect(button).toHaveText(/Long run \(≈ \d+ min\)/);
  await button.click();
  for (const [k, v] of [
    ['bnscope', 'all'],
    ['head', 'train'],
    ['opt', 'sgd'],
    ['aug', 'cropflip'],
    ['idscore', 'skip'],
  ]) {
    expect(await page.getByTestId(`select-${k}`).inputValue(), k).toBe(v);
  }
  expect(Number(await page.getByTestId('num-wd').inputValue())).toBeGreaterThan(0);
  expect(Number(await page.getByTestId('num-epochs').inputValue())).toBeGreaterThan(2);
  // The same recipe, a few steps: 192 images, batch 64, 1 epoch.
  await commitInput(page, 'num-n', '192');
  await commitInput(page, 'num-epochs', '1');
  await page.getByTestId('run').click();
  await waitForFinished(page, 240_000);
  expect(page.url()).toMatch(/bnscope=all&head=train&wd=[0-9.e-]+&aug=cropflip/);
  await expect(page.getByTestId('outcome-verdict')).toBeVisible();
  await expect(page.getByTestId('structural-rule')).toBeVisible();
  expect(errors).toEqual([]);
});
