/// <reference lib="dom" />
import { existsSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, commitInput, openApp, parseMemory, progressStep, status, waitForFinished, waitForStatus } from './helpers';

declare global {
  interface Window {
    __epochMemory: { epoch: string; memory: string }[];
    __memoryLog: string[];
    __memoryObserver?: MutationObserver;
  }
}

const HASH = 'v=1&seed=5&n=256&val=64&epochs=4&batch=64&stages=8x1,16x1,32x1';

/** Records, in the page, the memory line at the moment the heatmap's epoch label changes (same render as the epoch event). */
async function watchEpochs(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__memoryObserver?.disconnect();
    window.__epochMemory = [];
    window.__memoryLog = [];
    let lastEpoch = '',
      lastMemory = '';
    const check = () => {
      const epoch = document.querySelector('[data-testid="heatmap-epoch"]')?.textContent ?? '';
      const memory = document.querySelector('[data-testid="memory"]')?.textContent ?? '';
      if (epoch !== lastEpoch && epoch) window.__epochMemory.push({ epoch, memory });
      if (memory !== lastMemory && memory) window.__memoryLog.push(memory);
      lastEpoch = epoch;
      lastMemory = memory;
    };
    window.__memoryObserver = new MutationObserver(check);
    window.__memoryObserver.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

async function runAndSample(page: Page) {
  await watchEpochs(page);
  await page.getByTestId('run').click();
  await waitForFinished(page, 120_000);
  // The run's last progress event ('done') reports what is left after the supernet is disposed: nothing.
  await expect.poll(async () => parseMemory(await page.getByTestId('memory').textContent())?.tensors, { timeout: 10_000 }).toBe(0);
  const epochs = await page.evaluate(() => window.__epochMemory);
  const log = await page.evaluate(() => window.__memoryLog);
  const final = parseMemory(await page.getByTestId('memory').textContent());
  return { epochs, log, final };
}

test('worker tensors do not grow across epochs or runs', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, HASH);
  await expect(page.getByTestId('memory')).toHaveText('');

  const first = await runAndSample(page);
  console.log('run 1, memory at each epoch end:', JSON.stringify(first.epochs));
  console.log(`run 1, distinct memory lines: ${[...new Set(first.log)].join(' | ')}; after the run: ${JSON.stringify(first.final)}`);
  const byEpoch = new Map(first.epochs.map((e) => [Number(/epoch (\d+)/.exec(e.epoch)![1]), parseMemory(e.memory)!]));
  expect([...byEpoch.keys()]).toEqual([1, 2, 3, 4]);
  const at = (n: number) => byEpoch.get(n)!;
  // Same tensors (count and bytes) at the end of epochs 2, 3 and 4; epoch 1 may still include first-use allocations.
  expect(at(3)).toEqual(at(2));
  expect(at(4)).toEqual(at(2));
  expect(at(1).tensors, 'epoch 1 holds no more than later epochs').toBeLessThanOrEqual(at(2).tensors);
  // Within the run, the count never climbs above the epoch-end count by more than a step's temporaries.
  const counts = first.log.map((m) => parseMemory(m)!.tensors);
  console.log(`run 1, tensor counts seen: min ${Math.min(...counts)}, max ${Math.max(...counts)}`);

  // A second run with the same config reports the same numbers: nothing leaks from one run into the next.
  const second = await runAndSample(page);
  console.log('run 2, memory at each epoch end:', JSON.stringify(second.epochs));
  expect(second.epochs.map((e) => parseMemory(e.memory))).toEqual(first.epochs.map((e) => parseMemory(e.memory)));
  expect(second.final).toEqual(first.final);
  expect(errors).toEqual([]);
});

/**
 * The engine worker's memory as Chromium counts it, over a CDP session of the page's own (not
 * Playwright's): 'Runtime.getHeapUsage' after a forced GC. Images live in ArrayBuffers, outside
 * the JS heap, so the figure that matters is `backingStorageSize` (array buffers' bytes).
 */
