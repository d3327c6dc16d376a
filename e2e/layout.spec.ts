/// <reference lib="dom" />
/**
 * Issue 18, items 1, 4 and 8 (layout parts), issue 17 item 14: a page a room can read, from a phone to a
 * projector. One tiny NAS-Bench-Macro run, then the viewport goes through the widths: the page never
 * scrolls sideways, Run, the outcome's headline and the true-accuracy columns are on screen (not clipped),
 * and at 1024×768 Run and the headline are on the first screen. Screenshots go to test-results/.
 */
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { collectErrors, openApp, waitForFinished } from './helpers';

/** NAS-Bench-Macro (the default space) on 128 built-in images, 2 epochs of 2 steps: seconds. */
const NB_TINY = 'v=1&seed=1&n=128&val=64&epochs=2';
const WIDTHS: [number, number][] = [
  [360, 740],
  [768, 1024],
  [1024, 768],
  [1280, 800],
  [1440, 900],
  [1920, 1080],
];

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
interface Seen {
  scrollWidth: number;
  innerWidth: number;
  innerHeight: number;
  boxes: Record<string, Box | null>;
  clips: Record<string, Box | null>;
}

/** The page scrolled to the top; each test id's box, and the box of the nearest ancestor that clips it (a scroll box). */
async function look(page: Page, ids: string[]): Promise<Seen> {
  await page.evaluate(
    () =>
      new Promise((r) => {
        window.scrollTo(0, 0);
        requestAnimationFrame(() => requestAnimationFrame(r));
      }),
  );
  return page.evaluate((testIds) => {
    const rect = (el: Element): Box => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    const clipOf = (el: Element): Element | null => {
      for (let p = el.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return p;
      return null;
    };
    const boxes: Record<string, Box | null> = {},
      clips: Record<string, Box | null> = {};
    for (const id of testIds) {
      const el = document.querySelector(`[data-testid="${id}"]`);
      boxes[id] = el ? rect(el) : null;
      const clip = el && clipOf(el);
      clips[id] = clip ? rect(clip) : null;
    }
    return { scrollWidth: document.scrollingElement!.scrollWidth, innerWidth, innerHeight, boxes, clips };
  }, ids);
}

/** The element is inside the viewport's width and, where a scroll box holds it, inside that box's visible part. */
function expectShown(seen: Seen, id: string, where: string): void {
  const b = seen.boxes[id];
  expect(b, `${id} on the page (${where})`).not.toBeNull();
  expect(b!.left, `${id} left edge (${where})`).toBeGreaterThanOrEqual(-0.5);
  expect(b!.right, `${id} right edge (${where})`).toBeLessThanOrEqual(seen.innerWidth + 0.5);
  const c = seen.clips[id];
  if (c) {
    expect(b!.left, `${id} inside its scroll box (${where})`).toBeGreaterThanOrEqual(c.left - 0.5);
    expect(b!.right, `${id} inside its scroll box (${where})`).toBeLessThanOrEqual(c.right + 0.5);
  }
}

/** On the first screen: inside the viewport's height too, with the page scrolled to the top. */
function expectOnFirstScreen(seen: Seen, id: string, where: string): void {
  expectShown(seen, id, where);
  expect(seen.boxes[id]!.top, `${id} top (${where})`).toBeGreaterThanOrEqual(0);
  expect(seen.boxes[id]!.bottom, `${id} below the first screen (${where})`).toBeLessThanOrEqual(seen.innerHeight);
}

/** Every select of the config shows its longest option whole: it is at least as wide as it would be left to size itself. */
async function cutSelects(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLSelectElement>('[aria-label=Configuration] select')).flatMap((s) => {
      const probe = s.cloneNode(true) as HTMLSelectElement;
      probe.style.cssText = 'position:absolute;visibility:hidden;width:auto;max-width:none;left:0;top:0';
      document.body.appendChild(probe);
      const natural = probe.getBoundingClientRect().width;
      probe.remove();
      const shown = s.getBoundingClientRect().width;
      return shown + 0.5 < natural ? [`${s.dataset.testid ?? s.getAttribute('aria-label')}: ${shown.toFixed(0)} px of ${natural.toFixed(0)}`] : [];
    }),
  );
}

