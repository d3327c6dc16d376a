/// <reference lib="dom" />
/**
 * Shared e2e helpers: console-error collection, app navigation, and readers that
 * turn the page's data-* attributes back into numbers for independent checks.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Console noise we understand and accept. Keep this list short and explained:
 * - none so far for WASM runs.
 * WebGPU on SwiftShader may print adapter/driver warnings; those arrive as
 * 'warning', not 'error', and are not collected.
 */
const IGNORED_ERRORS: RegExp[] = [];

/** Collects console errors and uncaught page errors for the page's lifetime. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !IGNORED_ERRORS.some((r) => r.test(m.text()))) errors.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

/** Opens the app at a hash (e.g. 'v=1&n=256') relative to baseURL and waits for it to render. */
export async function openApp(page: Page, hash = ''): Promise<void> {
  await page.goto(hash ? `./#${hash.replace(/^#/, '')}` : './');
  await expect(page.getByRole('heading', { name: 'BN-NAS Playground' })).toBeVisible();
}

export const status = (page: Page): Locator => page.getByTestId('status');

/** Opens a fresh document at `hash` (a hash-only goto would not reload the page). */
export async function reopen(page: Page, hash: string): Promise<void> {
  await page.goto('about:blank');
  await openApp(page, hash);
}

/** Opens the app at `hash`, presses Run and waits for the run to finish. */
export async function runTo(page: Page, hash: string, timeout = 120_000): Promise<void> {
  await openApp(page, hash);
  await page.getByTestId('run').click();
  await waitForFinished(page, timeout);
}

/** Two choice layers of 5 ops (25 paths) on 128 generated images: seconds. */
export const TRUST_TINY = 'v=1&seed=3&stages=8x1,16x1&n=128&val=64';

/** Waits for the status text; fails fast with the run error if the run fails instead. */
export async function waitForStatus(page: Page, want: string, timeout = 180_000): Promise<void> {
  await expect(async () => {
    const s = (await status(page).textContent())?.trim();
    if (s === 'error' && want !== 'error') {
      const err = await page
        .getByTestId('run-error')
        .textContent()
        .catch(() => '(no error text)');
      throw new Error(`run failed instead of reaching '${want}': ${err}`);
    }
    expect(s).toBe(want);
  }).toPass({ timeout, intervals: [100, 250, 500] });
}

/**
 * Waits until the run's promise has resolved in the page: the wall time appears
 * (the store sets it together with status 'done'). Use this where the test is not
 * about the status text: a late progress event can flip 'done' back to 'training'
 * (see status.spec.ts), which waitForStatus(page, 'done') would trip over.
 */
export async function waitForFinished(page: Page, timeout = 180_000): Promise<void> {
  await expect(async () => {
    if ((await status(page).textContent())?.trim() === 'error') {
      throw new Error(
        `run failed: ${await page
          .getByTestId('run-error')
          .textContent()
          .catch(() => '(no error text)')}`,
      );
    }
    expect(await page.getByTestId('wall-seconds').count(), 'wall time shown (run finished)').toBe(1);
  }).toPass({ timeout, intervals: [100, 250, 500] });
}

/** The score matrix that ranks the paths, values[l][k] from each heatmap cell's data-score (the γs under the Identity rule). */
export async function readHeatmap(page: Page): Promise<number[][]> {
  return readCells(page, 'score');
}

/** The raw γ matrix (mean |γ| of each op's last BN, 0 without one), from each cell's data-value. */
export async function readGammas(page: Page): Promise<number[][]> {
  return readCells(page, 'value');
}

async function readCells(page: Page, field: 'score' | 'value'): Promise<number[][]> {
  return page.getByTestId('heatmap').evaluate((table, f) => {
    const rows: number[][] = [];
    for (const td of Array.from(table.querySelectorAll<HTMLElement>('td[data-testid^="cell-"]'))) {
      const m = /^cell-(\d+)-(\d+)$/.exec(td.dataset.testid ?? '');
      if (!m) continue;
      const l = Number(m[1]),
        k = Number(m[2]);
      (rows[l] ??= [])[k] = Number(td.dataset[f]);
    }
    return rows;
  }, field);
}

export interface RankRow {
  path: string;
  score: number;
}

/** The first `n` ranking rows (path key and full-precision score). */
export async function readRanking(page: Page, n: number): Promise<RankRow[]> {
  const rows: RankRow[] = [];
  for (let i = 0; i < n; i++) {
    const row = page.getByTestId(`rank-row-${i}`);
    rows.push({ path: (await row.getAttribute('data-path', { timeout: 10_000 }))!, score: Number(await row.getAttribute('data-score', { timeout: 10_000 })) });
  }
  return rows;
}

/** The hash of a URL as an ordered list of [key, value] pairs (values percent-decoded). */
export function hashPairs(url: string): [string, string][] {
  const h = new URL(url).hash.replace(/^#/, '');
  return h
    .split('&')
    .filter(Boolean)
    .map((p) => {
      const i = p.indexOf('=');
      return i < 0 ? [p, ''] : [p.slice(0, i), decodeURIComponent(p.slice(i + 1))];
    });
}

export function hashMap(url: string): Record<string, string> {
  return Object.fromEntries(hashPairs(url));
}

/** Types a value into a commit-on-blur number/text input and commits it with Enter (then blurs). */
export async function commitInput(page: Page, testId: string, value: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.fill(value);
  await input.press('Enter');
  await input.blur();
}

/** The "step a/b" numbers of the progress text. */
export async function progressStep(page: Page): Promise<number> {
  const text = (await page.getByTestId('progress-text').textContent()) ?? '';
  const m = /step (\d+)\/(\d+)/.exec(text);
  return m ? Number(m[1]) : -1;
}

/** 'worker tensors: N · X MB' → { tensors: N, mb: X } (null while empty). */
export function parseMemory(text: string | null): { tensors: number; mb: number } | null {
  const m = /worker tensors: (\d+) · ([\d.]+) MB/.exec(text ?? '');
  return m ? { tensors: Number(m[1]), mb: Number(m[2]) } : null;
}

/** The epoch shown by the heatmap header ('epoch 3 (latest)' → 3), or 0 before the first epoch. */
export async function heatmapEpoch(page: Page): Promise<number> {
  const el = page.getByTestId('heatmap-epoch');
  if ((await el.count()) === 0) return 0;
  const m = /epoch (\d+)/.exec((await el.textContent()) ?? '');
  return m ? Number(m[1]) : 0;
}

/** A small space and data set so a run finishes in seconds on WASM. */
export const SMALL = 'n=256&val=64&epochs=3&batch=64&stages=8x1,16x1,32x1';

/** Kendall tau-b by counting every pair (the unit tests' oracle too). */
export { kendallTauB } from '../src/testing/kendallByPairs';

/** Bytes of one CIFAR-10 binary record: a label, then 3 × 32 × 32 pixels. */
export const RECORD = 3073;

/** CIFAR-10 binary records with the given labels and seeded pseudo-random pixels (never uniform). */
export function cifarRecords(labels: number[], seed = 1): Buffer {
  const out = Buffer.alloc(labels.length * RECORD);
  let s = seed >>> 0;
  labels.forEach((label, r) => {
    out[r * RECORD] = label;
    for (let i = 1; i < RECORD; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      out[r * RECORD + i] = s >>> 24;
    }
  });
  return out;
}
