import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { OpId } from '../../config/ops';
import { BN_MOMENTUM } from '../nn/batchnorm';
import { generateDataset } from '../data/generated';
import { prepareData } from '../data';
import { useWasmBackend } from '../nn/wasmBackend';
import { createRng } from '../space/rng';
import { buildSpace } from '../space/space';
import { allVariables, createSupernet, disposeSupernet, type Supernet, type TrainScope } from '../nn/supernet';
import { SupernetTrainer, TrainingAborted, trainSupernet, type StepReport, type TrainData, type TrainSettings } from './train';

// conv, depthwise-separable, MBConv (3 BNs), dilated and skip: every kind of kernel and BN chain.
const OPS: OpId[] = ['conv3', 'sep3', 'mb3', 'dil3', 'skip'];
// layers 0, 1: 4→4 stride 1 (residual, identity skip); layer 2: 4→8 stride 2 (strided skip)
const space = buildSpace(OPS, [{ channels: 4, layers: 2 }, { channels: 8, layers: 1 }]);
const BN_LAST: TrainScope = { mode: 'bn', bnscope: 'last', head: 'frozen' };

let data: TrainData;

beforeAll(async () => {
  await useWasmBackend();
  data = prepareData(generateDataset({ count: 48, seed: 11 }), { n: 32, val: 16, seed: 1 }).data;
});

function settings(over: Partial<TrainSettings> = {}): TrainSettings {
  return { epochs: 1, batch: 8, lr: 0.1, opt: 'sgd', scope: BN_LAST, evalPaths: 1, ...over };
}

async function snapshot(net: Supernet): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for (const v of allVariables(net)) out.set(v.name, Float32Array.from(await v.data() as Float32Array));
  return out;
}

async function same(v: tf.Variable, before: Map<string, Float32Array>): Promise<boolean> {
  const now = await v.data() as Float32Array;
  return Buffer.from(now.buffer, now.byteOffset, now.byteLength).equals(Buffer.from(before.get(v.name)!.buffer));
}

interface Run { net: Supernet; trainer: SupernetTrainer; paths: number[][]; losses: number[] }

async function train(seed: number, s: TrainSettings): Promise<Run & { scores: number[][][] }> {
  const rng = createRng(seed);
  const net = createSupernet(space, rng.fork('init'));
  const trainer = new SupernetTrainer(net, data, s, rng.fork('train'));
  const paths: number[][] = [], losses: number[] = [];
  const result = await trainSupernet(trainer, { onStep: (r) => { paths.push(r.path); losses.push(r.loss); } });
  return { net, trainer, paths, losses, scores: result.epochs.map((e) => e.scores) };
}

function release(run: { net: Supernet; trainer: SupernetTrainer }): void {
  run.trainer.dispose();
  disposeSupernet(run.net);
}