/** The loss chart's left axis: at least 0.1 tall, round ticks, the loss drawn at its true height on it (issue 18, item 8). */
async function expectFlatLossDrawnFlat(page: Page): Promise<void> {
  const chart = await page.getByTestId('curves-chart').evaluate((box) => ({
    ticks: Array.from(box.querySelectorAll('text[data-axis=left]')).map((t) => ({
      v: Number((t as SVGElement).dataset.tick),
      label: t.textContent!,
      y: Number(t.getAttribute('y')),
    })),
    points: Array.from(box.querySelectorAll('g[data-series=loss] circle')).map((c) => ({
      y: Number(c.getAttribute('cy')),
      title: c.querySelector('title')!.textContent!,
    })),
  }));
  const losses = chart.points.map((p) => Number(/loss (\S+)$/.exec(p.title)![1]));
  expect(losses).toHaveLength(2);
  const lo = chart.ticks[0]!.v,
    hi = chart.ticks[chart.ticks.length - 1]!.v;
  const range = Math.max(...losses) - Math.min(...losses);
  console.log(`losses ${losses.join(', ')} (range ${range.toFixed(4)}); axis ${chart.ticks.map((t) => t.label).join(' ')}`);
  expect(hi - lo).toBeGreaterThanOrEqual(0.1 - 1e-9);
  for (const l of losses) {
    expect(l).toBeGreaterThanOrEqual(lo);
    expect(l).toBeLessThanOrEqual(hi);
  }
  // Round ticks: evenly spaced by 1, 2 or 5 × 10^k, each labelled with the decimals its step needs, all distinct.
  const step = chart.ticks[1]!.v - chart.ticks[0]!.v;
  const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
  expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6)).toBe(true);
  chart.ticks.forEach((t) => expect(Number(t.label)).toBeCloseTo(t.v, 9));
  expect(new Set(chart.ticks.map((t) => t.label)).size).toBe(chart.ticks.length);
  // The drawn height of the loss is its range over the axis's span, not the whole plot.
  const plot = chart.ticks[0]!.y - chart.ticks[chart.ticks.length - 1]!.y;
  const drawn = Math.max(...chart.points.map((p) => p.y)) - Math.min(...chart.points.map((p) => p.y));
  expect(drawn / plot).toBeCloseTo(range / (hi - lo), 2);
}

async function shoot(page: Page, info: TestInfo, name: string): Promise<void> {
  const path = info.outputPath(`${name}.png`);
  await page.screenshot({ path });
  console.log(`screenshot: ${path}`);
}

test('six widths, first paint and after a run: no sideways page, Run, the headline and true accuracy on screen; the loss axis', async ({ page }, info) => {
  const errors = collectErrors(page);
  await openApp(page, NB_TINY);
  for (const [w, h] of WIDTHS) {
    await page.setViewportSize({ width: w, height: h });
    const seen = await look(page, ['run']);
    const where = `${w}×${h}, first paint`;
    expect(seen.scrollWidth, `page width (${where})`).toBeLessThanOrEqual(w);
    expectOnFirstScreen(seen, 'run', where);
    expect(await cutSelects(page), `cut dropdowns (${where})`).toEqual([]);
    await shoot(page, info, `first-${w}x${h}`);
  }

  await page.getByTestId('run').click();
  await waitForFinished(page);
  await expectFlatLossDrawnFlat(page);
  const trueCols = Array.from({ length: 10 }, (_, i) => [`true-acc-${i}`, `true-rank-${i}`]).flat();
  for (const [w, h] of WIDTHS) {
    await page.setViewportSize({ width: w, height: h });
    const seen = await look(page, ['run', 'outcome-headline', 'outcome-top1-acc', 'outcome-top1-acc-rank', ...trueCols]);
    const where = `${w}×${h}, after the run`;
    expect(seen.scrollWidth, `page width (${where})`).toBeLessThanOrEqual(w);
    expectOnFirstScreen(seen, 'run', where);
    for (const id of ['outcome-headline', 'outcome-top1-acc', 'outcome-top1-acc-rank', ...trueCols]) expectShown(seen, id, where);
    if (w === 1024) expectOnFirstScreen(seen, 'outcome-headline', where);
    await shoot(page, info, `after-${w}x${h}`);
  }
  expect(errors).toEqual([]);
});

