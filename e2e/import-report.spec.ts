/**
 * A run trained in PyTorch brought back into the page (issue 20): the exported search project trains
 * a few steps in the real Python, the page opens its report.json through the file button and shows it
 * as a finished run. Checked against what the page did not compute: the ranking's first row against
 * the path Python wrote, the truth's Kendall tau against the CLI's `--scores` (a separate process), and
 * the "trained with" line against the report. A truncated copy is one line and the run stays shown.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { collectErrors, openApp } from './helpers';

const PYTHON = process.env.TORCH_PYTHON ?? '/usr/bin/python3';
const hasTorch = (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' });
    return existsSync(PYTHON);
  } catch {
    return false;
  }
})();
// NAS-Bench-Macro at width 0.125 on 256 built-in images: 4 steps of 64 per epoch, 2 epochs = 8 steps.
const LINK = 'v=1&seed=7&space=nbmacro&width=0.125&n=256&val=64&epochs=2&batch=64';
const CIFAR = resolve('../shared/data/cifar10');

interface Report {
  trainedWith: { device: string; steps: number; processes: number; width: number; torch: string };
  top: { path: string }[];
  scoresByEpoch: unknown[];
  groundTruth?: { kendall: number; found: { path: string } };
}

const dir = mkdtempSync(join(tmpdir(), 'e2e-import-'));
const file = join(dir, 'project', 'report.json');
let report: Report;
let checked: Report;

test.beforeAll(() => {
  test.skip(!hasTorch, `no python3 with torch at ${PYTHON} (Debian: apt-get install python3-torch): the report cannot be trained`);
  const cli = (...args: string[]) => execFileSync('npx', ['tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  cli('--export-pytorch', join(dir, 'project'), '--config', LINK);
  execFileSync(PYTHON, ['train_supernet.py', '--data', CIFAR, '--max-steps', '8', '--device', 'cpu', '--out', 'report.json'], {
    cwd: join(dir, 'project'),
    stdio: 'ignore',
    env: { ...process.env, OMP_NUM_THREADS: '1' },
  });
  report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  // The truth's analysis by the CLI, in its own process, from the same file.
  cli('--scores', file, '--json', join(dir, 'checked.json'), '--quiet');
  checked = JSON.parse(readFileSync(join(dir, 'checked.json'), 'utf8')) as Report;
});

test('a PyTorch report opens as a finished run, labelled, checked against NAS-Bench-Macro; a damaged one changes nothing', async ({ page }) => {
  const errors = collectErrors(page);
  expect(report.scoresByEpoch).toHaveLength(2);
  // Another config in the panel first: opening the report replaces it with the report's.
  await openApp(page, 'v=1&seed=3&stages=8x1,16x1&n=128&val=64&space=custom');
  await page.getByTestId('open-report').setInputFiles(file);
  await expect(page.getByTestId('status')).toHaveText('done');

  // The ranking's first row is the path Python's own search wrote.
  await expect(page.getByTestId('rank-row-0')).toHaveAttribute('data-path', report.top[0]!.path);
  // Kendall tau of the shown rule (skip, the default) against the truth, as the CLI computed it.
  const kendall = checked.groundTruth!.kendall;
  const tau = Number(await page.getByTestId('rule-skip-tau').textContent());
  expect(Math.abs(tau - kendall)).toBeLessThanOrEqual(0.0005 + 1e-9);
  await expect(page.getByTestId('truth-scatter')).toHaveAttribute('data-points', '6561');
  await expect(page.getByTestId('outcome-headline')).toBeVisible();
  // Where it was trained.
  const w = report.trainedWith;
  await expect(page.getByTestId('trained-with')).toHaveText(
    `Trained in PyTorch ${w.torch} on ${w.device}, 1 process, ${w.steps} steps, width ${w.width} · opened from report.json; this page ranked, searched and checked it.`,
  );
  expect([w.device, w.steps, w.width]).toEqual(['CPU', 8, 0.125]);
  // The config panel and the link follow the opened run: no stale banner.
  // (A link holds only what differs from its space's defaults: width 0.125 is NAS-Bench-Macro's, so it is absent.)
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('n=256');
  const hash = await page.evaluate(() => location.hash);
  expect(hash).toContain('seed=7');
  expect(hash).not.toMatch(/space=custom|stages=|width=/);
  await expect(page.getByTestId('stale-banner')).toHaveCount(0);

  // A truncated copy: one line naming the problem, and the run shown before stays.
  const text = readFileSync(file, 'utf8');
  await page.getByTestId('open-report').setInputFiles({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from(text.slice(0, text.length / 2)) });
  const notice = page.getByTestId('notice').locator('span');
  await expect(notice).toHaveText(/^cut\.json could not be opened: not JSON \(.*\)\. What was shown stays\.$/);
  expect((await notice.textContent())!.split('\n')).toHaveLength(1);
  await expect(page.getByTestId('rank-row-0')).toHaveAttribute('data-path', report.top[0]!.path);
  await expect(page.getByTestId('trained-with')).toBeVisible();
  await expect(page.getByTestId('status')).toHaveText('done');

  // Dropped anywhere on the page opens too: the CLI's checked copy (the same schema, trainedWith kept).
  await page.getByTestId('notice').getByRole('button', { name: 'Dismiss' }).click();
  await page.evaluate(
    (json) => {
      const dt = new DataTransfer();
      dt.items.add(new File([json], 'checked.json', { type: 'application/json' }));
      document.querySelector('main, .app')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    readFileSync(join(dir, 'checked.json'), 'utf8'),
  );
  await expect(page.getByTestId('trained-with')).toContainText('opened from checked.json');
  await expect(page.getByTestId('rank-row-0')).toHaveAttribute('data-path', checked.top[0]!.path);
  await page.screenshot({ path: 'test-results/import-report.png' });
  expect(errors).toEqual([]);
});
