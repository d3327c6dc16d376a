import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { normalizeBatch } from '../data/dataset';
import { useWasmBackend } from '../nn/wasmBackend';
import { createRng } from '../space/rng';
import { pathBatchNorms, recalibrateBatchNorm } from './spos';
import { allVariables } from '../nn/supernet';
import { allBatchNorms, disposeNets, ds, dsStats, expectClose, expectedStats, makeNet, scrambleBatchNorms, snapshot } from '../../testing/sposFixture';

/**
 * SPOS evaluation: BN recalibration on training batches, then validation accuracy.
 * The expected running statistics come from a forward pass written with plain
 * tf ops in testing/sposFixture.ts (conv, depthwise conv, ReLU, moments), not from forwardPath or batchNorm.
 */

beforeAll(useWasmBackend);
afterEach(disposeNets);

describe('recalibrateBatchNorm', () => {
  // mb3 → conv3 → strided skip (5 BNs + stem), and identity skip → mb3 → strided conv3 (4 BNs + stem).
  it.each([[[1, 0, 2]], [[2, 1, 0]]])('path %j: each BN on the path gets the average batch mean and unbiased variance; nothing else changes', async (path) => {
    const net = makeNet(3);
    scrambleBatchNorms(net, createRng(99));
    const batch = 16,
      batches = 3;
    const want = expectedStats(net, path, ds, dsStats, batch, batches);
    const onPath = pathBatchNorms(net, path);
    // The reference forward met exactly the path's BNs, each once per batch.
    expect(new Set(want.keys())).toEqual(new Set(onPath));
    for (const e of want.values()) expect(e.seen).toBe(batches);

    const offPath = allBatchNorms(net).filter((bn) => !onPath.includes(bn));
    expect(offPath.length).toBeGreaterThan(0);
    const offRunning = offPath.flatMap((bn) => [bn.runningMean, bn.runningVar]);
    const params = allVariables(net).filter((v) => !onPath.some((bn) => v === bn.runningMean || v === bn.runningVar));
    const [offBefore, paramsBefore] = [await snapshot(offRunning), await snapshot(params)];
    const before = tf.memory().numTensors;

    await recalibrateBatchNorm(net, path, ds, dsStats, batch, batches);

    expect(tf.memory().numTensors, 'no tensors left behind').toBe(before);
    for (const [i, bn] of onPath.entries()) {
      const e = want.get(bn)!;
      expectClose(await bn.runningMean.data(), e.mean, `BN ${i} running mean`);
      expectClose(await bn.runningVar.data(), e.variance, `BN ${i} running var`);
    }
    // Off-path BNs' running stats and every parameter (kernels, gammas, betas, head) are bit-identical.
    const [offAfter, paramsAfter] = [await snapshot(offRunning), await snapshot(params)];
    offAfter.forEach((a, i) => expect(Buffer.from(a.buffer).equals(Buffer.from(offBefore[i]!.buffer)), `off-path running stat ${i}`).toBe(true));
    paramsAfter.forEach((a, i) => expect(Buffer.from(a.buffer).equals(Buffer.from(paramsBefore[i]!.buffer)), `parameter ${params[i]!.name}`).toBe(true));
  });

  it('the stem BN, checked on its own: the average of conv(x) moments over the batches', async () => {
    const net = makeNet(5);
    scrambleBatchNorms(net, createRng(7));
    const batch = 20,
      batches = 4;
    const sum = { mean: new Float64Array(4), variance: new Float64Array(4) };
    for (let b = 0; b < batches; b++) {
      const x = normalizeBatch(
        ds,
        Array.from({ length: batch }, (_, i) => b * batch + i),
        dsStats,
      );
      tf.tidy(() => {
        const y = tf.conv2d(tf.tensor4d(x, [batch, 32, 32, 3]), net.stem.kernel as tf.Tensor4D, 1, 'same');
        const { mean, variance } = tf.moments(y, [0, 1, 2]);
        const n = batch * 32 * 32;
        const m = mean.dataSync(),
          v = variance.dataSync();
        for (let c = 0; c < 4; c++) {
          sum.mean[c]! += m[c]! / batches;
          sum.variance[c]! += (v[c]! * n) / (n - 1) / batches;
        }
      });
    }
    await recalibrateBatchNorm(net, [0, 0, 0], ds, dsStats, batch, batches);
    expectClose(await net.stem.bn.runningMean.data(), sum.mean, 'stem running mean');
    expectClose(await net.stem.bn.runningVar.data(), sum.variance, 'stem running var');
  });
});
