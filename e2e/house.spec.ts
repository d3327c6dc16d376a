import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { collectErrors, openApp, waitForFinished } from './helpers';

const CIFAR = '../shared/data/cifar10';
const file = (name: string) => ({ name, mimeType: 'application/octet-stream', buffer: readFileSync(`${CIFAR}/${name}`) });

test('a supernet run never stops a retrain: Run is refused with a notice while the retrain goes on to the end', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, 'v=1&seed=5&stages=8x1,16x1&data=generated&n=128&val=32&epochs=1&repochs=2');
  await page.getByTestId('run').click();
  await waitForFinished(page);
  await page.getByTestId('enqueue-spread').click();
  await expect(page.locator('[data-testid=queue] li')).toHaveCount(5);
  await page.getByTestId('retrain').click();
  await expect(page.getByTestId('retrain-stop')).toBeEnabled();
  await page.getByTestId('run').click();
  await expect(page.getByTestId('notice')).toContainText('A retrain is running');
  await expect(page.getByTestId('status')).toHaveText('done');
  // Every queued subnet still finishes: nothing was stopped or emptied.
  await expect(page.locator('[data-testid=retrain-results] tbody tr')).toHaveCount(5, { timeout: 180_000 });
  await expect(page.getByTestId('retrain-error')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a saved run made on one set of CIFAR-10 files is not shown for another', async ({ page }) => {
  const errors = collectErrors(page);
  const hash = 'v=1&seed=3&stages=8x1,16x1&data=cifar10&n=128&val=32&epochs=1';
  await openApp(page, hash);
  await page.getByTestId('cifar-files').setInputFiles([file('cifar10_data_batch_1_0000-0999.bin')]);
  await expect(page.getByTestId('data-summary')).toBeVisible();
  await page.getByTestId('run').click();
  await waitForFinished(page);
  await page.waitForTimeout(300); // the save runs after the result lands

  // Same config, same files: the run comes back.
  await page.reload();
  await page.getByTestId('cifar-files').setInputFiles([file('cifar10_data_batch_1_0000-0999.bin')]);
  await expect(page.getByTestId('restored')).toBeVisible();

  // Same config, other files: nothing is shown, and a run trains on the new files.
  await page.goto('about:blank');
  await openApp(page, hash);
  await page.getByTestId('cifar-files').setInputFiles([file('cifar10_data_batch_1_1000-1999.bin')]);
  await expect(page.getByTestId('data-summary')).toBeVisible();
  await page.waitForTimeout(500);
  await expect(page.getByTestId('restored')).toHaveCount(0);
  await expect(page.getByTestId('status')).toHaveText('idle');
  expect(errors).toEqual([]);
});

test('a worker that dies is noticed: the page starts a fresh one, keeps the config, says so, and Run works again', async ({ page }) => {
  const errors = collectErrors(page);
  const hash = 'v=1&seed=4&stages=8x1,16x1&data=generated&n=128&val=32&epochs=1';
  await openApp(page, hash);
  await page.getByTestId('run').click();
  await waitForFinished(page);
  const worker = page.workers().find((w) => w.url().includes('engine'));
  expect(worker, 'the engine worker').toBeDefined();
  await worker!.evaluate(() => (self as unknown as { close(): void }).close());
  await expect(page.getByTestId('notice')).toContainText('stopped answering', { timeout: 40_000 });
  expect(page.url()).toContain('seed=4');
  await page.getByTestId('run').click();
  await waitForFinished(page);
  await expect(page.getByTestId('status')).toHaveText('done');
  expect(errors).toEqual([]);
});

test('a small dataset says what it trains on, and files dropped during a run are refused', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, 'v=1&seed=6&stages=8x1,16x1&data=cifar10&n=128&val=32&epochs=1&mode=bn');
  const fifty = readFileSync(`${CIFAR}/cifar10_data_batch_1_0000-0999.bin`).subarray(0, 50 * 3073);
  await page.getByTestId('cifar-files').setInputFiles([{ name: 'fifty.bin', mimeType: 'application/octet-stream', buffer: Buffer.from(fifty) }]);
  await expect(page.getByTestId('data-count')).toHaveText('50');
  await page.getByTestId('run').click();
  await waitForFinished(page);
  // The split's warnings reach the page: 50 images cannot give 128 + 32.
  await expect(page.getByTestId('warnings')).toContainText('50');

  // A file dropped on the drop zone while a run trains is refused: the shown data stays the data it trains on.
  await page.getByTestId('num-epochs').fill('40');
  await page.getByTestId('num-epochs').press('Enter');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('training', { timeout: 60_000 });
  await page.evaluate(() => {
    const zone = document.querySelector('.dropzone')!;
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(3073 * 2)], 'late.bin'));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await expect(page.getByTestId('notice')).toContainText('cannot be loaded while a run');
  await expect(page.getByTestId('data-count')).toHaveText('50');
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('status')).toHaveText('stopped');
  expect(errors).toEqual([]);
});
