/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, commitInput, hashMap, openApp, readRanking, waitForFinished } from './helpers';

const NUMBERS = ['n', 'val', 'epochs', 'batch', 'lr', 'seed', 'topk'] as const;
const SELECTS = ['mode', 'bnscope', 'head', 'opt', 'backend'] as const;
const OPS = ['conv3', 'conv5', 'sep3', 'sep5', 'mb3'] as const;

/** Everything the config panel shows, read as a user would see it. */
async function visibleConfig(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const k of NUMBERS) out[k] = await page.getByTestId(`num-${k}`).inputValue({ timeout: 5000 });
  for (const k of SELECTS) out[k] = await page.getByTestId(`select-${k}`).inputValue({ timeout: 5000 });
  for (const src of ['generated', 'cifar10']) {
    const radio = page.getByTestId(`data-${src}`);
    if ((await radio.count()) > 0) out[`data-${src}`] = String(await radio.isChecked({ timeout: 5000 }));
  }
  for (const op of OPS) {
    const box = page.getByTestId(`op-${op}`);
    if ((await box.count()) > 0) out[`op-${op}`] = String(await box.isChecked({ timeout: 5000 }));
  }
  out.stages = await page.getByTestId('stages').inputValue({ timeout: 5000 });
  out.flops = await page.getByTestId('budget-flops').inputValue({ timeout: 5000 });
  out.params = await page.getByTestId('budget-params').inputValue({ timeout: 5000 });
  return out;
}

test('config changed in the UI round-trips through the link into a new page and gives the same run', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = collectErrors(page);
  await openApp(page);
  // The editable space: choosing it applies its recipe (generated data, its sizes and optimizer).
  await page.getByTestId('space-select').selectOption('custom');
  await expect(page).toHaveURL(/#v=1&space=custom$/);

  await commitInput(page, 'num-seed', '7');
  await page.getByTestId('op-sep5').uncheck();
  await commitInput(page, 'num-epochs', '2');
  await page.getByTestId('select-opt').selectOption('adam');
  await commitInput(page, 'num-n', '128');
  await commitInput(page, 'num-val', '32');
  await commitInput(page, 'stages', '8x1,16x1');
  await commitInput(page, 'num-lr', '0.05');

  // The address bar follows every committed change.
  await expect(page).toHaveURL(/[#&]seed=7(&|$)/);
  const want = { v: '1', seed: '7', ops: 'conv3,conv5,sep3,mb3', stages: '8x1,16x1', n: '128', val: '32', epochs: '2', opt: 'adam', lr: '0.05' };
  expect(hashMap(page.url())).toMatchObject(want);
  await expect(page.getByTestId('op-sep5')).not.toBeChecked();
  await expect(page.getByTestId('path-count')).toHaveText('16');
  await expect(page.getByTestId('warnings')).toHaveCount(0);

  // Copy link: the clipboard when headless Chromium grants it, else the prompt's text, else the address bar.
  let prompted: string | null = null;
  page.once('dialog', (d) => {
    prompted = d.defaultValue();
    void d.dismiss();
  });
  await page.getByTestId('copy-link').click();
  await expect.poll(async () => prompted ?? (await page.getByTestId('copy-link').textContent())).not.toBe('Copy link');
  const copied = prompted ?? (await page.evaluate(() => navigator.clipboard.readText()));
  console.log(`copy-link gave the link via ${prompted ? 'window.prompt' : 'the clipboard'}: ${copied}`);
  expect(copied).toBe(page.url());
  const link = copied;

  const other = await context.newPage();
  const otherErrors = collectErrors(other);
  await other.goto(link);
  await expect(other.getByRole('heading', { name: 'BN-NAS Playground' })).toBeVisible();
  await expect(other.getByTestId('warnings')).toHaveCount(0);
  expect(hashMap(other.url())).toEqual(hashMap(page.url()));
  const shown = await visibleConfig(page);
  expect(shown).toMatchObject({
    seed: '7',
    n: '128',
    val: '32',
    epochs: '2',
    opt: 'adam',
    lr: '0.05',
    stages: '8x1,16x1',
    'op-sep5': 'false',
    'op-conv3': 'true',
    'data-generated': 'true',
  });
  expect(await visibleConfig(other)).toEqual(shown);
  await expect(other.getByTestId('path-count')).toHaveText('16');

  // Same link, same seed: the same ranking, bit for bit (same backend, same worker code).
  await page.getByTestId('run').click();
  await waitForFinished(page);
  const a = await readRanking(page, 5);
  await other.getByTestId('run').click();
  await waitForFinished(other);
  const b = await readRanking(other, 5);
  console.log('top-5 page A', JSON.stringify(a));
  console.log('top-5 page B', JSON.stringify(b));
  expect(new Set(a.map((r) => r.path)).size).toBe(5);
  expect(b).toEqual(a);
  await expect(other.getByTestId('backend-badge')).toHaveText((await page.getByTestId('backend-badge').textContent()) ?? '');

  expect(errors).toEqual([]);
  expect(otherErrors).toEqual([]);
});
