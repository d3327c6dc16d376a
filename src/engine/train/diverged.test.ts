import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { OpId } from '../../config/ops';
import { generateDataset } from '../data/generated';
import { prepareData, type TrainData } from '../data';
import { useWasmBackend } from '../nn/wasmBackend';
import { createRng } from '../space/rng';
import { buildSpace } from '../space/space';
import { createSupernet, disposeSupernet, type Supernet, type TrainScope } from '../nn/supernet';
import { SupernetTrainer, trainSupernet, type EpochReport, type TrainHooks, type TrainSettings } from './train';
import { TrainingDiverged } from './diverged';
import { retrainPath } from './retrain';

const OPS: OpId[] = ['conv3', 'sep3', 'mb3', 'dil3', 'skip'];
const space = buildSpace(OPS, [
  { channels: 4, layers: 2 },
  { channels: 8, layers: 1 },
]);
const FULL: TrainScope = { mode: 'full', bnscope: 'all', head: 'train' };

let data: TrainData;

beforeAll(async () => {
  await useWasmBackend();
  data = prepareData(generateDataset({ count: 48, seed: 11 }), { n: 32, val: 16, seed: 1 }).data;
});

const isFiniteReport = (e: EpochReport) => Number.isFinite(e.loss) && e.scores.every((row) => row.every(Number.isFinite));

/**
 * Trains a fresh supernet (32 images, batch 8: 4 steps an epoch) with `hooks(net)`; resolves with
 * what trainSupernet threw, the epochs onEpoch saw, and whether the tensor count came back after cleanup.
 */
async function diverge(over: Partial<TrainSettings>, hooks: (net: Supernet) => TrainHooks = () => ({})) {
  const before = tf.memory().numTensors;
  const rng = createRng(1);
  const net = createSupernet(space, rng.fork('init'));
  const trainer = new SupernetTrainer(net, data, { epochs: 3, batch: 8, lr: 0.1, opt: 'sgd', scope: FULL, evalPaths: 1, ...over }, rng.fork('train'));
  const seen: EpochReport[] = [];
  const h = hooks(net);
  let error: unknown = null;
  try {
    await trainSupernet(trainer, {
      ...h,
      onEpoch: (e) => {
        seen.push(e);
        return h.onEpoch?.(e);
      },
    });
  } catch (e) {
    error = e;
  } finally {
    trainer.dispose();
    disposeSupernet(net);
  }
  return { error, seen, leaked: tf.memory().numTensors - before };
}

/** Sets every entry of `v` to `value` (NaN, Infinity), as an overflowing update would. */
function poison(v: tf.Variable, value: number): void {
  tf.tidy(() => {
    v.assign(tf.fill(v.shape, value));
  });
}

