/// <reference lib="dom" />
/**
 * The Data panel with real and hand-made CIFAR-10 input: the four real .bin files
 * of ../shared/data/cifar10 (read in place, never copied), corrupt and foreign
 * files, a .tar.gz built here with the system tar, and the URL loader (served by
 * page.route). Every expectation is derived independently of the app: the
 * README's per-class counts, or the labels this test wrote itself.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { cifarRecords, collectErrors, openApp, RECORD, waitForFinished } from './helpers';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CIFAR_DIR = path.resolve(ROOT, '../shared/data/cifar10');
const REAL_FILES = ['0000-0999', '1000-1999', '2000-2999', '3000-3999'].map((r) => path.join(CIFAR_DIR, `cifar10_data_batch_1_${r}.bin`));
const CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
/** From ../shared/data/cifar10/README.md: "Per class: 396 366 420 384 422 393 414 385 407 413." */
const README_COUNTS = [396, 366, 420, 384, 422, 393, 414, 385, 407, 413];
const TINY = 'v=1&n=256&val=64&epochs=2&stages=8x1,16x1,32x1';

function histogramOf(labels: number[]): number[] {
  const h = new Array<number>(10).fill(0);
  for (const l of labels) h[l]!++;
  return h;
}

/** The histogram as shown: [class name, count] per row. */
async function readHistogram(page: Page): Promise<[string, number][]> {
  const rows = page.getByTestId('histogram').locator('tbody tr');
  const out: [string, number][] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const name = (await rows.nth(i).locator('th').textContent())?.trim() ?? '';
    out.push([name, Number((await rows.nth(i).locator('td.num').textContent())?.trim())]);
  }
  return out;
}

async function chooseCifar(page: Page): Promise<void> {
  await page.getByTestId('data-cifar10').check();
  await expect(page.getByTestId('cifar-files')).toBeVisible();
}

async function loadRealCifar(page: Page): Promise<void> {
  for (const f of REAL_FILES) expect(existsSync(f), `${f} exists`).toBe(true);
  await page.getByTestId('cifar-files').setInputFiles(REAL_FILES);
  await expect(page.getByTestId('data-count')).toHaveText('4,000', { timeout: 60_000 });
}

