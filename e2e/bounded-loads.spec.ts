/// <reference lib="dom" />
/**
 * Loading CIFAR-10 from a URL against a real HTTP server on another origin (CORS headers set, as a
 * data host would): a file over the size limit, a server that never answers (cancelled), a body cut
 * short, a redirect loop and a malformed escape each end in a message naming the cause, with the data
 * loaded before kept; a Run is refused while a load works, so a load can never swap the data under a run.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { cifarRecords, collectErrors, openApp } from './helpers';

const TWELVE = cifarRecords([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9], 5);

let server: Server;
let host = '';
const held: ServerResponse[] = [];
test.beforeAll(async () => {
  server = createServer((req, res) => {
    const cors = { 'access-control-allow-origin': '*' };
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/ok/')) {
      res.writeHead(200, { ...cors, 'content-length': String(TWELVE.length) });
      res.end(TWELVE);
      return;
    }
    if (path === '/huge/data_batch_1.bin') {
      res.writeHead(200, { ...cors, 'content-length': String(2e9) });
      res.write(TWELVE);
      held.push(res);
      return;
    }
    if (path === '/silent/data_batch_1.bin') {
      held.push(res);
      return;
    }
    if (path === '/cut/data_batch_1.bin') {
      res.writeHead(200, { ...cors, 'content-length': String(TWELVE.length) });
      res.write(TWELVE.subarray(0, 5000));
      setTimeout(() => res.destroy(), 50);
      return;
    }
    if (path === '/loop/data_batch_1.bin') {
      res.writeHead(302, { ...cors, location: '/loop/data_batch_1.bin' });
      res.end();
      return;
    }
    res.writeHead(404, cors);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  for (const r of held) r.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

async function loadUrl(page: Page, url: string): Promise<void> {
  await page.getByTestId('cifar-url').fill(url);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
}

test('URL loads are bounded: size, silence (cancelled), a cut body, a redirect loop; each named, the loaded data kept', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, 'v=1&space=custom&n=8&val=4&epochs=1&stages=8x1');
  await page.getByTestId('data-cifar10').check();
  const dataError = page.getByTestId('data-error');

  // A first set, loaded from a name with a malformed escape: no "URI malformed".
  await loadUrl(page, `${host}/ok/data_batch_%E0%A4%A.bin`);
  await expect(page.getByTestId('data-count')).toHaveText('12');
  await expect(dataError).toHaveCount(0);

  // 2 GB announced: refused from its Content-Length, the 12 images stay.
  await loadUrl(page, `${host}/huge/data_batch_1.bin`);
  await expect(dataError).toContainText('is 2.0 GB: a CIFAR-10 set is at most ~185 MB, so it was not loaded');
  await expect(dataError).toContainText('The data loaded before is still in use.');
  await expect(page.getByTestId('data-count')).toHaveText('12');
  await dataError.getByRole('button', { name: 'Dismiss' }).click();

  // A body cut short is a cut download, not a format error nor "network error".
  await loadUrl(page, `${host}/cut/data_batch_1.bin`);
  await expect(dataError).toContainText(/broke off after|ended after/);
  await dataError.getByRole('button', { name: 'Dismiss' }).click();

  // A redirect loop is named as such.
  await loadUrl(page, `${host}/loop/data_batch_1.bin`);
  await expect(dataError).toContainText('redirect loop');
  await dataError.getByRole('button', { name: 'Dismiss' }).click();

  // A server that never answers: the panel says it waits; Run is refused meanwhile; Cancel ends it.
  await loadUrl(page, `${host}/silent/data_batch_1.bin`);
  await expect(page.getByTestId('data-progress')).toContainText('waiting for the server');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('notice')).toContainText('Data is still loading');
  await expect(page.getByTestId('status')).not.toContainText(/training|starting/);
  await page.getByTestId('data-cancel').click();
  await expect(page.getByTestId('data-progress')).toHaveCount(0);
  await expect(page.getByTestId('notice')).toContainText('Loading cancelled');
  await expect(dataError).toHaveCount(0);
  await expect(page.getByTestId('cifar-url')).toBeEnabled();
  await expect(page.getByTestId('data-count')).toHaveText('12');
  expect(errors).toEqual([]);
});
