/// <reference lib="dom" />
/**
 * What a student needs to trust (or distrust) the numbers: the chance-level banner, the rank
 * stability's yardstick, the heatmap's colour scales, the curves' final values, the About panel's
 * recipe notes, Space after a preset, paths by op names, the PNG export, both budgets, the data note.
 * Every number is checked against a computation made here, from what the page shows or saved.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { createRng } from '../src/engine/space';
import { collectErrors, heatmapEpoch, kendallTauB, openApp, readHeatmap, status, waitForStatus, reopen, runTo, TRUST_TINY } from './helpers';

const TINY = TRUST_TINY;

interface SavedEpoch {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  valAccuracy: number | null;
  scores: number[][];
}

/** The finished run as the page saved it in IndexedDB (a fresh context holds just this one), or null until it is saved. */
async function savedEpochs(page: Page): Promise<SavedEpoch[] | null> {
  return page.evaluate(
    () =>
      new Promise<SavedEpoch[] | null>((resolve) => {
        const req = indexedDB.open('bn-nas-playground');
        req.onerror = () => resolve(null);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('runs')) {
            db.close();
            resolve(null);
            return;
          }
          const all = db.transaction('runs').objectStore('runs').getAll();
          all.onsuccess = () => {
            db.close();
            const r = all.result as { epochs: SavedEpoch[] }[];
            resolve(r.length === 1 ? r[0]!.epochs : null);
          };
          all.onerror = () => {
            db.close();
            resolve(null);
          };
        };
      }),
  );
}

test('chance banner: one epoch on 128 generated images is at chance, with the bound 0.1 + 1.645·√(0.09/val)', async ({ page }) => {
  const errors = collectErrors(page);
  await runTo(page, `${TINY}&epochs=1`);
  // Once, above the results, for both the heatmap and the ranking (issue 18, item 8).
  const banner = page.getByTestId('chance-banner');
  await expect(banner).toHaveCount(1);
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("the heatmap's brightest cells and the ranking's order are mostly noise");
  const bound = 0.1 + 1.645 * Math.sqrt(0.09 / 64);
  expect(Number(await banner.getAttribute('data-bound'))).toBeCloseTo(bound, 12);
  expect(Number(await banner.getAttribute('data-n'))).toBe(64);
  await expect(banner.getByTestId('chance-bound')).toHaveText(`${(bound * 100).toFixed(1)}%`);
  // The accuracy it judges is the last epoch's validation accuracy, the one the curves print.
  const accuracy = Number(await banner.getAttribute('data-accuracy'));
  expect(accuracy).toBe(Number(await page.getByTestId('curves-final').getAttribute('data-val')));
  expect(accuracy).toBeLessThanOrEqual(bound);
  await expect(banner.getByTestId('chance-accuracy')).toHaveText(`${(accuracy * 100).toFixed(1)}%`);
  await expect(banner).toContainText('Long run');
  console.log(`val accuracy ${accuracy} on 64 images, bound ${bound.toFixed(4)}`);
  expect(errors).toEqual([]);
});

/** The page's yardstick, recomputed: each BN cell + sigma·N(0,1) from the seed's 'noise-yardstick' stream, tau over all paths. */
function yardstick(scores: number[][], seed: number, draws = 5): number {
  const sd = (r: number[]) => {
    const m = r.reduce((a, b) => a + b, 0) / r.length;
    return Math.sqrt(r.reduce((a, b) => a + (b - m) ** 2, 0) / r.length);
  };
  const sds = scores
    .map((row) => row.filter((v) => v > 0))
    .filter((r) => r.length >= 2)
    .map(sd);
  const sigma = sds.reduce((a, b) => a + b, 0) / sds.length;
  const rng = createRng(seed).fork('noise-yardstick');
  const paths = (m: number[][]) => m.reduce<number[]>((acc, row) => acc.flatMap((p) => row.map((v) => p + v)), [0]);
  let sum = 0;
  for (let d = 0; d < draws; d++) sum += kendallTauB(paths(scores), paths(scores.map((row) => row.map((v) => (v > 0 ? v + sigma * rng.normal() : v)))));
  return sum / draws;
}

