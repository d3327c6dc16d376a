/** sposEvaluate: accuracy after BN recalibration, against a forward pass with plain tf ops (see testing/sposFixture.ts). */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { channelStats, normalizeBatch, splitDataset, type Dataset } from '../data/dataset';
import { useWasmBackend } from '../nn/wasmBackend';
import { createRng } from '../space/rng';
import { pathBatchNorms, sposEvaluate } from './spos';
import { evaluatePath, SupernetTrainer, trainSupernet } from './train';
import { disposeNets, ds, evalModeBn, expectClose, expectedStats, makeNet, referenceForward, scrambleBatchNorms, snapshot } from '../../testing/sposFixture';

beforeAll(useWasmBackend);
afterEach(disposeNets);

describe('sposEvaluate', () => {
  it('returns an accuracy in [0, 1] equal to an eval-mode forward with the recalibrated stats, and leaves no tensors', async () => {
    const net = makeNet(8);
    scrambleBatchNorms(net, createRng(8));
    const split = splitDataset(ds, 150, 50, createRng(1));
    const stats = channelStats(split.train);
    const path = [1, 0, 2];
    const before = tf.memory().numTensors;
    const r = await sposEvaluate(net, path, split.train, split.val, stats, { batch: 25, calibrationBatches: 2 });
    expect(tf.memory().numTensors, 'no tensors left behind').toBe(before);
    expect(r.accuracy).toBeGreaterThanOrEqual(0);
    expect(r.accuracy).toBeLessThanOrEqual(1);
    expect(Number.isFinite(r.loss)).toBe(true);
    // Recalibrated with the 2 batches of 25 asked for.
    const want = expectedStats(net, path, split.train, stats, 25, 2);
    for (const bn of pathBatchNorms(net, path)) expectClose(await bn.runningVar.data(), want.get(bn)!.variance, 'running var after sposEvaluate');
    // The same accuracy from the reference eval-mode forward over the whole validation set.
    const correct = tf.tidy(() => {
      const x = tf.tensor4d(
        normalizeBatch(
          split.val,
          Array.from({ length: split.val.count }, (_, i) => i),
          stats,
        ),
        [split.val.count, 32, 32, 3],
      );
      const pred = referenceForward(net, x, path, evalModeBn).argMax(1).dataSync();
      return Array.from(pred).filter((p, i) => p === split.val.labels[i]).length;
    });
    // Float noise may flip a near-tied argmax: allow one image.
    expect(Math.abs(r.accuracy * split.val.count - correct)).toBeLessThanOrEqual(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  /**
   * After SPOS training the supernet's running stats are an EMA over many paths,
   * stale for any one path. Recalibration must change them (and the evaluation),
   * and for a trained supernet on easy data should not make accuracy worse. The
   * "not worse" part is soft: per path a 10-point margin, on average over the paths
   * no loss at all; the numbers are logged. (With 3 epochs the supernet is still
   * undertrained and one path's recalibrated accuracy fell well below the stale one,
   * tracking its train-mode accuracy: hence 10 epochs.)
   */
  it('after SPOS training on easy data, recalibrated evaluation differs from stale-stats evaluation and is not worse', async () => {
    // Easy data: each class is a flat colour plus pixel noise.
    const rng = createRng(12);
    const count = 480;
    const colours = Array.from({ length: 10 }, (_, k) => [(k * 97) % 256, (k * 53 + 40) % 256, (k * 181 + 90) % 256]);
    const images = new Uint8Array(count * 3072);
    const labels = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const k = i % 10;
      labels[i] = k;
      for (let p = 0; p < 3072; p++) images[i * 3072 + p] = Math.max(0, Math.min(255, Math.round(colours[k]![p % 3]! + 50 * rng.normal())));
    }
    const easy: Dataset = { source: 'colours', images, labels, classNames: colours.map((_, k) => `c${k}`), count };
    const split = splitDataset(easy, 320, 160, createRng(2));
    const data = { train: split.train, val: split.val, stats: channelStats(split.train) };
    const net = makeNet(21);
    const trainer = new SupernetTrainer(
      net,
      data,
      { epochs: 10, batch: 32, lr: 0.1, opt: 'sgd', scope: { mode: 'full', bnscope: 'all', head: 'train' }, evalPaths: 1 },
      createRng(3).fork('train'),
    );
    try {
      await trainSupernet(trainer, { onStep: () => {} });
    } finally {
      trainer.dispose();
    }
    const rows: string[] = [];
    const paths = [
      [0, 0, 0],
      [1, 1, 1],
      [2, 0, 1],
      [0, 2, 2],
      [2, 2, 2],
      [1, 0, 0],
    ];
    let worse = 0,
      differs = 0,
      gain = 0;
    for (const path of paths) {
      const bns = pathBatchNorms(net, path);
      const staleVar = await snapshot(bns.map((b) => b.runningVar));
      const stale = await evaluatePath(net, path, data.val, data.stats, 32);
      const fresh = await sposEvaluate(net, path, data.train, data.val, data.stats, { batch: 32, calibrationBatches: 10 });
      const freshVar = await snapshot(bns.map((b) => b.runningVar));
      expect(
        freshVar.some((v, i) => v.some((x, c) => x !== staleVar[i]![c])),
        'recalibration changed the running stats',
      ).toBe(true);
      if (fresh.loss !== stale.loss || fresh.accuracy !== stale.accuracy) differs++;
      if (fresh.accuracy < stale.accuracy - 0.1) worse++;
      gain += (fresh.accuracy - stale.accuracy) / paths.length;
      rows.push(
        `${path.join('-')}: stale ${(100 * stale.accuracy).toFixed(1)}% (loss ${stale.loss.toFixed(3)}) → recalibrated ${(100 * fresh.accuracy).toFixed(1)}% (loss ${fresh.loss.toFixed(3)})`,
      );
    }
    console.log(`SPOS evaluation, stale vs recalibrated BN stats (mean gain ${(100 * gain).toFixed(1)} points):\n  ${rows.join('\n  ')}`);
    expect(differs, 'recalibration changes the evaluation').toBe(paths.length);
    expect(worse, 'recalibration is not clearly worse on any path').toBe(0);
    expect(gain, 'recalibration is not worse on average').toBeGreaterThanOrEqual(0);
  });
});
