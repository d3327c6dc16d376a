/** Batch normalisation with explicit running statistics, so train-mode updates are visible and testable. */
import * as tf from '@tensorflow/tfjs';
import { ownedVariable } from './init';

export const BN_EPSILON = 1e-5;
/** Weight of the new batch in the running statistics (PyTorch's convention). */
export const BN_MOMENTUM = 0.1;

export interface BatchNorm {
  channels: number;
  gamma: tf.Variable;
  beta: tf.Variable;
  runningMean: tf.Variable;
  runningVar: tf.Variable;
}

/** Batch statistics collected during a train-mode forward, applied to the running stats after the step. */
export interface BatchStats {
  bn: BatchNorm;
  mean: tf.Tensor;
  variance: tf.Tensor;
  count: number;
}

export interface ForwardContext {
  training: boolean;
  /** Train mode appends each BN's batch statistics here (kept tensors; the caller disposes them). */
  stats?: BatchStats[];
  /** When given, every ReLU output is appended here (inside the caller's tidy), e.g. for the NASWOT score. */
  activations?: tf.Tensor[];
}

/** ReLU that reports its output to ctx.activations when asked. */
export function relu<T extends tf.Tensor>(x: T, ctx: ForwardContext): T {
  const y = tf.relu(x);
  ctx.activations?.push(y);
  return y;
}

/** gamma = 1, beta = 0, running mean 0 and variance 1. */
export function createBatchNorm(channels: number): BatchNorm {
  return {
    channels,
    gamma: ownedVariable(tf.ones([channels]), true),
    beta: ownedVariable(tf.zeros([channels]), true),
    runningMean: ownedVariable(tf.zeros([channels]), false),
    runningVar: ownedVariable(tf.ones([channels]), false),
  };
}

/** x [N,H,W,C] → normalised by batch statistics (train) or running statistics (eval). */
export function batchNorm(x: tf.Tensor4D, bn: BatchNorm, ctx: ForwardContext): tf.Tensor4D {
  if (!ctx.training)
    return tf.batchNorm4d(x, bn.runningMean as tf.Tensor1D, bn.runningVar as tf.Tensor1D, bn.beta as tf.Tensor1D, bn.gamma as tf.Tensor1D, BN_EPSILON);
  const count = x.shape[0] * x.shape[1] * x.shape[2];
  const y = trainBatchNorm(x, bn.gamma, bn.beta, (mean, variance) => ctx.stats?.push({ bn, mean: tf.keep(mean), variance: tf.keep(variance), count }));
  return y as tf.Tensor4D;
}

/**
 * Per-channel sums of t [N, H, W, C]. On WASM, Sum over [0, 1, 2] transposes the whole tensor first;
 * an average pool over the whole image (XNNPACK, NHWC, one read) leaves [N, C], which a [1, N] x [N, C]
 * matMul sums: 5-7x faster on the supernet's BN shapes, where these reductions were ~40% of an MBConv
 * BN-only step. (A [1, M] x [M, C] matMul on t itself is slower still: XNNPACK repacks its right
 * operand whenever that is a new tensor, as every activation is.) GPU backends keep their reduction.
 */
function channelSums(t: tf.Tensor4D): tf.Tensor1D {
  if (tf.getBackend() !== 'wasm') return tf.sum(t, [0, 1, 2]);
  const [n, h, w, c] = t.shape;
  const means = tf.avgPool(t, [h, w], [h, w], 'valid').reshape([n, c]);
  return tf
    .matMul(tf.ones([1, n]), means)
    .reshape([c])
    .mul(h * w);
}

/**
 * Train-mode BN with its closed-form gradient. tfjs differentiates
 * moments + batchNorm through broadcasts that become Tile kernels, which took
 * more time than every convolution of an MBConv step on WASM; the closed form
 * needs two channel sums:
 *   dx = gamma·rstd/N · (N·dy − Σdy − x̂·Σ(dy·x̂)),  dgamma = Σ(dy·x̂),  dbeta = Σdy.
 */
function trainBatchNorm(x: tf.Tensor4D, gamma: tf.Tensor, beta: tf.Tensor, onStats: (mean: tf.Tensor, variance: tf.Tensor) => void): tf.Tensor {
  const op = tf.customGrad(((xIn: tf.Tensor4D, gIn: tf.Tensor, bIn: tf.Tensor, save: tf.GradSaveFunc) => {
    const n = xIn.shape[0] * xIn.shape[1] * xIn.shape[2];
    const mean = channelSums(xIn).div(n);
    const centered = tf.sub(xIn, mean);
    const variance = channelSums(tf.square(centered) as tf.Tensor4D).div(n);
    onStats(mean, variance);
    const rstd = tf.rsqrt(tf.add(variance, BN_EPSILON));
    const xhat = tf.mul(centered, rstd);
    save([xhat, rstd, gIn]);
    return {
      value: tf.add(tf.mul(xhat, gIn), bIn),
      gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
        const [xh, rs, g] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        const sumDy = channelSums(dy);
        const sumDyXhat = channelSums(tf.mul(dy, xh) as tf.Tensor4D);
        const scale = tf.mul(g, rs).div(n);
        const dx = tf.mul(scale, tf.sub(tf.sub(tf.mul(dy, n), sumDy), tf.mul(xh, sumDyXhat)));
        return [dx, sumDyXhat, sumDy];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return op(x, gamma, beta);
}

/** Folds collected batch statistics into the running ones (unbiased variance) and disposes them. */
export function updateRunningStats(stats: BatchStats[]): void {
  tf.tidy(() => {
    for (const { bn, mean, variance, count } of stats) {
      const unbiased = variance.mul(count / Math.max(count - 1, 1));
      bn.runningMean.assign(bn.runningMean.mul(1 - BN_MOMENTUM).add(mean.mul(BN_MOMENTUM)));
      bn.runningVar.assign(bn.runningVar.mul(1 - BN_MOMENTUM).add(unbiased.mul(BN_MOMENTUM)));
    }
  });
  disposeStats(stats);
}

export function disposeStats(stats: BatchStats[]): void {
  for (const s of stats) tf.dispose([s.mean, s.variance]);
  stats.length = 0;
}

export function batchNormVariables(bn: BatchNorm): tf.Variable[] {
  return [bn.gamma, bn.beta, bn.runningMean, bn.runningVar];
}