test('presenter mode: Run stays when the config hides, the ranking fits at 1440×900 and 1920×1080, the machine lines stay small', async ({ page }, info) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page, `${NB_TINY}&present=1`);
  await expect(page.getByRole('button', { name: 'Exit presenter mode' })).toBeVisible();
  // A presenter link opens with the config hidden; Run, Pause and Stop stay.
  await expect(page.getByRole('region', { name: 'Configuration' })).toHaveCount(0);
  await expect(page.getByTestId('controls-toggle')).toHaveText('Show config');
  for (const id of ['run', 'pause', 'stop']) await expect(page.getByTestId(id)).toBeVisible();
  await page.getByTestId('run').click();
  await waitForFinished(page);

  const ids = ['run', 'outcome-headline', 'outcome-top1-acc', 'outcome-top1-acc-rank', 'true-acc-0', 'true-rank-0', 'true-acc-9', 'true-rank-9'];
  const check = async (w: number, h: number, config: string) => {
    await page.setViewportSize({ width: w, height: h });
    const seen = await look(page, ids);
    const where = `presenter, ${w}×${h}, config ${config}`;
    expect(seen.scrollWidth, `page width (${where})`).toBeLessThanOrEqual(w);
    expectOnFirstScreen(seen, 'run', where);
    for (const id of ids.slice(1)) expectShown(seen, id, where);
    // The ranking needs no sideways scrolling at all in presenter mode.
    const ranking = await page.getByTestId('ranking').evaluate((t) => [t.parentElement!.scrollWidth, t.parentElement!.clientWidth]);
    expect(ranking[0], `ranking scroll width (${where})`).toBeLessThanOrEqual(ranking[1]!);
    await shoot(page, info, `presenter-${w}x${h}-config-${config}`);
  };
  await check(1440, 900, 'hidden');
  await check(1920, 1080, 'hidden');
  await page.getByTestId('controls-toggle').click();
  await expect(page.getByTestId('controls-toggle')).toHaveText('Hide config');
  await expect(page.getByRole('region', { name: 'Configuration' })).toBeVisible();
  // From 1440 px the config shown has its own column, left of Run, where the click put it in view.
  const configLeftOfRun = async () => {
    const config = (await page.getByRole('region', { name: 'Configuration' }).boundingBox())!;
    expect(config.x + config.width).toBeLessThan((await page.getByTestId('run').boundingBox())!.x);
  };
  await check(1440, 900, 'shown');
  await configLeftOfRun();
  expect(await cutSelects(page), 'cut dropdowns (presenter, 1440×900)').toEqual([]);
  await check(1920, 1080, 'shown');
  await configLeftOfRun();

  // The room reads the results in large type; the backend's reasons and the worker's memory are not for the room.
  const px = (testId: string) => page.getByTestId(testId).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(await page.getByTestId('app').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBe(18);
  expect(await px('backend-reason')).toBeLessThanOrEqual(14);
  expect(await px('memory')).toBeLessThanOrEqual(14);

  await page.getByRole('button', { name: 'Exit presenter mode' }).click();
  await expect(page.getByRole('button', { name: 'Presenter mode' })).toBeVisible();
  await expect(page.getByTestId('controls-toggle')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('BN-NAS vs SPOS says what this page trains and what the paper did', async ({ page }) => {
  const sposx = 5,
    epochs = 2;
  await openApp(page, `v=1&mode=both&sposx=${sposx}&epochs=${epochs}`);
  const panel = page.getByTestId('compare-panel');
  await expect(panel.getByTestId('compare-epochs')).toHaveText(`${sposx}× the epochs (${epochs} vs ${sposx * epochs})`);
  await expect(panel).toContainText('the paper trained SPOS 10× as long as BN-NAS (100 epochs vs 10)');
  await expect(panel).not.toContainText('as in the paper');
});

test('a 500-character file name, URL and link value wrap inside their panel at 360 and 1440 px (issue 17, item 14)', async ({ page }) => {
  const long = 'x'.repeat(500);
  await page.setViewportSize({ width: 360, height: 740 });
  await openApp(page, `v=1&data=cifar10&seed=${'9'.repeat(500)}&${'k'.repeat(500)}=1`);
  await expect(page.getByTestId('warnings')).toBeVisible();
  const noSideways = async (what: string) => {
    for (const width of [360, 1440]) {
      await page.setViewportSize({ width, height: 740 });
      const seen = await look(page, ['warnings', 'data-error']);
      expect(seen.scrollWidth, `page width at ${width} px, ${what}`).toBeLessThanOrEqual(width);
      for (const id of ['warnings', 'data-error']) if (seen.boxes[id]) expectShown(seen, id, `${width} px, ${what}`);
    }
    await page.setViewportSize({ width: 360, height: 740 });
  };
  await noSideways('warnings quoting long link values');

  await page
    .getByTestId('cifar-files')
    .setInputFiles({ name: `${long}.bin`, mimeType: 'application/octet-stream', buffer: Buffer.from('not a CIFAR-10 record') });
  await expect(page.getByTestId('data-error')).toContainText(long);
  await noSideways('an error quoting a 500-character file name');

  const url = `http://127.0.0.1:1/${long}.tar.gz`;
  await page.getByTestId('cifar-url').fill(url);
  await page.getByTestId('cifar-url').press('Enter');
  await expect(page.getByTestId('data-error')).toContainText(url);
  await noSideways('an error quoting a 500-character URL');
  // The error stays inside the config panel.
  const panel = (await page.getByRole('region', { name: 'Configuration' }).boundingBox())!;
  const error = (await page.getByTestId('data-error').boundingBox())!;
  expect(error.x + error.width).toBeLessThanOrEqual(panel.x + panel.width);
});