async function watchWorkerMemory(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  let session: string | null = null;
  let nextId = 1;
  const pending = new Map<number, (v: Record<string, unknown>) => void>();
  // The engine worker is the page's only direct worker (WASM threads are its children); a replaced one re-attaches.
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') session = e.sessionId;
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as { id?: number; result?: Record<string, unknown>; error?: unknown };
    if (m.id !== undefined) {
      pending.get(m.id)?.(m.result ?? { error: m.error });
      pending.delete(m.id);
    }
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const send = (method: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      if (!session) {
        reject(new Error('no engine worker attached yet'));
        return;
      }
      const id = nextId++;
      pending.set(id, resolve);
      cdp.send('Target.sendMessageToTarget', { sessionId: session, message: JSON.stringify({ id, method }) }).catch(reject);
    });
  return {
    /** Bytes in the worker's array buffers once everything unreachable is collected. */
    async arrayBufferBytes(): Promise<number> {
      await send('HeapProfiler.collectGarbage');
      const usage = await send('Runtime.getHeapUsage');
      if (typeof usage.backingStorageSize !== 'number') throw new Error(`no backingStorageSize in ${JSON.stringify(usage)}`);
      return usage.backingStorageSize;
    },
  };
}

const TINY = 'v=1&seed=5&stages=8x1,16x1&n=128&val=64&epochs=1';
/** The review's 50,000 + 10,000 generated images (the tiny space keeps each step short). */
const BIG = 'v=1&seed=5&stages=8x1,16x1&n=50000&val=10000&epochs=1';
const MB = 1e6;

test('a 60,000-image generated set is released when a tiny config follows (worker array buffers, after GC)', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  const memory = await watchWorkerMemory(page);
  await openApp(page, TINY);
  await page.getByTestId('run').click();
  await waitForFinished(page, 60_000);
  const base = await memory.arrayBufferBytes();

  // The big set, a few steps of training on it, then Stop.
  await page.evaluate((h) => {
    location.hash = h;
  }, BIG);
  await expect(page.getByTestId('num-n')).toHaveValue('50000');
  await page.getByTestId('run').click();
  await expect.poll(() => progressStep(page), { timeout: 180_000 }).toBeGreaterThanOrEqual(2);
  await page.getByTestId('stop').click();
  await waitForStatus(page, 'stopped', 60_000);
  await expect(page.getByTestId('data-count')).toHaveText('60,000');
  const big = await memory.arrayBufferBytes();

  // A tiny config after it: its run leaves the worker where the first tiny run left it.
  await page.evaluate((h) => {
    location.hash = h;
  }, TINY);
  await expect(page.getByTestId('num-n')).toHaveValue('128');
  await page.getByTestId('run').click();
  await waitForFinished(page, 60_000);
  await expect(page.getByTestId('data-count')).toHaveText('192');
  const after = await memory.arrayBufferBytes();
  console.log(
    `worker array buffers: tiny ${(base / MB).toFixed(1)} MB, 60,000 images held ${(big / MB).toFixed(1)} MB, tiny again ${(after / MB).toFixed(1)} MB`,
  );

  // The check sees the set: 60,000 images × 3,072 bytes = 184 MB are held while it is the current one
  // (less the tiny set's 0.6 MB, which it replaced)...
  expect(big - base).toBeGreaterThan(0.95 * 60_000 * 3072);
  // ...and none of it once a tiny config replaced it (a few MB of allocator slack at most).
  expect(after - base).toBeLessThan(10 * MB);
  expect(errors).toEqual([]);
});

