/**
 * The SPOS evaluation tests' fixture (src/engine/train/spos*.test.ts): a 3-layer supernet, nets disposed after
 * each test, BN state scrambled, and the expected running statistics from a forward pass written with plain
 * tf ops (conv, depthwise conv, ReLU, moments), not from forwardPath or batchNorm.
 */
import { expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { OpId } from '../config/ops';
import { channelStats, normalizeBatch, type ChannelStats, type Dataset } from '../engine/data/dataset';
import { generateDataset } from '../engine/data/generated';
import type { BatchNorm } from '../engine/nn/batchnorm';
import { createRng, type Rng } from '../engine/space/rng';
import { buildSpace } from '../engine/space/space';
import { createSupernet, disposeSupernet, type Supernet } from '../engine/nn/supernet';

export const OPS: OpId[] = ['conv3', 'mb3', 'skip'];
// layers 0, 1: 4→4 stride 1 (residual, identity skip); layer 2: 4→8 stride 2 (strided 1x1 skip, no residual)
export const space = buildSpace(OPS, [
  { channels: 4, layers: 2 },
  { channels: 8, layers: 1 },
]);
/** The BN epsilon of the spec (PyTorch's default), written out rather than imported. */
export const EPS = 1e-5;

let nets: Supernet[] = [];
export function makeNet(seed: number): Supernet {
  const net = createSupernet(space, createRng(seed));
  nets.push(net);
  return net;
}

/** Disposes every net makeNet made (after each test). */
export function disposeNets(): void {
  for (const n of nets) disposeSupernet(n);
  nets = [];
}

/** Every BN of the net (stem, then every op of every layer), for "untouched" checks. */
export function allBatchNorms(net: Supernet): BatchNorm[] {
  return [net.stem.bn, ...net.choices.flat().flatMap((m) => m.bns)];
}

/** Non-default gammas, betas and running stats everywhere, so stale and fresh values differ and BN outputs depend on gamma/beta. */
export function scrambleBatchNorms(net: Supernet, rng: Rng): void {
  const vec = (n: number, f: () => number) => tf.tensor1d(Array.from({ length: n }, f));
  for (const bn of allBatchNorms(net)) {
    const c = bn.channels;
    for (const [v, f] of [
      [bn.gamma, () => 0.5 + rng.next()],
      [bn.beta, () => 0.2 * rng.normal()],
      [bn.runningMean, () => 3 + rng.next()],
      [bn.runningVar, () => 7 + rng.next()],
    ] as const) {
      const t = vec(c, f);
      v.assign(t);
      t.dispose();
    }
  }
}

export async function snapshot(vars: tf.Variable[]): Promise<Float32Array[]> {
  return Promise.all(vars.map(async (v) => Float32Array.from((await v.data()) as Float32Array)));
}

/**
 * One forward pass of `path` written from the spec with plain tf ops. `bn` is
 * called for every BN in forward order with its input; it returns the output.
 */
export function referenceForward(net: Supernet, x: tf.Tensor4D, path: readonly number[], bn: (x: tf.Tensor4D, b: BatchNorm) => tf.Tensor4D): tf.Tensor2D {
  let h = bn(tf.conv2d(x, net.stem.kernel as tf.Tensor4D, 1, 'same'), net.stem.bn);
  space.layers.forEach((layer, l) => {
    const m = net.choices[l]![path[l]!]!;
    const k = m.kernels as tf.Tensor4D[];
    const residual = layer.stride === 1 && layer.cin === layer.cout;
    let y: tf.Tensor4D;
    switch (m.op) {
      case 'conv3':
        y = bn(tf.conv2d(tf.relu(h), k[0]!, layer.stride, 'same'), m.bns[0]!);
        break;
      case 'mb3': {
        const a = bn(tf.conv2d(tf.relu(h), k[0]!, 1, 'same'), m.bns[0]!);
        const b = bn(tf.depthwiseConv2d(tf.relu(a), k[1]!, layer.stride, 'same'), m.bns[1]!);
        y = bn(tf.conv2d(tf.relu(b), k[2]!, 1, 'same'), m.bns[2]!);
        break;
      }
      case 'skip':
        if (residual) {
          expect(m.bns).toHaveLength(0);
          return;
        } // identity: h unchanged
        y = bn(tf.conv2d(tf.relu(h), k[0]!, layer.stride, 'same'), m.bns[0]!);
        break;
      default:
        throw new Error(`op ${m.op} not in this test's space`);
    }
    h = residual ? tf.add(h, y) : y;
  });
  const pooled = tf.mean(tf.relu(h), [1, 2]) as tf.Tensor2D;
  return tf.add(tf.matMul(pooled, net.head.weight as tf.Tensor2D), net.head.bias) as tf.Tensor2D;
}

/**
 * Train-mode BN from the definition: biased batch moments normalise; reports (mean, unbiased variance).
 * The moments are accumulated in float64 here: a float32 reduction (tf.moments on WASM) is off by a few
 * 1e-6, which through a few BNs exceeded the tolerance against a more exact implementation.
 */
export function trainModeBn(report: (b: BatchNorm, mean: Float32Array, unbiased: Float32Array) => void) {
  return (x: tf.Tensor4D, b: BatchNorm): tf.Tensor4D => {
    const n = x.shape[0] * x.shape[1] * x.shape[2];
    const c = x.shape[3],
      v = x.dataSync();
    const m64 = new Float64Array(c),
      v64 = new Float64Array(c);
    for (let i = 0; i < v.length; i++) m64[i % c]! += v[i]! / n;
    for (let i = 0; i < v.length; i++) v64[i % c]! += (v[i]! - m64[i % c]!) ** 2 / n;
    const mean = tf.tensor1d(Float32Array.from(m64)),
      variance = tf.tensor1d(Float32Array.from(v64));
    report(
      b,
      mean.dataSync() as Float32Array,
      Float32Array.from(v64, (u) => (u * n) / (n - 1)),
    );
    return x.sub(mean).div(variance.add(EPS).sqrt()).mul(b.gamma).add(b.beta) as tf.Tensor4D;
  };
}

/** Eval-mode BN from the definition, with the running statistics. */
export function evalModeBn(x: tf.Tensor4D, b: BatchNorm): tf.Tensor4D {
  return x.sub(b.runningMean).div(b.runningVar.add(EPS).sqrt()).mul(b.gamma).add(b.beta) as tf.Tensor4D;
}

/**
 * The expected running stats after recalibration: the mean over the first `batches`
 * consecutive training batches (images b*batch .. b*batch+batch-1, in dataset order)
 * of each BN's batch mean and unbiased batch variance. Float64 accumulation.
 */
export function expectedStats(
  net: Supernet,
  path: number[],
  ds: Dataset,
  stats: ChannelStats,
  batch: number,
  batches: number,
): Map<BatchNorm, { mean: Float64Array; variance: Float64Array; seen: number }> {
  const acc = new Map<BatchNorm, { mean: Float64Array; variance: Float64Array; seen: number }>();
  for (let b = 0; b < batches; b++) {
    const x = normalizeBatch(
      ds,
      Array.from({ length: batch }, (_, i) => b * batch + i),
      stats,
    );
    tf.tidy(() => {
      referenceForward(
        net,
        tf.tensor4d(x, [batch, 32, 32, 3]),
        path,
        trainModeBn((bn, mean, unbiased) => {
          let e = acc.get(bn);
          if (!e) acc.set(bn, (e = { mean: new Float64Array(bn.channels), variance: new Float64Array(bn.channels), seen: 0 }));
          e.seen++;
          for (let c = 0; c < bn.channels; c++) {
            e.mean[c]! += mean[c]! / batches;
            e.variance[c]! += unbiased[c]! / batches;
          }
        }),
      );
    });
  }
  return acc;
}

export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    // Measured float32 error is ~1e-7; 1e-5 still tells the unbiased variance from the biased one (N/(N-1) - 1 ≥ 6e-5 here).
    const tol = 1e-5 * Math.max(1, Math.abs(expected[i]!));
    expect(Math.abs(actual[i]! - expected[i]!), `${what}[${i}]: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(tol);
  }
}

export const ds = generateDataset({ count: 200, seed: 4 });
export const dsStats = channelStats(ds);