test.describe('CIFAR-10 data', () => {
  test('the four real files: 4,000 images, the README histogram, 20 drawn thumbnails; corrupt and foreign files keep them; a tiny run trains on them', async ({
    page,
  }) => {
    const errors = collectErrors(page);
    await openApp(page, TINY);
    await chooseCifar(page);
    await expect(page.getByText('No CIFAR-10 loaded yet.')).toBeVisible();

    // (a) the real files
    await loadRealCifar(page);
    await expect(page).toHaveURL(/[#&]data=cifar10(&|$)/);
    expect(await readHistogram(page)).toEqual(CLASSES.map((c, k) => [c, README_COUNTS[k]]));
    const thumbs = page.getByTestId('data-summary').locator('canvas.thumb');
    await expect(thumbs).toHaveCount(20);
    // Two per class, in class order (title = class name).
    expect(await thumbs.evaluateAll((cs) => cs.map((c) => c.getAttribute('title')))).toEqual(CLASSES.flatMap((c) => [c, c]));
    const pixelStats = await thumbs.evaluateAll((cs) =>
      (cs as HTMLCanvasElement[]).map((c) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        const seen = new Set<number>();
        let opaque = true;
        for (let i = 0; i < d.length; i += 4) {
          seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
          if (d[i + 3] !== 255) opaque = false;
        }
        return { colours: seen.size, opaque };
      }),
    );
    console.log(`distinct colours per thumbnail: ${pixelStats.map((p) => p.colours).join(' ')}`);
    expect(pixelStats.filter((p) => p.colours > 1).length, 'thumbnails with non-uniform pixels').toBeGreaterThanOrEqual(1);
    // Real photos: every thumbnail is drawn (opaque) and none is a flat colour.
    expect(pixelStats.every((p) => p.opaque && p.colours > 50)).toBe(true);

    // (b) corrupt files: the error names the file and the fault; the 4,000 images stay.
    const input = page.getByTestId('cifar-files');
    const dataError = page.getByTestId('data-error');
    await input.setInputFiles({ name: 'bad.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(5000, 3) });
    await expect(dataError).toBeVisible();
    let text = (await dataError.textContent()) ?? '';
    console.log(`bad.bin → ${text}`);
    expect(text).toContain('bad.bin');
    expect(text).toContain('record 1'); // 5,000 bytes = 1 whole record + 1,927 bytes of the 2nd (index 1)
    expect(text).toMatch(/truncated/);
    expect(text).toContain('5000');
    expect(text).toContain('still in use');
    await expect(page.getByTestId('data-count')).toHaveText('4,000');
    expect(await readHistogram(page)).toEqual(CLASSES.map((c, k) => [c, README_COUNTS[k]]));

    const badLabel = cifarRecords([3]);
    badLabel[0] = 12;
    await input.setInputFiles({ name: 'label12.bin', mimeType: 'application/octet-stream', buffer: badLabel });
    await expect(dataError).toContainText('label12.bin');
    text = (await dataError.textContent()) ?? '';
    console.log(`label12.bin → ${text}`);
    expect(text).toContain('record 0');
    expect(text).toContain('label 12');
    await expect(page.getByTestId('data-count')).toHaveText('4,000');

    // A bad record after good ones: the record index counts within the file.
    const late = cifarRecords([1, 2, 3, 4]);
    late[2 * RECORD] = 200;
    await input.setInputFiles({ name: 'late.bin', mimeType: 'application/octet-stream', buffer: late });
    await expect(dataError).toContainText('late.bin');
    await expect(dataError).toContainText('record 2');
    await expect(dataError).toContainText('label 200');
    await expect(page.getByTestId('data-count')).toHaveText('4,000');

    // (c) not CIFAR-10 at all
    await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('these are my notes, not images\n') });
    await expect(dataError).toContainText('notes.txt');
    text = (await dataError.textContent()) ?? '';
    console.log(`notes.txt → ${text}`);
    expect(text).toMatch(/unsupported|\.bin/);
    await expect(page.getByTestId('data-count')).toHaveText('4,000');

    // Dismiss clears the error, not the data.
    await dataError.getByRole('button', { name: 'Dismiss' }).click();
    await expect(dataError).toHaveCount(0);
    await expect(page.getByTestId('data-count')).toHaveText('4,000');

    // (f) a tiny run on the loaded CIFAR-10 reaches done.
    await page.getByTestId('run').click();
    await waitForFinished(page, 200_000);
    await expect(page.getByTestId('status')).toHaveText('done');
    await expect(page.getByTestId('rank-row-0')).toBeVisible();
    console.log(`CIFAR-10 tiny run: ${await page.getByTestId('wall-seconds').textContent()} s`);
    expect(errors).toEqual([]);
  });

  test('a .tar.gz made with the system tar loads its data_batch_1.bin (20 records, known labels)', async ({ page }) => {
    const errors = collectErrors(page);
    const labels = [6, 9, 9, 4, 1, 1, 2, 7, 8, 3, 0, 0, 0, 5, 5, 9, 2, 2, 2, 7];
    const dir = mkdtempSync(path.join(tmpdir(), 'cifar-tgz-'));
    try {
      mkdirSync(path.join(dir, 'cifar-10-batches-bin'));
      writeFileSync(path.join(dir, 'cifar-10-batches-bin', 'data_batch_1.bin'), cifarRecords(labels, 7));
      // Not a batch file: the reader must skip it.
      writeFileSync(path.join(dir, 'cifar-10-batches-bin', 'batches.meta.txt'), CLASSES.join('\n'));
      const tar = execFileSync('tar', ['-cf', '-', '-C', dir, 'cifar-10-batches-bin']);
      const tgz = gzipSync(tar);
      await openApp(page, TINY);
      await chooseCifar(page);
      await page.getByTestId('cifar-files').setInputFiles({ name: 'cifar-10-binary.tar.gz', mimeType: 'application/gzip', buffer: tgz });
      await expect(page.getByTestId('data-count')).toHaveText('20');
      await expect(page.getByTestId('data-error')).toHaveCount(0);
      expect(await readHistogram(page)).toEqual(CLASSES.map((c, k) => [c, histogramOf(labels)[k]]));
      await expect(page.getByTestId('data-summary')).toContainText('data_batch_1.bin');
      // Two thumbnails per class present (fewer where a class has one image, none where it has none).
      const want = histogramOf(labels).reduce((a, n) => a + Math.min(n, 2), 0);
      await expect(page.getByTestId('data-summary').locator('canvas.thumb')).toHaveCount(want);

      // A gzip that is not a tar of batch files: an error naming the archive.
      await page.getByTestId('cifar-files').setInputFiles({
        name: 'empty.tar.gz',
        mimeType: 'application/gzip',
        buffer: gzipSync(execFileSync('tar', ['-cf', '-', '-C', dir, 'cifar-10-batches-bin/batches.meta.txt'])),
      });
      await expect(page.getByTestId('data-error')).toContainText('empty.tar.gz');
      console.log(`empty.tar.gz → ${await page.getByTestId('data-error').textContent()}`);
      await expect(page.getByTestId('data-count')).toHaveText('20');
      // Bytes that are not gzip at all, named .tar.gz.
      await page
        .getByTestId('cifar-files')
        .setInputFiles({ name: 'broken.tar.gz', mimeType: 'application/gzip', buffer: Buffer.from('definitely not gzip data'.repeat(10)) });
      await expect(page.getByTestId('data-error')).toContainText('broken.tar.gz');
      console.log(`broken.tar.gz → ${await page.getByTestId('data-error').textContent()}`);
      await expect(page.getByTestId('data-count')).toHaveText('20');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(errors).toEqual([]);
  });

  test('the URL loader: bad URLs give errors; a routed .bin loads with byte progress to completion', async ({ page, baseURL }) => {
    const errors = collectErrors(page);
    const origin = new URL(baseURL!).origin;
    const body = cifarRecords([0, 1, 2, 3, 4, 5, 6, 7, 8, 8], 11);
    let served = 0;
    await page.route(`${origin}/fake/data_batch_9.bin`, async (route) => {
      served++;
      await new Promise((r) => setTimeout(r, 1500)); // long enough to see the loading state
      await route.fulfill({ status: 200, body, headers: { 'content-type': 'application/octet-stream', 'content-length': String(body.length) } });
    });
    await page.route(`${origin}/fake/missing.bin`, (route) => route.fulfill({ status: 404, body: 'nope' }));
    await openApp(page, TINY);
    await chooseCifar(page);
    const url = page.getByTestId('cifar-url');
    const load = page.getByRole('button', { name: 'Load', exact: true });
    const dataError = page.getByTestId('data-error');

    // 'not a url': the form is noValidate, so the browser's type=url check cannot pass this for the app: the app itself must refuse it.
    await url.fill('not a url');
    await load.click();
    await expect(dataError).toContainText('not a url: unsupported URL');
    console.log(`'not a url' → app error: ${await dataError.textContent()}`);
    await expect(page.getByTestId('data-count')).toHaveCount(0);

    // A well-formed URL the app cannot use: not http(s).
    await url.fill('ftp://example.com/data_batch_1.bin');
    await load.click();
    await expect(dataError).toContainText('only http(s) URLs');
    // An http URL that answers 404.
    await url.fill(`${origin}/fake/missing.bin`);
    await load.click();
    await expect(dataError).toContainText('404');
    console.log(`404 → ${await dataError.textContent()}`);

    // The routed .bin: record the progress bar while loading (the fill width is loaded/total).
    await page.evaluate(() => {
      const w = window as unknown as { __progress: string[] };
      w.__progress = [];
      const record = () => {
        const p = document.querySelector('[data-testid="data-progress"]');
        if (!p) return;
        const fill = p.querySelector<HTMLElement>('.progress-fill');
        const entry = `${fill?.style.width ?? '?'}|${p.textContent ?? ''}`;
        if (w.__progress[w.__progress.length - 1] !== entry) w.__progress.push(entry);
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await url.fill(`${origin}/fake/data_batch_9.bin`);
    await load.click();
    await expect(page.getByTestId('data-progress')).toBeVisible();
    await expect(url).toBeDisabled(); // loading: inputs locked
    await expect(page.getByTestId('data-count')).toHaveText('10');
    await expect(page.getByTestId('data-progress')).toHaveCount(0);
    await expect(dataError).toHaveCount(0);
    expect(served).toBe(1);
    expect(await readHistogram(page)).toEqual(CLASSES.map((c, k) => [c, histogramOf([0, 1, 2, 3, 4, 5, 6, 7, 8, 8])[k]]));
    await expect(page.getByTestId('data-summary')).toContainText('data_batch_9.bin');
    const progress = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
    console.log(`progress states seen: ${JSON.stringify(progress)}`);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    // Once the total is known (content-length), the bar (loaded/total) never goes backwards and ends full.
    const withTotal = progress.filter((p) => / of /.test(p));
    const widths = withTotal.map((p) => parseFloat(p.split('|')[0]!));
    for (let i = 1; i < widths.length; i++) expect(widths[i]!).toBeGreaterThanOrEqual(widths[i - 1]!);
    expect(withTotal.length, 'a progress state with the content-length total was shown').toBeGreaterThanOrEqual(1);
    expect(withTotal[withTotal.length - 1]!.startsWith('100%'), 'the last one is complete').toBe(true);
    expect(errors).toEqual([]);
  });
});
