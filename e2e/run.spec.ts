/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import { collectErrors, openApp, readGammas, readHeatmap, readRanking, waitForStatus } from './helpers';

test('Quick demo: heatmap, epoch scrub, ranking top row = per-layer argmax', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page);

  await page.getByTestId('preset-quick').click();
  await expect(page.getByTestId('num-n')).toHaveValue('2000');
  await expect(page.getByTestId('num-val')).toHaveValue('500');
  await expect(page.getByTestId('num-epochs')).toHaveValue('4');
  // A link holds only what differs from the space's defaults (val 500, batch 64 and the space itself are defaults).
  await expect(page).toHaveURL(/#v=1&n=2000&epochs=4(&|$)/);

  await page.getByTestId('run').click();
  await waitForStatus(page, 'done', 150_000);

  // L x K cells: 8 layers x 3 ops (Identity, MB3_K3, MB6_K5) for NAS-Bench-Macro.
  const L = 8,
    K = 3;
  const heat = page.getByTestId('heatmap');
  await expect(heat.locator('td[data-testid^="cell-"]')).toHaveCount(L * K);
  await expect(heat.locator('tbody tr')).toHaveCount(L);
  for (let l = 0; l < L; l++) for (let k = 0; k < K; k++) await expect(page.getByTestId(`cell-${l}-${k}`)).toHaveCount(1);
  await expect(page.getByTestId('heatmap-epoch')).toHaveText('epoch 4 (latest)');

  const final = await readHeatmap(page);
  expect(final).toHaveLength(L);
  // Every op ends with a BN except the Identity of a stride-1 layer (no BN: γ exactly 0); each stage's first layer (0, 2, 5)
  // has a 1x1 conv + BN Identity, whose γ the default rule (every Identity 0) does not score.
  const gammas = await readGammas(page);
  final.forEach((row) => expect(row[0]).toBe(0));
  gammas.forEach((row, l) => {
    expect(row).toHaveLength(K);
    row.forEach((v, k) => {
      expect(Number.isFinite(v)).toBe(true);
      if (k === 0 && ![0, 2, 5].includes(l)) expect(v).toBe(0);
      else expect(v).toBeGreaterThan(0);
    });
  });

  // Scrub to epoch 1 (Home), then back to the last epoch (End), as a keyboard user would.
  const scrub = page.getByTestId('heatmap-scrub');
  await scrub.focus();
  await scrub.press('Home');
  await expect(page.getByTestId('heatmap-epoch')).toHaveText('epoch 1');
  await expect(scrub).toHaveAttribute('aria-valuetext', 'epoch 1 of 4');
  const first = await readHeatmap(page);
  await scrub.press('End');
  await expect(page.getByTestId('heatmap-epoch')).toHaveText('epoch 4 (latest)');
  expect(await readHeatmap(page)).toEqual(final);
  const changed = final.flatMap((row, l) => row.filter((v, k) => v !== first[l]![k]!)).length;
  console.log(`cells that changed between epoch 1 and 4: ${changed}/${L * K}`);
  expect(changed).toBeGreaterThan(0);

  // Ranking: the best path takes each layer's largest score; its score is their sum.
  const argmax = final.map((row) => row.indexOf(Math.max(...row)));
  const best = final.reduce((s, row) => s + Math.max(...row), 0);
  const [top] = await readRanking(page, 1);
  expect(top!.path).toBe(argmax.join('-'));
  expect(Math.abs(top!.score - best) / best).toBeLessThanOrEqual(1e-9);
  // The heatmap's outlined cell per row is that argmax too.
  for (let l = 0; l < L; l++) await expect(page.getByTestId(`cell-${l}-${argmax[l]}`)).toHaveClass(/best/);

  const wall = await page.getByTestId('wall-seconds').textContent();
  const badge = (await page.getByTestId('backend-badge').textContent())?.replace(/\s+/g, ' ').trim();
  console.log(`Quick demo wall time: ${wall} s; ${badge}; top path ${top!.path} score ${top!.score}`);
  expect(Number(wall)).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/quick-demo.png', fullPage: true });
  expect(errors).toEqual([]);
});
