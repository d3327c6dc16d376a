/** Subnets with every BN weight drawn at random, their engine logits, and a relative error: for the export tests (src/engine/export). */
import { expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { batchNormVariables, type BatchNorm } from '../engine/nn/batchnorm';
import { createSubnet, disposeSupernet, forwardPath, type Supernet } from '../engine/nn/supernet';
import { snapshotWeights, type SubnetWeights } from '../engine/nn/weights';
import { createRng, type Rng } from '../engine/space/rng';
import type { SearchSpace } from '../engine/space/space';

/** Defaults (gamma 1, beta 0, mean 0, var 1, bias 0) would hide swapped or dropped BN weights: draw every one. */
export function randomizeNonKernels(net: Supernet, rng: Rng): void {
  const fill = (v: tf.Variable, f: () => number) => {
    const t = tf.tensor(Float32Array.from({ length: v.size }, f), v.shape);
    v.assign(t);
    t.dispose();
  };
  const bns: BatchNorm[] = [net.stem.bn, ...net.choices.flat().flatMap((m) => m.bns), ...(net.headConv ? [net.headConv.bn] : [])];
  for (const bn of bns) {
    const [gamma, beta, mean, variance] = batchNormVariables(bn);
    fill(gamma!, () => 0.5 + rng.next());
    fill(beta!, () => 0.5 * rng.normal());
    fill(mean!, () => 0.5 * rng.normal());
    fill(variance!, () => 0.3 + 2 * rng.next());
  }
  fill(net.head.bias, () => rng.normal());
}

export function inputs(n: number, seed: number): tf.Tensor4D {
  const rng = createRng(seed);
  return tf.tensor4d(
    Float32Array.from({ length: n * 32 * 32 * 3 }, () => rng.normal()),
    [n, 32, 32, 3],
  );
}

/** Max |a - b| over the largest |b|: the exported model's logits against the engine's. */
export async function relativeError(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const [da, db] = await Promise.all([a.data(), b.data()]);
  expect(a.shape).toEqual(b.shape);
  let diff = 0,
    scale = 0;
  for (let i = 0; i < db.length; i++) {
    diff = Math.max(diff, Math.abs(da[i]! - db[i]!));
    scale = Math.max(scale, Math.abs(db[i]!));
  }
  return diff / scale;
}

/** A subnet of `path` of space `s` with random BN state, its engine logits on x, and its snapshot. */
export async function subnetOf(s: SearchSpace, path: number[], x: tf.Tensor4D, seed: number): Promise<{ logits: tf.Tensor2D; weights: SubnetWeights }> {
  const net = createSubnet(s, path, createRng(seed));
  try {
    randomizeNonKernels(net, createRng(seed + 1000));
    const logits = tf.tidy(() =>
      forwardPath(
        net,
        x,
        path.map(() => 0),
        { training: false },
      ),
    );
    return { logits, weights: await snapshotWeights(net) };
  } finally {
    disposeSupernet(net);
  }
}
