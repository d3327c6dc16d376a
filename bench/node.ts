/**
 * `npm run bench`: engine benchmarks in Node on WASM — step timings, ranking
 * speed, BN-score vs SPOS-accuracy evaluation, memory across an epoch — then
 * the browser bench (bench/browser.ts). Writes bench/results/<date>.json and
 * prints a table. Ratios are measured side by side in the same run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_CONFIG, mergeConfig } from '../src/config';
import { selectNodeBackend } from '../src/cli/backend';
import { bestUnderBudget, costRange, topK } from '../src/engine/search';
import { generateDataset, prepareData } from '../src/engine/data';
import { buildSpace, createRng, layerCosts, pathAt, pathScore, spaceOf } from '../src/engine/space';
import { createSupernet, disposeSupernet, scopeOf, scoreMatrix } from '../src/engine/nn';
import { sposEvaluate, SupernetTrainer } from '../src/engine/train';
import { median, measureSteps, type StepTimings } from './steps';
import { browserBench } from './browser';
import { BENCH_WIDTHS } from './widths';

function timeSync(f: () => void, repeats = 5): number {
  f();
  const t: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
  }
  return median(t);
}

function rankingBench(layers: number) {
  const ops = DEFAULT_CONFIG.ops;
  const space = buildSpace(ops, [
    { channels: 16, layers: Math.ceil(layers / 3) },
    { channels: 32, layers: Math.floor(layers / 3) },
    { channels: 64, layers: layers - Math.ceil(layers / 3) - Math.floor(layers / 3) },
  ]);
  const rng = createRng(7);
  const scores = space.layers.map(() => ops.map(() => 0.8 + 0.4 * rng.next()));
  const costs = layerCosts(space, 'flops');
  const { min, max } = costRange(costs);
  return {
    paths: ops.length ** layers,
    topKMs: timeSync(() => {
      topK(scores, 10);
    }),
    budgetDpMs: timeSync(() => {
      bestUnderBudget(scores, costs, (min + max) / 2);
    }),
  };
}

async function evaluationBench() {
  const config = mergeConfig(DEFAULT_CONFIG, { n: 640, val: 1000 }).config;
  const { data } = prepareData(generateDataset({ count: 1640, seed: 1 }), config);
  const space = spaceOf(config);
  const net = createSupernet(space, createRng(1).fork('init'));
  try {
    const scores = await scoreMatrix(net);
    const all = space.ops.length ** space.layers.length;
    const t0 = performance.now();
    let sink = 0;
    for (let rep = 0; rep < 20; rep++) for (let i = 0; i < all; i++) sink += pathScore(scores, pathAt(i, space.layers.length, space.ops.length));
    const scoreSecondsPerPath = (performance.now() - t0) / 1000 / (20 * all);
    // Two fixed paths of the default space: all first ops, all last ops (whatever its size).
    const paths = [space.layers.map(() => 0), space.layers.map(() => space.ops.length - 1)];
    const spos: number[] = [];
    for (const p of paths) {
      const t1 = performance.now();
      await sposEvaluate(net, p, data.train, data.val, data.stats, { batch: 64, calibrationBatches: 10 });
      spos.push((performance.now() - t1) / 1000);
    }
    const sposSecondsPerPath = spos.reduce((a, b) => a + b, 0) / spos.length;
    return {
      valImages: data.val.count,
      calibrationBatches: 10,
      scoreSecondsPerPath,
      sposSecondsPerPath,
      speedup: sposSecondsPerPath / scoreSecondsPerPath,
      checksum: sink > 0,
    };
  } finally {
    disposeSupernet(net);
  }
}

async function memoryBench() {
  const config = mergeConfig(DEFAULT_CONFIG, { n: 512, val: 0, epochs: 2 }).config;
  const { data } = prepareData(generateDataset({ count: 512, seed: 1 }), config);
  const net = createSupernet(spaceOf(config), createRng(1).fork('init'));
  const trainer = new SupernetTrainer(net, data, { epochs: 2, batch: 64, lr: config.lr, opt: config.opt, scope: scopeOf(config) }, createRng(1));
  let peakTensors = 0,
    peakBytes = 0;
  const perEpoch: number[] = [];
  try {
    while (!trainer.done) {
      await trainer.runStep();
      const m = tf.memory();
      peakTensors = Math.max(peakTensors, m.numTensors);
      peakBytes = Math.max(peakBytes, m.numBytes);
      if (trainer.step % trainer.stepsPerEpoch === 0) {
        await trainer.endEpoch();
        perEpoch.push(tf.memory().numTensors);
      }
    }
  } finally {
    trainer.dispose();
    disposeSupernet(net);
  }
  return { peakTensors, peakBytes, tensorsAfterEachEpoch: perEpoch, tensorsAfterDispose: tf.memory().numTensors };
}

type BrowserResult = Awaited<ReturnType<typeof browserBench>>;

function browserTable(b: BrowserResult): string {
  const rows = (b.steps as { where: string; query?: string; backendInfo?: { name: string; device: string | null }; steps?: StepTimings; error?: string }[]).map(
    (r) => {
      if (!r.steps) return `| ${r.where} | — | ${r.error ?? 'failed'} | | | |`;
      const s = r.steps;
      const f = (x: number | null) => (x == null ? '—' : `${x.toFixed(0)} ms`);
      return `| ${r.where}${s.hash !== 'default' ? `, ${s.hash.replace('v=1&', '')}` : ''} | ${s.backend}${r.backendInfo?.device ? ` (${r.backendInfo.device})` : ''} | ${f(s.forwardMs)} | ${f(s.bnStepMs)} | ${f(s.fullStepMs)} | ${s.bnOverFull?.toFixed(2) ?? '—'} |`;
    },
  );
  const a = b.app && !('failed' in b.app) ? b.app : null,
    m = b.bundle?.main;
  if (!a) return `\nChromium ${b.chromium}: the app stage failed (${b.app ? (b.app as { failed: string }).failed : 'not run'}); step rows: ${rows.length}\n`;
  return `
Chromium ${b.chromium}, batch 64, the default supernet (NAS-Bench-Macro, width 0.125) unless named:

| thread | backend | forward | BN-only step | full step | BN/full |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

| app | value |
| --- | --- |
| main bundle (gzip) | ${m ? `${(m.gzip / 1024).toFixed(1)} kB (${m.file}); holds tfjs: ${b.bundle?.mainHasTfjs ? 'yes' : 'no'}` : '—'} |
| time to interactive (localhost) | ${a.timeToInteractiveMs} ms |
| Quick demo wall time | ${a.quickDemoSeconds.toFixed(1)} s |
| longest main-thread task during the Quick demo (trace) | ${a.longestTaskDuringRunMs.toFixed(0)} ms; ${a.tasksOver16MsDuringRun} tasks > 16 ms, ${a.longTasksDuringRun} > 50 ms (longtask observer); main thread busy ${(a.mainThreadBusyMsDuringRun / 1000).toFixed(1)} s |
`;
}

const widthHash = (w: number) => `v=1&space=nbmacro&width=${w}`;

/**
 * Each stage runs on its own: a failed stage is recorded with its error and the rest still run,
 * and the JSON is rewritten after every stage, so a crash keeps what was measured before it.
 */
