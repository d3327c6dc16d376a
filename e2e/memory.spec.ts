/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, openApp, parseMemory, waitForFinished } from './helpers';

declare global {
  interface Window { __epochMemory: { epoch: string; memory: string }[]; __memoryLog: string[]; __memoryObserver?: MutationObserver }
}

const HASH = 'v=1&seed=5&n=256&val=64&epochs=4&batch=64&stages=8x1,16x1,32x1';

/** Records, in the page, the memory line at the moment the heatmap's epoch label changes (same render as the epoch event). */
async function watchEpochs(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__memoryObserver?.disconnect();
    window.__epochMemory = [];
    window.__memoryLog = [];
    let lastEpoch = '', lastMemory = '';
    const check = () => {
      const epoch = document.querySelector('[data-testid="heatmap-epoch"]')?.textContent ?? '';
      const memory = document.querySelector('[data-testid="memory"]')?.textContent ?? '';
      if (epoch !== lastEpoch && epoch) window.__epochMemory.push({ epoch, memory });
      if (memory !== lastMemory && memory) window.__memoryLog.push(memory);
      lastEpoch = epoch; lastMemory = memory;
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