describe('BN-only training (bnscope = last, head frozen)', () => {
  it('updates only the sampled ops\' last-BN gamma/beta; every other parameter is bit-identical', async () => {
    const rng = createRng(3);
    const net = createSupernet(space, rng.fork('init'));
    const before = await snapshot(net);
    const trainer = new SupernetTrainer(net, data, settings(), rng.fork('train'));
    const paths: number[][] = [];
    await trainSupernet(trainer, { onStep: (r) => paths.push(r.path) });
    expect(paths.length).toBe(4); // 32 images / batch 8

    const sampled = new Set(paths.flatMap((p) => p.map((k, l) => `${l}:${k}`)));
    // The seed must leave something unsampled for the "unsampled unchanged" half to mean anything.
    expect(sampled.size).toBeLessThan(space.layers.length * OPS.length);

    // Frozen: stem kernel, stem BN affine, every conv kernel, every non-last BN's affine, the head.
    const frozen: tf.Variable[] = [net.stem.kernel, net.stem.bn.gamma, net.stem.bn.beta, net.head.weight, net.head.bias];
    for (const ops of net.choices) {
      for (const m of ops) {
        frozen.push(...m.kernels);
        for (const bn of m.bns.slice(0, -1)) frozen.push(bn.gamma, bn.beta);
      }
    }
    expect(frozen.length).toBeGreaterThan(20);
    for (const v of frozen) expect(await same(v, before), `frozen ${v.name} ${v.shape}`).toBe(true);

    let changedGammas = 0;
    for (let l = 0; l < space.layers.length; l++) {
      for (let k = 0; k < OPS.length; k++) {
        const m = net.choices[l]![k]!;
        if (m.scored === null) continue; // identity skip: nothing to train
        const gammaSame = await same(m.scored.gamma, before);
        if (sampled.has(`${l}:${k}`)) {
          expect(gammaSame, `sampled ${OPS[k]} in layer ${l}: gamma`).toBe(false);
          if (!gammaSame) changedGammas++;
        } else {
          expect(gammaSame, `unsampled ${OPS[k]} in layer ${l}: gamma`).toBe(true);
          expect(await same(m.scored.beta, before), `unsampled ${OPS[k]} in layer ${l}: beta`).toBe(true);
        }
      }
    }
    expect(changedGammas).toBeGreaterThan(0);

    // Running statistics move in train mode (stem BN and every BN of sampled ops), not elsewhere.
    expect(await same(net.stem.bn.runningMean, before)).toBe(false);
    expect(await same(net.stem.bn.runningVar, before)).toBe(false);
    for (let l = 0; l < space.layers.length; l++) {
      for (let k = 0; k < OPS.length; k++) {
        for (const bn of net.choices[l]![k]!.bns) {
          const moved = !(await same(bn.runningMean, before)) && !(await same(bn.runningVar, before));
          const untouched = (await same(bn.runningMean, before)) && (await same(bn.runningVar, before));
          if (sampled.has(`${l}:${k}`)) expect(moved, `running stats of sampled ${OPS[k]} in layer ${l}`).toBe(true);
          else expect(untouched, `running stats of unsampled ${OPS[k]} in layer ${l}`).toBe(true);
        }
      }
    }
    release({ net, trainer });
  });

  it('one full-batch step moves the stem BN running stats by momentum 0.1 towards the batch statistics', async () => {
    // batch = the whole train set: the stem BN sees all 32 images whatever the shuffle order,
    // and the stem kernel is frozen, so its batch statistics can be recomputed here.
    const rng = createRng(4);
    const net = createSupernet(space, rng.fork('init'));
    const trainer = new SupernetTrainer(net, data, settings({ batch: 32 }), rng.fork('train'));
    await trainSupernet(trainer, { onStep: () => {} }); // onStep needed: see 'without an onStep hook' below
    expect(trainer.step).toBe(1);

    // Own normalisation: per-channel population mean/std of the train bytes, in 0..1 units.
    const { images, count } = data.train;
    const px = count * 1024;
    const mean = [0, 0, 0], std = [0, 0, 0];
    for (let i = 0; i < images.length; i++) mean[i % 3]! += images[i]! / 255;
    for (let c = 0; c < 3; c++) mean[c]! /= px;
    for (let i = 0; i < images.length; i++) std[i % 3]! += (images[i]! / 255 - mean[i % 3]!) ** 2;
    for (let c = 0; c < 3; c++) std[c] = Math.sqrt(std[c]! / px);
    const x = new Float32Array(images.length);
    for (let i = 0; i < images.length; i++) x[i] = (images[i]! / 255 - mean[i % 3]!) / std[i % 3]!;
    const y = tf.tidy(() => tf.conv2d(tf.tensor4d(x, [count, 32, 32, 3]), net.stem.kernel as tf.Tensor4D, 1, 'same'));
    const out = await y.data();
    y.dispose();
    const C = 4, n = count * 32 * 32;
    const bm = new Float64Array(C), bv = new Float64Array(C);
    for (let i = 0; i < out.length; i++) bm[i % C]! += out[i]! / n;
    for (let i = 0; i < out.length; i++) bv[i % C]! += (out[i]! - bm[i % C]!) ** 2 / (n - 1); // unbiased

    const rm = await net.stem.bn.runningMean.data(), rv = await net.stem.bn.runningVar.data();
    for (let c = 0; c < C; c++) {
      // from mean 0, var 1: 0.9*0 + 0.1*mean, 0.9*1 + 0.1*var
      expect(rm[c]!).toBeCloseTo(BN_MOMENTUM * bm[c]!, 4);
      expect(rv[c]! / ((1 - BN_MOMENTUM) + BN_MOMENTUM * bv[c]!)).toBeCloseTo(1, 4);
    }
    release({ net, trainer });
  });
});