async function main() {
  const backend = await selectNodeBackend('auto');
  const started = new Date();
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${started.toISOString().slice(0, 10)}.json`;
  const result: Record<string, unknown> = {
    date: started.toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? 'unknown', memGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version },
    node: { backend: backend.name } as Record<string, unknown>,
  };
  const save = () => writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  const stage = async <T>(name: string, into: Record<string, unknown>, run: () => Promise<T>): Promise<T | null> => {
    process.stderr.write(`${name}…\n`);
    try {
      const value = await run();
      into[name] = value;
      return value;
    } catch (e) {
      into[name] = { failed: (e as Error).message };
      process.stderr.write(`  ${name} failed: ${(e as Error).message}\n`);
      return null;
    } finally {
      save();
    }
  };
  process.stderr.write(`bench: node ${process.version} on ${backend.name}\n`);
  const node = result.node as Record<string, unknown>;
  const steps = await stage('steps', node, () => measureSteps({ paths: 3, repeats: 3 }));
  const widths = await stage('widths', node, async () => {
    const out: StepTimings[] = [];
    for (const w of BENCH_WIDTHS) out.push(await measureSteps({ paths: 3, repeats: 3, skipFull: true, hash: widthHash(w) }));
    return out;
  });
  const ranking = await stage('ranking', node, async () => ({ small: rankingBench(6), large: rankingBench(10) }));
  const evaluation = await stage('evaluation', node, evaluationBench);
  const memory = await stage('memory', node, memoryBench);
  const browser = process.argv.includes('--node-only')
    ? null
    : await stage('browser', result, () =>
        browserBench(
          (s) => process.stderr.write(s + '\n'),
          (partial) => {
            result.browser = partial;
            save();
          },
        ),
      );
  const ms = (x: number | null | undefined) => (x == null ? '—' : `${x.toFixed(0)} ms`);
  const ips = (x: number | null | undefined) => (x == null ? '—' : `${(64 / (x / 1000)).toFixed(0)} img/s`);
  const rows: string[] = [];
  if (steps)
    rows.push(
      `| forward | ${ms(steps.forwardMs)} (${ips(steps.forwardMs)}) |`,
      `| BN-only step | ${ms(steps.bnStepMs)} (${ips(steps.bnStepMs)}) |`,
      `| full step | ${ms(steps.fullStepMs)} (${ips(steps.fullStepMs)}) |`,
      `| BN-only / full | ${steps.bnOverFull?.toFixed(2) ?? '—'} |`,
    );
  for (const w of widths ?? [])
    rows.push(`| BN-only step, ${w.hash.replace('v=1&', '')} (${(w.supernetParams / 1e6).toFixed(2)} M params) | ${ms(w.bnStepMs)} (${ips(w.bnStepMs)}) |`);
  if (ranking)
    rows.push(
      `| top-10 of ${ranking.small.paths.toLocaleString('en')} / ${ranking.large.paths.toLocaleString('en')} paths | ${ranking.small.topKMs.toFixed(2)} ms / ${ranking.large.topKMs.toFixed(2)} ms |`,
      `| exact best under FLOPs budget, ${ranking.small.paths.toLocaleString('en')} / ${ranking.large.paths.toLocaleString('en')} paths | ${ranking.small.budgetDpMs.toFixed(2)} ms / ${ranking.large.budgetDpMs.toFixed(2)} ms |`,
    );
  if (evaluation)
    rows.push(
      `| evaluate one subnet: BN score | ${(evaluation.scoreSecondsPerPath * 1e9).toFixed(0)} ns |`,
      `| evaluate one subnet: SPOS (BN recalibration + ${evaluation.valImages} val images) | ${evaluation.sposSecondsPerPath.toFixed(2)} s |`,
      `| evaluation speedup (SPOS / BN score) | ${Math.round(evaluation.speedup).toLocaleString('en')}x |`,
    );
  if (memory)
    rows.push(
      `| peak tensors / bytes in an epoch | ${memory.peakTensors} / ${(memory.peakBytes / 1e6).toFixed(1)} MB |`,
      `| tensors after each epoch | ${memory.tensorsAfterEachEpoch.join(', ')} |`,
    );
  console.log(`
| figure (Node ${backend.name}, batch 64; the default supernet (NAS-Bench-Macro, width 0.125) unless named) | value |
| --- | --- |
${rows.join('\n')}
${browser ? browserTable(browser) : ''}`);
  process.stderr.write(`wrote ${file}\n`);
}

void main();
