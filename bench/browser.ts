/**
 * Browser half of `npm run bench`: serves the production build, runs the step
 * bench in headless Chromium per backend (page thread and worker), and
 * measures the app: main bundle size (gzip), time to interactive, and the
 * longest main-thread task during a Quick demo run (Chrome trace and longtask observer).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BENCH_WIDTHS } from './widths';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';

const PORT = 4179;
const BASE = `http://127.0.0.1:${PORT}/`;

/** Every script the page loads up front (index.html's entry and preloads), gzip-sized, and whether any holds tfjs. */
export function bundleSizes() {
  const dir = 'dist/assets';
  const html = readFileSync('dist/index.html', 'utf8');
  const names = [...new Set([...html.matchAll(/assets\/([^"]+\.js)/g)].map((m) => m[1]!))];
  const files = names.map((f) => {
    const text = readFileSync(`${dir}/${f}`);
    return { file: f, bytes: text.length, gzip: gzipSync(text).length, tfjs: /registerKernel|Conv2DBackpropInput|WEBGL_VERSION/.test(text.toString('utf8')) };
  });
  const main = { file: files.map((f) => f.file).join(' + '), bytes: files.reduce((a, f) => a + f.bytes, 0), gzip: files.reduce((a, f) => a + f.gzip, 0) };
  const worker =
    readdirSync(dir)
      .filter((f) => f.startsWith('engine.worker'))
      .map((f) => ({ file: f, bytes: readFileSync(`${dir}/${f}`).length, gzip: gzipSync(readFileSync(`${dir}/${f}`)).length }))[0] ?? null;
  return { main, mainHasTfjs: files.some((f) => f.tfjs), worker };
}

async function waitForServer(url: string, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server at ${url} did not start`);
}

async function stepBench(browser: Browser, query: string, timeoutMs: number) {
  const page = await browser.newPage();
  try {
    await page.goto(`${BASE}bench/index.html?${query}`);
    await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench !== undefined, undefined, { timeout: timeoutMs });
    return await page.evaluate(() => (window as unknown as { __bench: unknown }).__bench);
  } catch (e) {
    return { where: new URLSearchParams(query).get('where'), query, error: (e as Error).message.split('\n')[0] };
  } finally {
    await page.close();
  }
}

/**
 * Main-thread tasks of the page's renderer from a Chrome trace ('toplevel' + 'devtools.timeline' only:
 * light enough not to create long tasks itself). The longtask observer only sees tasks over 50 ms;
 * the trace gives the longest task whatever its length, rendering work included.
 */
function mainThreadTasks(trace: { traceEvents: TraceEvent[] }) {
  const ev = trace.traceEvents;
  // The app's renderer is the process running the engine's DedicatedWorker.
  const pids = new Set(ev.filter((e) => e.name === 'thread_name' && e.args?.name === 'DedicatedWorker thread').map((e) => e.pid));
  const mains = ev.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && pids.has(e.pid));
  let best: number[] = [];
  for (const m of mains) {
    const runs = ev.filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === 'X' && /(^|::)RunTask$/.test(e.name)).sort((a, b) => a.ts - b.ts);
    const durs: number[] = [];
    let end = -1;
    for (const e of runs)
      if (e.ts >= end) {
        durs.push((e.dur ?? 0) / 1000);
        end = e.ts + (e.dur ?? 0);
      } // outermost tasks only
    if (durs.reduce((a, b) => a + b, 0) > best.reduce((a, b) => a + b, 0)) best = durs;
  }
  return {
    longestMs: Math.max(0, ...best),
    over50: best.filter((d) => d > 50).length,
    over16: best.filter((d) => d > 16).length,
    busyMs: best.reduce((a, b) => a + b, 0),
  };
}
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

async function appBench(browser: Browser) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const t0 = Date.now();
  await page.goto(`${BASE}#v=1`);
  await page.getByTestId('run').waitFor({ state: 'visible' });
  const interactiveMs = Date.now() - t0;
  await page.getByTestId('preset-quick').click();
  // Let the load settle, so its late tasks do not count as the run's (scratch/lt3.ts measures the same way).
  await page.waitForTimeout(1500);
  const loadTasks = await page.evaluate(() => (window as unknown as { __longTasks: { duration: number }[] }).__longTasks.map((t) => t.duration));
  const tracePath = join(tmpdir(), `bench-trace-${process.pid}.json`);
  await browser.startTracing(page, { path: tracePath, categories: ['toplevel', 'devtools.timeline'] });
  const runStart = await page.evaluate(() => performance.now());
  const r0 = Date.now();
  await page.getByTestId('run').click();
  await page
    .getByTestId('status')
    .filter({ hasText: /done|error/ })
    .waitFor({ timeout: 300_000 });
  const quickDemoSeconds = (Date.now() - r0) / 1000;
  await page.waitForTimeout(300); // the frame that paints 'done'
  await browser.stopTracing();
  const traced = mainThreadTasks(JSON.parse(readFileSync(tracePath, 'utf8')));
  rmSync(tracePath, { force: true });
  const runTasks = await page.evaluate(
    (t) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((e) => e.start >= t).map((e) => e.duration),
    runStart,
  );
  await page.close();
  return {
    timeToInteractiveMs: interactiveMs,
    longestTaskDuringLoadMs: Math.max(0, ...loadTasks),
    quickDemoSeconds,
    /** From the trace: every main-thread task, not only those the longtask observer reports (> 50 ms). */
    longestTaskDuringRunMs: +traced.longestMs.toFixed(1),
    tasksOver16MsDuringRun: traced.over16,
    mainThreadBusyMsDuringRun: Math.round(traced.busyMs),
    /** From the longtask observer (> 50 ms), as the e2e responsive test counts them. */
    longTasksDuringRun: runTasks.length,
    longestObservedTaskDuringRunMs: Math.max(0, ...runTasks),
  };
}

/** Every stage on its own: a failed one is recorded and the rest still run; `partial` sees the result grow. */
export async function browserBench(log: (s: string) => void, partial: (r: object) => void = () => {}) {
  if (!existsSync('dist/index.html')) throw new Error('run `npx vite build` first (npm run bench does)');
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
  // The preview server dies with the bench on every exit path, a crash or Ctrl-C included.
  const killServer = () => {
    try {
      if (server.pid) process.kill(-server.pid);
    } catch {
      /* already gone */
    }
  };
  process.once('exit', killServer);
  process.once('SIGINT', () => {
    killServer();
    process.exit(130);
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const result: {
    chromium: string;
    steps: unknown[];
    app?: Awaited<ReturnType<typeof appBench>> | { failed: string };
    bundle?: ReturnType<typeof bundleSizes>;
  } = { chromium: browser.version(), steps: [] };
  const stage = async <T>(name: string, run: () => Promise<T>): Promise<T | { failed: string }> => {
    log(`${name}…`);
    try {
      return await run();
    } catch (e) {
      log(`  ${name} failed: ${(e as Error).message}`);
      return { failed: (e as Error).message };
    } finally {
      partial(result);
    }
  };
  try {
    await waitForServer(BASE, 30_000);
    for (const where of ['worker', 'main']) {
      result.steps.push(await stage(`browser wasm ${where}`, () => stepBench(browser, `backend=wasm&where=${where}&paths=3&repeats=3`, 300_000)));
    }
    for (const w of BENCH_WIDTHS) {
      const hash = encodeURIComponent(`v=1&space=nbmacro&width=${w}`);
      result.steps.push(
        await stage(`browser wasm worker, nbmacro width ${w}`, () =>
          stepBench(browser, `backend=wasm&where=worker&paths=3&repeats=3&skipFull=1&hash=${hash}`, 300_000),
        ),
      );
    }
    result.steps.push(
      await stage('browser webgl worker (SwiftShader: one path, one repeat)', () =>
        stepBench(browser, 'backend=webgl&where=worker&paths=1&repeats=1', 300_000),
      ),
    );
    result.steps.push(
      await stage('browser webgpu worker (SwiftShader: BN-only only)', () =>
        stepBench(browser, 'backend=webgpu&where=worker&paths=1&repeats=1&skipFull=1', 180_000),
      ),
    );
    result.app = await stage('app', () => appBench(browser));
    result.bundle = bundleSizes();
    partial(result);
    return result;
  } finally {
    await browser.close();
    killServer();
  }
}