describe('full training (SPOS baseline) on WASM', () => {
  it('updates the stem, the sampled ops\' kernels (conv, depthwise, dilated) and the head; unsampled kernels stay', async () => {
    const rng = createRng(5);
    const net = createSupernet(space, rng.fork('init'));
    const before = await snapshot(net);
    const trainer = new SupernetTrainer(net, data, settings({ scope: { mode: 'full', bnscope: 'last', head: 'frozen' }, batch: 16 }), rng.fork('train'));
    const paths: number[][] = [];
    await trainSupernet(trainer, { onStep: (r) => paths.push(r.path) });
    const sampled = new Set(paths.flatMap((p) => p.map((k, l) => `${l}:${k}`)));
    expect(await same(net.stem.kernel, before)).toBe(false);
    expect(await same(net.head.weight, before)).toBe(false);
    let changedKernels = 0;
    for (let l = 0; l < space.layers.length; l++) {
      for (let k = 0; k < OPS.length; k++) {
        for (const kernel of net.choices[l]![k]!.kernels) {
          const unchanged = await same(kernel, before);
          if (sampled.has(`${l}:${k}`)) { expect(unchanged, `${OPS[k]} layer ${l}`).toBe(false); changedKernels++; }
          else expect(unchanged, `unsampled ${OPS[k]} layer ${l}`).toBe(true);
        }
      }
    }
    expect(changedKernels).toBeGreaterThan(0);
    release({ net, trainer });
  });
});

describe('determinism', () => {
  it('same seed → identical paths, losses and score matrices; another seed differs', async () => {
    const s = settings({ epochs: 2, batch: 16 });
    const a = await train(21, s);
    const b = await train(21, s);
    const c = await train(22, s);
    expect(a.losses.length).toBe(4);
    expect(b.paths).toEqual(a.paths);
    expect(b.losses).toEqual(a.losses);
    expect(b.scores).toEqual(a.scores);
    expect(c.losses).not.toEqual(a.losses);
    expect(c.scores).not.toEqual(a.scores);
    [a, b, c].forEach(release);
  });
});

