import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, openApp, waitForFinished } from './helpers';

const HASH = 'v=1&seed=4&n=128&val=32&epochs=2&stages=8x1,16x1,32x1&topk=5';

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

test('exports: chart PNG, subnet JSON and PyTorch file, ranking CSV; retrain curves', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, HASH);
  await page.getByTestId('run').click();
  await waitForFinished(page, 120_000);

  const png = await download(page, 'png-curves');
  expect(png.name).toBe('curves.png');
  expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
expect(png.bytes.length).toBeGreaterThan(2000); // a drawn chart, not an empty canvas

  const row = page.getByTestId('rank-row-0');
  const path = (await row.getAttribute('data-path'))!;
  await row.click();
  const json = JSON.parse((await download(page, 'export-json')).bytes.toString('utf8'));
  expect(json.path).toBe(path);
  expect(json.score).toBeCloseTo(Number(await row.getAttribute('data-score')), 12);
  expect(json.config).toMatchObject({ seed: 4, n: 128, topk: 5 });

  const py = await download(page, 'export-pytorch');
  expect(py.name).toBe(`subnet-${path}.py`);
  expect(py.bytes.toString('utf8')).toContain('class Subnet(nn.Module)');

  const csv = (await download(page, 'export-ranking')).bytes.toString('utf8').trim().split('\n');
  expect(csv[0]).toBe('rank,path,ops,score,flops,params');
  expect(csv).toHaveLength(6);
  expect(csv[1]!.startsWith(`1,${path},`)).toBe(true);

  await page.getByTestId('enqueue-selected').click();
  await page.getByTestId('retrain-epochs').fill('2');
  await page.getByTestId('retrain-epochs').press('Enter');
  await page.getByTestId('retrain').click();
  await expect(page.locator('[data-testid=retrain-results] tbody tr')).toHaveCount(1, { timeout: 120_000 });
  await expect(page.getByTestId('retrain-curves').locator('.recharts-line')).toHaveCount(1);
  const retrainCsv = (await download(page, 'export-retrain')).bytes.toString('utf8').trim().split('\n');
  expect(retrainCsv).toHaveLength(2);
  expect(retrainCsv[0]).toBe('path,ops,score,accuracy,accuracies,epochs,seconds,flops,params,gradNorm,snip,synflow,naswot');
  expect(retrainCsv[1]!.startsWith(`${path},`)).toBe(true);
  expect(errors).toEqual([]);
});