test('rank stability: labelled vs the final epoch, ends at 1, and its noise yardstick recomputed', async ({ page }) => {
  const errors = collectErrors(page);
  await runTo(page, `${TINY}&epochs=2`);
  await expect(page.getByTestId('stability-ref')).toHaveText('vs the final epoch');
  await expect(page.getByRole('region', { name: 'Rank stability' })).toContainText('1 by construction');
  await expect(page.getByTestId('stability-table').locator('td').last()).toHaveText('1.0000');
  const shown = Number(await page.getByTestId('stability-noise-tau').textContent());
  const value = Number(await page.getByTestId('stability-noise').getAttribute('data-value'));
  expect(value).toBeGreaterThanOrEqual(-1);
  expect(value).toBeLessThanOrEqual(1);
  const mine = yardstick(await readHeatmap(page), 3);
  console.log(`noise yardstick: page ${value}, recomputed ${mine}`);
  expect(Math.abs(value - mine)).toBeLessThan(1e-9);
  expect(shown).toBeCloseTo(mine, 2);
  expect(errors).toEqual([]);
});

test('rank stability on a 1-path space shows — for tau, never NaN', async ({ page }) => {
  const errors = collectErrors(page);
  await runTo(page, 'v=1&stages=8x1&ops=conv3&n=128&val=64&epochs=1');
  await expect(page.getByTestId('stability-noise-tau')).toHaveText('—');
  await expect(page.getByTestId('stability-table').locator('td')).toHaveText(['—']);
  expect(await page.locator('body').innerText()).not.toContain('NaN');
  expect(errors).toEqual([]);
});

const TOP = 'rgb(253, 231, 37)'; // viridis(1), the brightest colour

async function cellColours(page: Page): Promise<string[][]> {
  return page.getByTestId('heatmap').evaluate((table) => {
    const rows: string[][] = [];
    for (const td of Array.from(table.querySelectorAll<HTMLElement>('td[data-testid^="cell-"]'))) {
      const [, l, k] = /^cell-(\d+)-(\d+)$/.exec(td.dataset.testid!)!.map(Number);
      (rows[l!] ??= [])[k!] = getComputedStyle(td).backgroundColor;
    }
    return rows;
  });
}

test("heatmap: per-layer scale gives each layer its top colour; the spread printed is the cells'", async ({ page }) => {
  const errors = collectErrors(page);
  await runTo(page, `${TINY}&epochs=2`);
  const values = await readHeatmap(page);
  const global = await cellColours(page);
  const flat = values.flat().filter((v) => v > 0);
  const max = Math.max(...flat);
  // One scale: only the overall largest score gets the top colour.
  values.forEach((row, l) => row.forEach((v, k) => expect(global[l]![k] === TOP, `global colour of cell ${l}-${k}`).toBe(v === max)));

  await page.getByTestId('heatmap-scale').check();
  await expect(page.getByTestId('heatmap-box')).toHaveAttribute('data-scale', 'layer');
  const perLayer = await cellColours(page);
  expect(
    perLayer.flat().some((c, i) => c !== global.flat()[i]),
    'toggling changes colours',
  ).toBe(true);
  values.forEach((row, l) => {
    const best = row.indexOf(Math.max(...row));
    expect(perLayer[l]![best], `layer ${l}'s best cell`).toBe(TOP);
  });

  const spread = page.getByTestId('heatmap-spread');
  expect(Number(await spread.getAttribute('data-overall'))).toBeCloseTo(max - Math.min(...flat), 12);
  const within = Math.max(
    ...values.map((row) => {
      const v = row.filter((x) => x > 0);
      return Math.max(...v) - Math.min(...v);
    }),
  );
  expect(Number(await spread.getAttribute('data-layer'))).toBeCloseTo(within, 12);
  await page.getByTestId('heatmap-scale').uncheck();
  expect(await cellColours(page)).toEqual(global);
  expect(errors).toEqual([]);
});