describe('memory', () => {
  it('tensor count is flat across epochs and returns to the start after disposal', async () => {
    const start = tf.memory().numTensors;
    const rng = createRng(8);
    const net = createSupernet(space, rng.fork('init'));
    const trainer = new SupernetTrainer(net, data, settings({ epochs: 4, batch: 16 }), rng.fork('train'));
    const afterSetup = tf.memory().numTensors;
    const perEpoch: number[] = [];
    const perStep: number[] = [];
    const result = await trainSupernet(trainer, {
      onStep: () => perStep.push(tf.memory().numTensors),
      onEpoch: () => { perEpoch.push(tf.memory().numTensors); },
    });
    expect(result.epochs.length).toBe(4);
    expect(perEpoch).toEqual([afterSetup, afterSetup, afterSetup, afterSetup]);
    expect(perStep).toEqual(new Array(8).fill(afterSetup));
    trainer.dispose();
    disposeSupernet(net);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('full mode with Adam leaks nothing either', async () => {
    const start = tf.memory().numTensors;
    const run = await train(9, settings({ epochs: 2, batch: 16, opt: 'adam', scope: { mode: 'full', bnscope: 'all', head: 'train' } }));
    release(run);
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('hooks', () => {
  // Regression (fixed in train.ts, trainSupernet): `hooks.onStep?.(await trainer.runStep())` short-circuits
  // its argument, so without an onStep hook runStep() never ran, trainer.step stayed 0 and the loop called
  // endEpoch() forever (on microtasks only: no timer, not even a test timeout, could interrupt it).
  // trainSupernet now runs the step first and reports it after: `const report = await trainer.runStep(); hooks.onStep?.(report);`.
  it('trains to the end without an onStep hook', async () => {
    const rng = createRng(12);
    const net = createSupernet(space, rng.fork('init'));
    const trainer = new SupernetTrainer(net, data, settings(), rng.fork('train'));
    const controller = new AbortController();
    let passes = 0;
    try {
      // Guard: abort after 20 loop passes (4 are needed) so the bug fails instead of hanging.
      const result = await trainSupernet(trainer, { signal: controller.signal, gate: async () => { if (++passes > 20) controller.abort(); } });
      expect(result.steps).toBe(4);
      expect(result.epochs.length).toBe(1);
    } finally {
      release({ net, trainer });
    }
  });
});

describe('abort', () => {
  it('an AbortSignal aborted from onStep makes trainSupernet throw TrainingAborted; nothing leaks after cleanup', async () => {
    const start = tf.memory().numTensors;
    const rng = createRng(10);
    const net = createSupernet(space, rng.fork('init'));
    const trainer = new SupernetTrainer(net, data, settings({ epochs: 2 }), rng.fork('train'));
    const controller = new AbortController();
    const steps: StepReport[] = [];
    const run = trainSupernet(trainer, {
      signal: controller.signal,
      onStep: (r) => { steps.push(r); if (r.step === 2) controller.abort(); },
    });
    await expect(run).rejects.toBeInstanceOf(TrainingAborted);
    expect(steps.length).toBe(2);
    expect(trainer.step).toBe(2);
    trainer.dispose();
    disposeSupernet(net);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('an already-aborted signal throws before the first step', async () => {
    const rng = createRng(10);
    const net = createSupernet(space, rng.fork('init'));
    const trainer = new SupernetTrainer(net, data, settings(), rng.fork('train'));
    let gates = 0;
    await expect(trainSupernet(trainer, { signal: AbortSignal.abort(), gate: async () => { gates++; } })).rejects.toBeInstanceOf(TrainingAborted);
    expect(trainer.step).toBe(0);
    expect(gates).toBe(0);
    release({ net, trainer });
  });

  it('gate is awaited once before every step', async () => {
    const rng = createRng(10);
    const net = createSupernet(space, rng.fork('init'));
    const trainer = new SupernetTrainer(net, data, settings(), rng.fork('train'));
    const log: string[] = [];
    await trainSupernet(trainer, { gate: async () => { log.push('gate'); }, onStep: () => log.push('step') });
    expect(log).toEqual(['gate', 'step', 'gate', 'step', 'gate', 'step', 'gate', 'step']);
    release({ net, trainer });
  });
});

describe('the Long run recipe (every BN and the classifier, weight decay, crop + flip, clipping)', () => {
  const LONG: TrainScope = { mode: 'bn', bnscope: 'all', head: 'train' };
  const base = settings({ epochs: 2, batch: 16, scope: LONG });

  it('is deterministic, leaks nothing, and each of its parts changes what trains', async () => {
    const start = tf.memory().numTensors;
    const full = { ...base, weightDecay: 0.01, augment: true, clipNorm: 5 };
    const a = await train(31, full);
    const b = await train(31, full);
    expect(b.losses).toEqual(a.losses);
    expect(b.scores).toEqual(a.scores);
    for (const change of [{ weightDecay: 0 }, { augment: false }, { clipNorm: 1e-3 }]) {
      const other = await train(31, { ...full, ...change });
      expect(other.paths, JSON.stringify(change)).toEqual(a.paths); // the same path sequence: one seed fixes it
      expect(other.scores, JSON.stringify(change)).not.toEqual(a.scores);
      release(other);
    }
    [a, b].forEach(release);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('a tiny clip norm holds every gamma near its init of 1; without it they move further', async () => {
    const clipped = await train(32, { ...base, lr: 0.5, clipNorm: 1e-4 });
    const free = await train(32, { ...base, lr: 0.5 });
    const drift = (m: number[][]) => Math.max(...m.flat().filter((v) => v > 0).map((v) => Math.abs(v - 1)));
    expect(drift(clipped.scores.at(-1)!)).toBeLessThan(2 * 0.5 * 1e-4 * 4 + 1e-6); // 4 steps of at most lr·maxNorm (momentum ≤ 2x)
    expect(drift(free.scores.at(-1)!)).toBeGreaterThan(10 * drift(clipped.scores.at(-1)!));
    [clipped, free].forEach(release);
  });
});
