/**
 * Browser bench page: ?backend=wasm|webgl|webgpu&where=main|worker&paths=N&repeats=N.
 * Runs the step timings on the page's thread or in a module worker and leaves
 * the result on window.__bench for bench/browser.ts to collect.
 */
import * as tf from '@tensorflow/tfjs';
import { runBench, type BenchParams } from './run';

const q = new URLSearchParams(location.search);
const params: BenchParams = {
  backend: (q.get('backend') ?? 'wasm') as BenchParams['backend'],
  paths: Number(q.get('paths') ?? 3),
  repeats: Number(q.get('repeats') ?? 3),
  skipFull: q.get('skipFull') === '1',
  ...(q.get('hash') ? { hash: q.get('hash')! } : {}),
};
const where = q.get('where') ?? 'main';
const out = document.getElementById('out')!;
const w = window as unknown as { __bench?: unknown };

async function go() {
  try {
    let result: unknown;
    if (where === 'worker') {
      const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
      result = await new Promise((resolve, reject) => {
        worker.onmessage = (e) => (e.data.error ? reject(new Error(e.data.error)) : resolve(e.data));
        worker.onerror = (e) => reject(new Error(e.message));
        worker.postMessage(params);
      });
      worker.terminate();
    } else {
      // The page's bundle is minified, which breaks tfjs's threaded-WASM factory (see vite.config.ts);
      // the page thread also may not block on Atomics. Single-threaded WASM, as any page-thread tfjs would run.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      result = await runBench(params);
    }
    w.__bench = { where, ...(result as object) };
  } catch (e) {
    w.__bench = { where, error: (e as Error).message };
  }
  out.textContent = JSON.stringify(w.__bench, null, 2);
}
void go();
