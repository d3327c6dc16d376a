import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, runTo } from './helpers';

// The benchmark's own parameter counts (width 1), read independently of the page.
const TABLE = JSON.parse(readFileSync('../shared/data/nas-bench-macro/nas-bench-macro_cifar10.json', 'utf8')) as Record<string, { params: number }>;

async function download(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: d.suggestedFilename(), text: readFileSync((await d.path())!, 'utf8') };
}

test("NAS-Bench-Macro: the PyTorch file at the run's width and at the benchmark's, each saying which; JSON and link without custom keys", async ({ page }) => {
  const errors = collectErrors(page);
  await runTo(page, 'v=1&seed=2&n=128&val=32&epochs=1');
  // The share link holds only what differs from the space's defaults.
  expect(await page.evaluate(() => location.hash)).toMatch(/^#v=1&seed=2&n=128&val=32&epochs=1(&|$)/);

  const row = page.getByTestId('rank-row-0');
  const path = (await row.getAttribute('data-path'))!;
  const key = path.replace(/-/g, '');
  await row.click();

  const json = JSON.parse((await download(page, 'export-json')).text);
  expect(Object.keys(json.config)).not.toContain('ops');
  expect(Object.keys(json.config)).not.toContain('stages');
  expect(json.config).toMatchObject({ space: 'nbmacro', width: 0.125, seed: 2, n: 128 });
  expect(json.url).toBe('#v=1&seed=2&n=128&val=32&epochs=1');

  const narrow = await download(page, 'export-pytorch');
  expect(narrow.name).toBe(`subnet-${path}.py`);
  const narrowParams = Number(/width 0\.125 \(every channel count x 0\.125\): ([\d,]+) parameters/.exec(narrow.text)![1]!.replace(/,/g, ''));
  expect(narrowParams).toBeLessThan(TABLE[key]!.params / 10);
  expect(narrow.text).toContain("The benchmark's accuracy is of the width-1 network, not of this one");

  const wide = await download(page, 'export-pytorch-w1');
  expect(wide.name).toBe(`subnet-${path}-w1.py`);
  expect(wide.text).toContain(
    `NAS-Bench-Macro at width 1, the benchmark's own network (its table's accuracy is this network's): ${TABLE[key]!.params.toLocaleString('en')} parameters`,
  );
  expect(wide.text).toMatch(/BN score [\d.]+ \(measured at width 0\.125\)/);
  expect(errors).toEqual([]);
});
