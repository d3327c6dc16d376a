/// <reference lib="dom" />
/**
 * Mode 'both' in the browser: BN-NAS, then SPOS on the same data and seed, side
 * by side. Every shown number is checked against what the page's own tables
 * say: sample BN scores against the heatmap, Kendall tau against an O(n^2)
 * count, the top lists against sorting, the speedups against the times; then
 * the sample goes to retraining and SPOS accuracy joins the proxy leaderboard.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, commitInput, kendallTauB, openApp, readHeatmap, waitForStatus } from './helpers';

const BOTH = 'v=1&mode=both&n=256&val=128&epochs=2&sposx=3&sposn=6&stages=8x1,16x1,32x1';

const shown = (t: string | null) => (t?.trim() === '—' ? NaN : Number(t));
const expectTau = (shownTau: number, mine: number) => {
  if (Number.isNaN(mine)) expect(shownTau).toBeNaN();
  else expect(Math.abs(shownTau - mine)).toBeLessThanOrEqual(1e-3);
};

/** '728.3 ms' → 0.7283, '4.7 s' → 4.7, '19 ns' → 1.9e-8. */
function parseSeconds(t: string): number {
  const m = /([\d.,]+)\s*(ns|µs|ms|s)/.exec(t)!;
  return Number(m[1]!.replace(/,/g, '')) * { ns: 1e-9, µs: 1e-6, ms: 1e-3, s: 1 }[m[2] as 'ns' | 'µs' | 'ms' | 's'];
}

interface SampleRow {
  path: string;
  score: number;
  spos: number[];
}

async function readSample(page: Page): Promise<SampleRow[]> {
  return page
    .getByTestId('compare-sample')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((tr) => ({
        path: tr.getAttribute('data-path')!,
        score: Number(tr.getAttribute('data-score')),
        spos: tr.getAttribute('data-spos')!.split(',').map(Number),
      })),
    );
}

test("mode 'both': BN-NAS and SPOS side by side, every number recomputable from the page", async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, BOTH);
  await expect(page.getByTestId('select-mode')).toHaveValue('both');
  await expect(page.getByTestId('spos-fields')).toBeVisible();
  await page.getByTestId('run').click();
  // The progress line names the stage: BN-NAS first, SPOS after.
  await expect(page.getByTestId('stage')).toHaveText('BN-NAS supernet', { timeout: 60_000 });
  await expect(page.getByTestId('stage')).toHaveText(/SPOS (supernet|evaluation)/, { timeout: 120_000 });
  await waitForStatus(page, 'done', 180_000);

  const panel = page.getByTestId('compare-panel');
  await expect(panel.getByTestId('compare-speed')).toBeVisible();
  await expect(page.getByTestId('compare-acc-chart').locator('g[data-series] path')).toHaveCount(2);
  await expect(page.getByTestId('compare-epochs-chart').locator('.recharts-line')).toHaveCount(1);

  // The sample: 6 distinct paths whose BN scores are the heatmap's path sums.
  const heat = await readHeatmap(page);
  const sample = await readSample(page);
  expect(sample).toHaveLength(6);
  expect(new Set(sample.map((s) => s.path)).size).toBe(6);
  for (const s of sample) {
    const sum = s.path
      .split('-')
      .map(Number)
      .reduce((a, k, l) => a + heat[l]![k]!, 0);
    expect(Math.abs(sum - s.score)).toBeLessThanOrEqual(1e-4);
    expect(s.spos).toHaveLength(2); // at BN-NAS's 2 epochs and at SPOS's 6
    for (const a of s.spos) expect(Math.round(a * 128)).toBeCloseTo(a * 128, 6); // accuracies over 128 val images
  }

  // Kendall tau: BN score vs SPOS at each checkpoint, and SPOS short vs final.
  const scores = sample.map((s) => s.score);
  expectTau(
    shown(await page.getByTestId('compare-tau-0').textContent()),
    kendallTauB(
      scores,
      sample.map((s) => s.spos[0]!),
    ),
  );
  expectTau(
    shown(await page.getByTestId('compare-tau-1').textContent()),
    kendallTauB(
      scores,
      sample.map((s) => s.spos[1]!),
    ),
  );
  expectTau(
    shown(await page.getByTestId('compare-spos-short').textContent()),
    kendallTauB(
      sample.map((s) => s.spos[0]!),
      sample.map((s) => s.spos[1]!),
    ),
  );

  // Top lists are the sample sorted each way (first entries; ties may order either way).
  const topBn = await page
    .getByTestId('compare-top-bn')
    .locator('li')
    .evaluateAll((li) => li.map((e) => e.getAttribute('data-path')));
  const topSpos = await page
    .getByTestId('compare-top-spos')
    .locator('li')
    .evaluateAll((li) => li.map((e) => e.getAttribute('data-path')));
  expect(topBn).toHaveLength(5);
  expect(topBn[0]).toBe([...sample].sort((a, b) => b.score - a.score)[0]!.path);
  const bestSpos = Math.max(...sample.map((s) => s.spos[1]!));
  expect(sample.find((s) => s.path === topSpos[0])!.spos[1]).toBe(bestSpos);

  // Speedups are the ratio of the shown times (rounded display: 5% tolerance).
  const bnSec = parseSeconds((await page.getByTestId('bn-seconds').textContent())!);
  const sposSec = parseSeconds((await page.getByTestId('spos-seconds').textContent())!);
  const total = Number((await page.getByTestId('speedup-total').textContent())!.replace(/[×,]/g, ''));
  expect(Math.abs(total - sposSec / bnSec) / total).toBeLessThan(0.05);
  const evalSpeedup = Number((await page.getByTestId('speedup-eval').textContent())!.replace(/[×,]/g, ''));
  console.log(`BN-NAS ${bnSec} s vs SPOS ${sposSec} s (${total}x); evaluation speedup ${evalSpeedup}x`);
  expect(evalSpeedup).toBeGreaterThan(1000); // a sum of 3 numbers vs hundreds of forward passes

  // Retrain the sample: SPOS accuracy joins the leaderboard, over the same subnets.
  await panel.getByTestId('compare-retrain').click();
  await expect(page.getByTestId('queue').locator('li')).toHaveCount(6);
  await commitInput(page, 'retrain-epochs', '1');
  await page.getByTestId('retrain').click();
  await expect(page.getByTestId('retrain-results').locator('tbody tr')).toHaveCount(6, { timeout: 180_000 });
  await expect(page.getByTestId('retrain-stop')).toBeDisabled({ timeout: 60_000 });
  const retrained = await page
    .getByTestId('retrain-results')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((tr) => ({
        path: tr.getAttribute('data-path')!,
        acc: Number(tr.getAttribute('data-accuracies')),
      })),
    );
  const spos = retrained.map((r) => sample.find((s) => s.path === r.path)!);
  expectTau(
    shown(await page.getByTestId('lb-tau-sposAccuracy').textContent()),
    kendallTauB(
      spos.map((s) => s.spos[1]!),
      retrained.map((r) => r.acc),
    ),
  );
  expectTau(
    shown(await page.getByTestId('lb-tau-sposShort').textContent()),
    kendallTauB(
      spos.map((s) => s.spos[0]!),
      retrained.map((r) => r.acc),
    ),
  );
  expectTau(
    shown(await page.getByTestId('lb-tau-bnScore').textContent()),
    kendallTauB(
      spos.map((s) => s.score),
      retrained.map((r) => r.acc),
    ),
  );
  expect(errors).toEqual([]);
});