test("curves: the final numbers are the last saved epoch's, and hovering the plot middle shows an epoch", async ({ page }) => {
  const errors = collectErrors(page);
  await runTo(page, `${TINY}&epochs=3`);
  let epochs: SavedEpoch[] | null = null;
  await expect.poll(async () => (epochs = await savedEpochs(page)) !== null, { timeout: 15_000 }).toBe(true);
  const last = epochs![epochs!.length - 1]!;
  const final = page.getByTestId('curves-final');
  expect(Number(await final.getAttribute('data-epoch'))).toBe(last.epoch);
  expect(await heatmapEpoch(page)).toBe(last.epoch);
  expect(Number(await final.getAttribute('data-loss'))).toBe(last.loss);
  expect(Number(await final.getAttribute('data-train'))).toBe(last.trainAccuracy);
  expect(Number(await final.getAttribute('data-val'))).toBe(last.valAccuracy);
  await expect(final).toContainText(`loss ${last.loss.toFixed(3)}`);
  await expect(final).toContainText(`train accuracy ${(last.trainAccuracy * 100).toFixed(1)}%`);
  await expect(final).toContainText(`validation accuracy ${(last.valAccuracy! * 100).toFixed(1)}%`);

  const svg = page.getByTestId('curves-chart').locator('svg').first();
  await svg.scrollIntoViewIfNeeded();
  const box = (await svg.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const tip = page.getByTestId('curves-chart').getByTestId('chart-tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText(/epoch \d/);
  // Three epochs over the plot: its middle is epoch 2.
  await expect(tip).toHaveAttribute('data-x', '2');
  const tipLoss = Number(/loss: ([\d.]+)/.exec((await tip.textContent()) ?? '')?.[1]);
  expect(Math.abs(tipLoss - epochs![1]!.loss)).toBeLessThanOrEqual(0.0006);
  await page.mouse.move(0, 0);
  await expect(tip).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("about: the space's default, the paper's setting, the findings, and docs/recipe.md readable", async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, 'v=1');
  const about = page.getByRole('region', { name: 'About BN-NAS' });
  await about.getByText('About BN-NAS').click();
  const d = about.getByTestId('about-default');
  for (const t of ['NAS-Bench-Macro', 'Adam at lr 0.02', "each op's last BN", '3,500 built-in', '5 epochs', 'width 0.125']) await expect(d).toContainText(t);
  for (const t of ['SGD', 'lr 0.1', "each op's last BN", 'classifier frozen']) await expect(about.getByTestId('about-paper')).toContainText(t);
  await expect(about.getByTestId('about-findings')).toContainText('0.69');
  await expect(about.getByTestId('about-findings')).toContainText('Long run');
  await expect(about.getByTestId('about-idscore')).toContainText('scores a skip 0');

  const notes = about.getByTestId('recipe-notes');
  await expect(notes.locator('.markdown')).toHaveCount(0); // collapsed until asked for
  await notes.getByTestId('recipe-notes-toggle').click();
  await expect(notes.getByTestId('recipe-notes-toggle')).toHaveAttribute('aria-expanded', 'true');
  await expect(notes.getByRole('heading', { name: 'BN-only supernet recipes, measured' })).toBeVisible();
  // Every heading and every table of the file is there (tables as aligned text).
  const md = readFileSync('docs/recipe.md', 'utf8');
  const headings = md.split('\n').filter((l) => /^#{1,6} /.test(l)).length;
  const lines = md.split('\n');
  const tables = lines.filter((l, i) => /^\s*\|/.test(l) && !/^\s*\|/.test(lines[i - 1] ?? '')).length;
  await expect(notes.locator('h3, h4, h5, h6')).toHaveCount(headings);
  await expect(notes.locator('pre.md-table')).toHaveCount(tables);
  await expect(notes.locator('pre.md-table').first()).toContainText('goals: depth count / MB6_K5 count');
  await expect(notes.locator('pre.md-table').nth(1)).toContainText('depth count (goal to beat)');
  await page.screenshot({ path: 'test-results/trust-about.png', fullPage: true });

  await reopen(page, 'v=1&space=custom');
  await page.getByRole('region', { name: 'About BN-NAS' }).getByText('About BN-NAS').click();
  for (const t of ['custom space', 'SGD', 'lr 1.0', 'every BN', 'generated']) await expect(page.getByTestId('about-default')).toContainText(t);
  expect(errors).toEqual([]);
});

test('after a preset click, Space starts the run and Escape stops it', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, TINY);
  await page.getByTestId('preset-quick').click();
  await expect(page.getByTestId('run')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(async () => expect((await status(page).textContent())?.trim()).not.toBe('idle')).toPass({ timeout: 10_000 });
  await waitForStatus(page, 'training', 60_000);
  await page.keyboard.press('Escape');
  await waitForStatus(page, 'stopped', 30_000);
  expect(errors).toEqual([]);
});

/** The chips' texts and the key on hover of a path shown by PathOps. */