/** Resident memory of this browser's renderer processes (Linux /proc), largest first: the page and its workers live in one. */
async function rendererRss(page: Page): Promise<number> {
  const cdp = await page.context().browser()!.newBrowserCDPSession();
  try {
    const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
    const rss = processInfo
      .filter((p) => p.type === 'renderer')
      .map((p) => {
        try {
          return 1024 * Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.id}/status`, 'utf8'))?.[1] ?? 0);
        } catch {
          return 0;
        }
      });
    return Math.max(0, ...rss);
  } finally {
    await cdp.detach();
  }
}

/** Wide activations at batch 256: each step's convolutions grow the WASM heap past 1 GB. */
const HEAVY = 'v=1&seed=5&stages=32x1,64x1&n=512&val=64&epochs=1&batch=256&backend=wasm';

test('a run that grew the WASM heap past 1 GB hands it back: the worker restarts, the page keeps its results and data', async ({ page }) => {
  test.skip(!existsSync('/proc/self/status'), 'reads resident memory from Linux /proc');
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  await openApp(page, HEAVY);
  await page.getByTestId('run').click();
  let peak = 0;
  await expect(async () => {
    peak = Math.max(peak, await rendererRss(page));
    await expect(status(page)).toHaveText('done', { timeout: 100 });
  }).toPass({ timeout: 240_000, intervals: [500] });

  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('restarted its engine to give it back', { timeout: 60_000 });
  const grown = Number(/took ([\d.]+) GB of memory/.exec((await notice.textContent()) ?? '')?.[1]);
  // The fresh worker is prepared as Run would: backend, data and results on show; its heap is small.
  await expect.poll(async () => Number(await page.getByTestId('wasm-heap').textContent()), { timeout: 30_000 }).toBeLessThan(200);
  expect(grown).toBeGreaterThanOrEqual(1);
  // Worker.terminate() returns at once; the old worker's memory goes back when its thread has shut down.
  const t0 = Date.now();
  let after = Infinity;
  await expect.poll(async () => (after = await rendererRss(page)), { timeout: 30_000 }).toBeLessThan(peak - 0.8 * 1024 ** 3);
  console.log(
    `WASM heap grew to ${grown} GB; renderer resident memory: peak ${(peak / 1e9).toFixed(2)} GB during the run, ${(after / 1e9).toFixed(2)} GB after the hand-back (${Date.now() - t0} ms after the fresh worker reported)`,
  );
  await expect(page.getByTestId('data-count')).toHaveText('576');
  await expect(page.getByTestId('backend-badge')).toContainText('wasm');
  await expect(page.getByTestId('rank-row-0')).toBeVisible();

  // And the next run works on the fresh worker.
  await page.evaluate((h) => {
    location.hash = h;
  }, TINY);
  await page.getByTestId('run').click();
  await waitForFinished(page, 60_000);
  expect(errors).toEqual([]);
});

test('when a reload would lose retrained networks, the memory advice is said once, in plain words, and goes with its run', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  // A retrained network kept for download: a restart would lose it, so the page only advises.
  await openApp(page, TINY);
  await page.getByTestId('run').click();
  await waitForFinished(page, 60_000);
  await page.getByTestId('rank-row-0').click();
  await page.getByTestId('enqueue-selected').click();
  await commitInput(page, 'retrain-epochs', '1');
  await page.getByTestId('retrain').click();
  await expect(page.locator('[data-testid=retrain-results] tbody tr')).toHaveCount(1, { timeout: 60_000 });

  await page.evaluate((h) => {
    location.hash = h;
  }, HEAVY);
  await page.getByTestId('run').click();
  await waitForFinished(page, 240_000);
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('GB of memory, which the page only gives back when reloaded', { timeout: 60_000 });
  await expect(notice).toContainText('the network you retrained (kept for download)');
  expect(await notice.textContent()).not.toMatch(/WebAssembly|heap|worker|subnet/i);
  await expect(notice.getByRole('button', { name: 'Dismiss' })).toBeVisible();

  // Another link: the run it spoke of is gone, and so is the advice; later runs do not repeat it.
  await page.evaluate((h) => {
    location.hash = h;
  }, `${TINY}&seed=6`);
  await expect(notice).toHaveCount(0);
  await page.getByTestId('run').click();
  await waitForFinished(page, 60_000);
  // A worker call answered after the run's memory check (the worker answers in order): once its file arrives, any advice would have too.
  await page.getByTestId('rank-row-0').click();
  await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pytorch').click()]);
  await expect(notice).toHaveCount(0);
  expect(errors).toEqual([]);
});
