import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { BN_MOMENTUM } from '../nn/batchnorm';
import { useWasmBackend } from '../nn/wasmBackend';
import { createRng } from '../space/rng';
import { createSupernet, disposeSupernet, type TrainScope } from '../nn/supernet';
import { SupernetTrainer, trainSupernet, type TrainData, type TrainSettings } from './train';
import { OPS, release, same, settings, snapshot, space, train as trainOn, trainData } from '../../testing/trainFixture';

// Hooks and cancellation: train.control.test.ts.
let data: TrainData;
const train = (seed: number, s: TrainSettings) => trainOn(data, seed, s);

beforeAll(async () => {
  await useWasmBackend();
  data = trainData();
});

describe('BN-only training (bnscope = last, head frozen)', () => {
  it("updates only the sampled ops' last-BN gamma/beta; every other parameter is bit-identical", async () => {
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
    const mean = [0, 0, 0],
      std = [0, 0, 0];
    for (let i = 0; i < images.length; i++) mean[i % 3]! += images[i]! / 255;
    for (let c = 0; c < 3; c++) mean[c]! /= px;
    for (let i = 0; i < images.length; i++) std[i % 3]! += (images[i]! / 255 - mean[i % 3]!) ** 2;
    for (let c = 0; c < 3; c++) std[c] = Math.sqrt(std[c]! / px);
    const x = new Float32Array(images.length);
    for (let i = 0; i < images.length; i++) x[i] = (images[i]! / 255 - mean[i % 3]!) / std[i % 3]!;
    const y = tf.tidy(() => tf.conv2d(tf.tensor4d(x, [count, 32, 32, 3]), net.stem.kernel as tf.Tensor4D, 1, 'same'));
    const out = await y.data();
    y.dispose();
    const C = 4,
      n = count * 32 * 32;
    const bm = new Float64Array(C),
      bv = new Float64Array(C);
    for (let i = 0; i < out.length; i++) bm[i % C]! += out[i]! / n;
    for (let i = 0; i < out.length; i++) bv[i % C]! += (out[i]! - bm[i % C]!) ** 2 / (n - 1); // unbiased

    const rm = await net.stem.bn.runningMean.data(),
      rv = await net.stem.bn.runningVar.data();
    for (let c = 0; c < C; c++) {
      // from mean 0, var 1: 0.9*0 + 0.1*mean, 0.9*1 + 0.1*var
      expect(rm[c]!).toBeCloseTo(BN_MOMENTUM * bm[c]!, 4);
      expect(rv[c]! / (1 - BN_MOMENTUM + BN_MOMENTUM * bv[c]!)).toBeCloseTo(1, 4);
    }
    release({ net, trainer });
  });
});

describe('full training (SPOS baseline) on WASM', () => {
  it("updates the stem, the sampled ops' kernels (conv, depthwise, dilated) and the head; unsampled kernels stay", async () => {
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
          if (sampled.has(`${l}:${k}`)) {
            expect(unchanged, `${OPS[k]} layer ${l}`).toBe(false);
            changedKernels++;
          } else expect(unchanged, `unsampled ${OPS[k]} layer ${l}`).toBe(true);
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
      onEpoch: () => {
        perEpoch.push(tf.memory().numTensors);
      },
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
    const drift = (m: number[][]) =>
      Math.max(
        ...m
          .flat()
          .filter((v) => v > 0)
          .map((v) => Math.abs(v - 1)),
      );
    expect(drift(clipped.scores.at(-1)!)).toBeLessThan(2 * 0.5 * 1e-4 * 4 + 1e-6); // 4 steps of at most lr·maxNorm (momentum ≤ 2x)
    expect(drift(free.scores.at(-1)!)).toBeGreaterThan(10 * drift(clipped.scores.at(-1)!));
    [clipped, free].forEach(release);
  });
});
