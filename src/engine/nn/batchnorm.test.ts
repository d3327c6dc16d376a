import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { BN_EPSILON, batchNorm, createBatchNorm, disposeStats, type BatchStats } from './batchnorm';
import { createRng } from '../space/rng';
import { useWasmBackend } from './wasmBackend';

function randn(shape: number[], seed: number, mean = 0, sd = 1): tf.Tensor {
  const rng = createRng(seed);
  return tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => mean + sd * rng.normal()),
    shape,
  );
}

function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0,
    den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i]! - b[i]!) ** 2;
    den += b[i]! ** 2;
  }
  return Math.sqrt(num / Math.max(den, 1e-30));
}

describe('train-mode BN (closed-form gradient) vs autodiff of the textbook formula', () => {
  // Channel counts and sizes like the supernet's BNs, with an offset mean and a scale.
  it.each([[[4, 6, 6, 5]], [[3, 4, 4, 16]]])('value, batch stats and grads of x, gamma, beta agree within 1e-4, shape %j', async (shape) => {
    const c = shape[3]!;
    const reference = async () => {
      await tf.setBackend('cpu');
      const x = randn(shape, 1, 0.7, 2),
        gamma = randn([c], 2, 1, 0.3),
        beta = randn([c], 3),
        weight = randn(shape, 4);
      const f = (xi: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
        const { mean, variance } = tf.moments(xi, [0, 1, 2]);
        return tf.batchNorm(xi, mean, variance, b, g, BN_EPSILON).mul(weight).sum();
      };
      const { value, grads } = tf.valueAndGrads(f as (...a: tf.Tensor[]) => tf.Scalar)([x, gamma, beta]);
      const { mean, variance } = tf.moments(x, [0, 1, 2]);
      return Promise.all([value, ...grads, mean, variance].map(async (t) => Array.from(await t.data())));
    };
    const ours = async () => {
      await useWasmBackend();
      const x = randn(shape, 1, 0.7, 2),
        weight = randn(shape, 4);
      const bn = createBatchNorm(c);
      bn.gamma.assign(randn([c], 2, 1, 0.3) as tf.Tensor1D);
      bn.beta.assign(randn([c], 3) as tf.Tensor1D);
      const stats: BatchStats[] = [];
      const f = (xi: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
        void g;
        void b; // gamma and beta are read through the BN's variables
        return batchNorm(xi as tf.Tensor4D, bn, { training: true, stats })
          .mul(weight)
          .sum();
      };
      const { value, grads } = tf.valueAndGrads(f as (...a: tf.Tensor[]) => tf.Scalar)([x, bn.gamma, bn.beta]);
      const out = await Promise.all([value, ...grads, stats[0]!.mean, stats[0]!.variance].map(async (t) => Array.from(await t.data())));
      disposeStats(stats);
      return out;
    };
    const ref = await reference(),
      got = await ours();
    const names = ['value', 'dx', 'dgamma', 'dbeta', 'mean', 'variance'];
    for (let i = 0; i < ref.length; i++) expect(relErr(got[i]!, ref[i]!), names[i]).toBeLessThan(1e-4);
  });
});
