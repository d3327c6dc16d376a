/**
 * The page against hostile input: a few hundred fuzzed links (seeded), each must leave a working page
 * with no script error; and an accessibility scan (axe) of the main states.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { collectErrors, openApp, waitForFinished } from './helpers';

const KEYS = [
  'v',
  'seed',
  'space',
  'width',
  'ops',
  'stages',
  'data',
  'n',
  'val',
  'epochs',
  'batch',
  'lr',
  'opt',
  'mode',
  'bnscope',
  'head',
  'sposx',
  'sposlr',
  'sposn',
  'repochs',
  'rlr',
  'rseeds',
  'topk',
  'flops',
  'params',
  'backend',
  'present',
  'autorun',
  'hide',
  '__proto__',
  'constructor',
  'zz',
];
const VALUES = [
  '',
  '0',
  '-1',
  '1e999',
  'NaN',
  'abc',
  '%',
  '%E0%A4%A',
  '<img src=x onerror=alert(1)>',
  'nbmacro',
  'custom',
  'CUSTOM',
  '0.3',
  '16x2,32x2',
  '999x99',
  'conv3,zz,',
  'builtin',
  'cifar10',
  'both',
  'full',
  'last',
  'auto',
  '1',
  'config,about,nope',
  'x'.repeat(5000),
];

test('300 fuzzed links (seeded): each gives a working page with no script error', async ({ page }) => {
  const errors = collectErrors(page);
  let alerted = false;
  page.on('dialog', (d) => {
    alerted = true;
    void d.dismiss();
  });
  const hashes = fc.sample(
    fc
      .array(fc.tuple(fc.constantFrom(...KEYS), fc.oneof(fc.constantFrom(...VALUES), fc.string({ maxLength: 12 }))), { maxLength: 12 })
      .map((pairs) => pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')),
    { numRuns: 300, seed: 42 },
  );
  await openApp(page);
  for (const [i, hash] of hashes.entries()) {
    // A pasted link while the page is open (hashchange), as a careless link-sharer does.
    await page.evaluate((h) => {
      location.hash = h;
    }, hash);
    if (i % 25 === 0) {
      await expect(page.getByRole('heading', { name: 'BN-NAS Playground' }), `after ${hash.slice(0, 200)}`).toBeVisible();
      await expect(page.getByTestId('run')).toBeAttached(); // panels may be hidden (hide=…); the controls never are
    }
  }
  await expect(page.getByTestId('run')).toBeEnabled();
  // The warnings are capped: a hostile link cannot flood the page.
  const warnings = await page
    .getByTestId('warnings')
    .locator('li')
    .count()
    .catch(() => 0);
  expect(warnings).toBeLessThanOrEqual(20);
  expect(alerted).toBe(false);
  expect(errors).toEqual([]);
});

test('accessibility: no serious or critical axe violations on the start page and after a run', async ({ page }) => {
  const scan = async (state: string) => {
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    console.log(
      `${state}: ${result.violations.length} violations (${bad.length} serious/critical)${bad
        .map(
          (v) =>
            `\n  ${v.id}: ${v.help} (${v.nodes.length}): ${v.nodes
              .slice(0, 8)
              .map((n) => n.target.join(' '))
              .join(' | ')}`,
        )
        .join('')}`,
    );
    expect(bad.map((v) => `${v.id} (${v.nodes.length})`)).toEqual([]);
  };
  await openApp(page);
  await scan('start page (NAS-Bench-Macro)');
  await openApp(page, 'v=1&n=512&val=128&epochs=1');
  await page.getByTestId('run').click();
  await waitForFinished(page);
  await scan('after a NAS-Bench-Macro run');
  await openApp(page, 'v=1&seed=2&stages=8x1,16x1&n=128&val=32&epochs=1');
  await page.getByTestId('run').click();
  await waitForFinished(page);
  await scan('after a custom-space run');
});

declare global {
  interface Window {
    __blockCanvas?: boolean;
  }
}

test('a panel that cannot draw (canvas blocked) becomes a notice; the rest of the page works, and Try again draws it', async ({ page }) => {
  const errors = collectErrors(page);
  // A browser whose privacy setting blocks canvas drawing: getContext gives nothing while the flag is up.
  await page.addInitScript(() => {
    const real = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, ...args: Parameters<typeof real>) {
      return window.__blockCanvas ? null : real.apply(this, args);
    } as typeof real;
  });
  await openApp(page, 'v=1&n=300&val=100&epochs=1');
  await page.evaluate(() => {
    window.__blockCanvas = true;
  });
  await page.getByTestId('run').click();
  await waitForFinished(page, 240_000);

  const notice = page.getByTestId('panel-failed-truth');
  await expect(notice).toContainText('BN score vs truth');
  await expect(notice).toContainText('no 2D canvas');
  await expect(page.getByTestId('truth-scatter')).toHaveCount(0);
  // Every other panel of the run is there, with its numbers.
  await expect(page.getByTestId('true-rank-0')).toContainText(/\d/);
  await expect(page.getByTestId('outcome-top1-acc')).toContainText(/\d+\.\d\d/);
  await expect(page.getByTestId('heatmap-epoch')).toContainText('epoch 1');
  await expect(page.locator('[data-testid^="panel-failed-"]')).toHaveCount(1);

  await page.evaluate(() => {
    window.__blockCanvas = false;
  });
  await notice.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('truth-scatter')).toHaveAttribute('data-points', '6561');
  await expect(notice).toHaveCount(0);
  // React reports an error it handed to a boundary on the console; nothing else may appear, and nothing uncaught.
  expect(errors.filter((e) => !e.includes('no 2D canvas'))).toEqual([]);
  expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
});