describe('supernet divergence', () => {
  it('a huge learning rate stops the run with TrainingDiverged naming the step, the epoch and lr; nothing leaks', async () => {
    const { error, leaked } = await diverge({ lr: 1e30 });
    expect(error).toBeInstanceOf(TrainingDiverged);
    const d = error as TrainingDiverged;
    expect(d.name).toBe('TrainingDiverged');
    expect(d.message).toMatch(
      /^the (loss diverged at step \d+ \(epoch \d\)|BN scores diverged by the end of epoch \d \(step \d+\)): lower the learning rate \(lr=1e\+30\)$/,
    );
    expect(d.message).toContain(`step ${d.step}`);
    expect(d.message).toContain(`epoch ${d.epoch}`);
    expect(d.lastFinite.length).toBe(d.epoch - 1);
    expect(d.lastFinite.every(isFiniteReport)).toBe(true);
    expect(leaked).toBe(0);
  });

  it('lr 1000 diverges after finite epochs, which lastFinite keeps', async () => {
    const { error, seen, leaked } = await diverge({ lr: 1000 });
    expect(error).toBeInstanceOf(TrainingDiverged);
    const d = error as TrainingDiverged;
    expect(d.lastFinite.length).toBeGreaterThan(0);
    expect(d.lastFinite).toEqual(seen);
    expect(d.lastFinite.every(isFiniteReport)).toBe(true);
    expect(leaked).toBe(0);
  });

  it('a NaN loss read back at step 2 stops there (epoch 1, no finite epoch)', async () => {
    const { error, seen, leaked } = await diverge({}, (net) => ({
      onStep: (r) => {
        if (r.step === 1) poison(net.head.bias, NaN);
      },
    }));
    expect(error).toBeInstanceOf(TrainingDiverged);
    const d = error as TrainingDiverged;
    expect(d.message).toBe('the loss diverged at step 2 (epoch 1): lower the learning rate (lr=0.1)');
    expect([d.step, d.epoch, d.lastFinite]).toEqual([2, 1, []]);
    expect(seen).toEqual([]);
    expect(leaked).toBe(0);
  });

  it('a NaN loss in epoch 2 keeps epoch 1 as the last finite one', async () => {
    const { error, seen, leaked } = await diverge({}, (net) => ({
      onEpoch: (e) => {
        if (e.epoch === 1) poison(net.head.weight, NaN);
      },
    }));
    const d = error as TrainingDiverged;
    expect(d).toBeInstanceOf(TrainingDiverged);
    expect(d.message).toBe('the loss diverged at step 5 (epoch 2): lower the learning rate (lr=0.1)');
    expect([d.step, d.epoch]).toEqual([5, 2]);
    expect(d.lastFinite).toEqual(seen);
    expect(d.lastFinite.map((e) => e.epoch)).toEqual([1]);
    expect(leaked).toBe(0);
  });

  it('an infinite BN score at an epoch end stops the run there, though every loss was finite', async () => {
    const losses: number[] = [];
    const { error, seen, leaked } = await diverge({ who: "the SPOS supernet's", lrKey: 'sposlr' }, (net) => ({
      onStep: (r) => {
        losses.push(r.loss);
        if (r.step === 4) poison(net.choices[1]![0]!.bns.at(-1)!.gamma, Infinity);
      },
    }));
    const d = error as TrainingDiverged;
    expect(d).toBeInstanceOf(TrainingDiverged);
    expect(d.message).toBe("the SPOS supernet's BN scores diverged by the end of epoch 1 (step 4): lower the learning rate (sposlr=0.1)");
    expect([d.step, d.epoch, d.lastFinite]).toEqual([4, 1, []]);
    expect(losses.length).toBe(4);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(seen).toEqual([]);
    expect(leaked).toBe(0);
  });
});

describe('retraining divergence', () => {
  const small = buildSpace(
    ['conv3', 'sep3', 'skip'],
    [
      { channels: 4, layers: 1 },
      { channels: 8, layers: 1 },
    ],
  );

  it('a huge rlr stops the retrain with TrainingDiverged naming the path and rlr; nothing leaks', async () => {
    const before = tf.memory().numTensors;
    const epochs: number[] = [];
    const error = await retrainPath(small, [1, 0], data, { epochs: 3, batch: 8, lr: 1e30 }, createRng(2), { onEpoch: (e) => epochs.push(e.epoch) }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TrainingDiverged);
    const d = error as TrainingDiverged<{ epoch: number; loss: number }>;
    expect(d.name).toBe('TrainingDiverged');
    expect(d.message).toMatch(
      /^retraining 1-0 diverged (at step \d+ \(epoch \d\)|by the end of epoch \d \(step \d+\)): lower the learning rate \(rlr=1e\+30\)$/,
    );
    expect(d.message).toContain(`step ${d.step}`);
    expect(d.lastFinite.map((e) => e.epoch)).toEqual(epochs);
    expect(d.lastFinite.length).toBe(d.epoch - 1);
    expect(d.lastFinite.every((e) => Number.isFinite(e.loss))).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});
