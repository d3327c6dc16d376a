/// <reference lib="dom" />
/**
 * How the page shows what it knows (the second half of trust.spec.ts): paths by op names, the PNG
 * export, presenter-size labels, both budgets, the data note.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, openApp, waitForFinished, reopen, runTo, TRUST_TINY } from './helpers';

const TINY = TRUST_TINY;

async function chips(page: Page, scope: string): Promise<{ ops: string[]; key: string | null; title: string | null }> {
  const el = page.locator(scope).locator('.path-ops').first();
  return { ops: await el.locator('.op-chip').allTextContents(), key: await el.getAttribute('data-key'), title: await el.getAttribute('title') };
}

test('paths read the same everywhere: ranking, queue, retrain results; the selected row stands out', async ({ page }) => {
  const errors = collectErrors(page);
  await runTo(page, `${TINY}&epochs=1&repochs=1`);
  const row = page.getByTestId('rank-row-0');
  const key = (await row.getAttribute('data-path'))!;
  const before = await row.evaluate((tr) => getComputedStyle(tr).backgroundColor);
  await row.click();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  const style = await row.evaluate((tr) => {
    const cs = getComputedStyle(tr);
    return { bg: cs.backgroundColor, outline: cs.outlineStyle, width: cs.outlineWidth };
  });
  expect(style.bg).not.toBe(before);
  expect(style.outline).toBe('solid');
  expect(parseFloat(style.width)).toBeGreaterThanOrEqual(2);

  const ranked = await chips(page, '[data-testid=rank-row-0]');
  expect(ranked.key).toBe(key);
  expect(ranked.title).toBe(`path ${key}`);
  await page.getByTestId('enqueue-selected').click();
  expect(await chips(page, `[data-testid=queue] li[data-path="${key}"]`)).toEqual(ranked);
  await page.getByTestId('retrain').click();
  await expect(page.locator(`[data-testid=retrain-results] tr[data-path="${key}"]`)).toHaveCount(1, { timeout: 120_000 });
  expect(await chips(page, `[data-testid=retrain-results] tr[data-path="${key}"]`)).toEqual(ranked);
  await page.getByTestId('retrain-results').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/trust-paths.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('BN-NAS vs SPOS lists its sampled paths by op names too', async ({ page }) => {
  const errors = collectErrors(page);
  await runTo(page, `${TINY}&epochs=1&mode=both&sposx=1&sposn=4`);
  const items = page.getByTestId('compare-top-bn').locator('li');
  await expect(items.first()).toBeVisible();
  for (const li of await items.all()) {
    const key = await li.getAttribute('data-path');
    await expect(li.locator('.path-ops')).toHaveAttribute('title', `path ${key}`);
  }
  const sample = page.getByTestId('compare-sample').locator('tbody tr');
  for (const tr of await sample.all()) await expect(tr.locator('.path-ops')).toHaveAttribute('data-key', (await tr.getAttribute('data-path'))!);
  expect(errors).toEqual([]);
});

/** Which rows of a decoded PNG have any non-white pixel. */
async function inkRows(page: Page, png: Buffer): Promise<boolean[]> {
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = c.getContext('2d')!;
    ctx.drawImage(bmp, 0, 0);
    const { data } = ctx.getImageData(0, 0, bmp.width, bmp.height);
    return Array.from({ length: bmp.height }, (_, y) => {
      for (let x = 0; x < bmp.width; x++) {
        const i = (y * bmp.width + x) * 4;
        if (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200) return true;
      }
      return false;
    });
  }, png.toString('base64'));
}

test('the heatmap PNG export downloads a PNG with a title above and the config caption below', async ({ page }) => {
  const errors = collectErrors(page);
  await runTo(page, `${TINY}&epochs=1`);
  const table = (await page.getByTestId('heatmap').boundingBox())!;
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('png-heatmap').click()]);
  expect(d.suggestedFilename()).toBe('heatmap.png');
  const png = readFileSync((await d.path())!);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16),
    height = png.readUInt32BE(20); // IHDR, at 2x
  expect(width).toBeGreaterThanOrEqual(2 * table.width);
  expect(height).toBeGreaterThan(2 * (table.height + 40)); // the table plus a title and a caption
  const rows = await inkRows(page, png);
  const title = rows.slice(0, 2 * 40),
    caption = rows.slice(rows.length - 2 * 30);
  expect(title.some(Boolean), 'title text at the top').toBe(true);
  expect(caption.some(Boolean), 'caption text at the bottom').toBe(true);
  expect(errors).toEqual([]);
});

test('presenter mode enlarges the chart labels', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, `${TINY}&epochs=1`);
  const size = () => page.getByTestId('curves-chart').locator('svg g[font-size]').first().getAttribute('font-size');
  await page.getByTestId('run').click();
  await waitForFinished(page, 120_000);
  expect(Number(await size())).toBe(11);
  await reopen(page, `${TINY}&epochs=1&present=1`);
  // The saved run comes back at once; its chart is drawn at presenter size.
  await expect(page.getByTestId('curves-final')).toBeVisible();
  expect(Number(await size())).toBe(15);
  expect(errors).toEqual([]);
});

test('params budget: exact and evolutionary beside FLOPs, the exact pick the best-scoring row that fits', async ({ page }) => {
  const errors = collectErrors(page);
  // topk=25: the ranking lists every path, so the best under a budget is its first row that fits.
  await runTo(page, `${TINY}&epochs=1&topk=25`);
  const rows = await page.locator('[data-testid=ranking] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      path: tr.getAttribute('data-path')!,
      score: Number(tr.getAttribute('data-score')),
      flops: Number(tr.getAttribute('data-flops')),
      params: Number(tr.getAttribute('data-params')),
    })),
  );
  expect(rows).toHaveLength(25);
  for (const [id, metric] of [
    ['constrained', 'flops'],
    ['constrained-params', 'params'],
  ] as const) {
    const block = page.getByTestId(id);
    await expect(block).toBeVisible();
    const budget = Number(await block.getAttribute('data-budget'));
    const fit = rows.find((r) => r[metric] <= budget)!;
    const exact = page.getByTestId(`${id}-exact`);
    expect(Number(await exact.getAttribute('data-score')), `${metric}: exact = best row that fits`).toBeCloseTo(fit.score, 12);
    expect(Number(await exact.getAttribute('data-cost'))).toBeLessThanOrEqual(budget);
    const evo = Number(await page.getByTestId(`${id}-evo`).getAttribute('data-score'));
    expect(evo).toBeLessThanOrEqual(fit.score + 1e-12);
  }
  await expect(page.getByTestId('constrained-params')).toContainText('params');
  expect(errors).toEqual([]);
});

test('data panel: CIFAR-10 files are not kept across reloads, and the page says so', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, 'v=1&data=cifar10');
  const note = page.getByTestId('cifar-reload-note');
  await expect(note).toBeVisible();
  await expect(note).toContainText('reload');
  await expect(note).toContainText('loaded again');
  await page.getByTestId('data-builtin').check();
  await expect(note).toHaveCount(0);
  expect(errors).toEqual([]);
});
