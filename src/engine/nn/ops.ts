/**
 * Candidate ops of a choice layer: the custom space's in ReLU → conv → BN
 * order, NAS-Bench-Macro's as MobileNetV2 blocks (no ReLU before the first
 * conv, none after the last BN). Every op except the identity (skip / id where
 * shapes keep) ends with the BN whose gammas BN-NAS scores.
 */
import * as tf from '@tensorflow/tfjs';
import type { OpId } from '../../config/ops';
import { batchNorm, batchNormVariables, createBatchNorm, relu, type BatchNorm, type ForwardContext } from './batchnorm';
import { type ChoiceLayer, INVERTED_RESIDUAL, isIdentitySkip, MB_EXPANSION, type Rng } from '../space';
import { heNormal } from './init';

export interface OpModule {
  op: OpId;
  /** Convolution kernels of the op (frozen in BN-only training). */
  kernels: tf.Variable[];
  /** Every BN of the op, in forward order; the last one is the scored BN. */
  bns: BatchNorm[];
  /** The BN whose mean |gamma| is the op's score; null for the identity skip. */
  scored: BatchNorm | null;
  forward(x: tf.Tensor4D, ctx: ForwardContext): tf.Tensor4D;
}

type Conv = (x: tf.Tensor4D) => tf.Tensor4D;

function convOf(rng: Rng, k: number, cin: number, cout: number, stride: number, dilation = 1): { kernel: tf.Variable; apply: Conv } {
  const kernel = heNormal([k, k, cin, cout], k * k * cin, rng);
  if (dilation === 1) return { kernel, apply: (x) => tf.conv2d(x, kernel as tf.Tensor4D, stride, 'same') };
  // tfjs cannot differentiate dilated convs (and refuses stride and dilation together),
  // so the dilated kernel is the 3x3 kernel interleaved with zeros: the same function, 5x5 window.
  const span = (k - 1) * dilation + 1;
  return {
    kernel,
    apply: (x) => {
      const spread = tf
        .pad(kernel.reshape([k, 1, k, 1, cin, cout]), [
          [0, 0],
          [0, dilation - 1],
          [0, 0],
          [0, dilation - 1],
          [0, 0],
          [0, 0],
        ])
        .reshape([k * dilation, k * dilation, cin, cout])
        .slice([0, 0, 0, 0], [span, span, cin, cout]) as tf.Tensor4D;
      return tf.conv2d(x, spread, stride, 'same');
    },
  };
}

function depthwiseOf(rng: Rng, k: number, c: number, stride: number): { kernel: tf.Variable; apply: Conv } {
  const kernel = heNormal([k, k, c, 1], k * k, rng);
  return { kernel, apply: (x) => tf.depthwiseConv2d(x, kernel as tf.Tensor4D, stride, 'same') };
}

/** A chain of ReLU?→conv→BN stages; `relu[i]` says whether stage i starts with a ReLU. */
function chain(op: OpId, stages: { conv: { kernel: tf.Variable; apply: Conv }[]; bn: BatchNorm; relu: boolean }[]): OpModule {
  const bns = stages.map((s) => s.bn);
  return {
    op,
    kernels: stages.flatMap((s) => s.conv.map((c) => c.kernel)),
    bns,
    scored: bns[bns.length - 1]!,
    forward: (x, ctx) =>
      stages.reduce((h, s) => {
        let y = s.relu ? relu(h, ctx) : h;
        for (const c of s.conv) y = c.apply(y);
        return batchNorm(y, s.bn, ctx);
      }, x),
  };
}

/** Builds one candidate op for a layer, drawing its kernels from `rng` in a fixed order. */
export function createOp(op: OpId, layer: ChoiceLayer, rng: Rng): OpModule {
  const { cin, cout, stride } = layer;
  switch (op) {
    case 'conv3':
      return chain(op, [{ relu: true, conv: [convOf(rng, 3, cin, cout, stride)], bn: createBatchNorm(cout) }]);
    case 'conv5':
      return chain(op, [{ relu: true, conv: [convOf(rng, 5, cin, cout, stride)], bn: createBatchNorm(cout) }]);
    case 'dil3':
      return chain(op, [{ relu: true, conv: [convOf(rng, 3, cin, cout, stride, 2)], bn: createBatchNorm(cout) }]);
    case 'sep3':
    case 'sep5': {
      const k = op === 'sep3' ? 3 : 5;
      return chain(op, [{ relu: true, conv: [depthwiseOf(rng, k, cin, stride), convOf(rng, 1, cin, cout, 1)], bn: createBatchNorm(cout) }]);
    }
    case 'mb3': {
      const mid = cin * MB_EXPANSION;
      return chain(op, [
        { relu: true, conv: [convOf(rng, 1, cin, mid, 1)], bn: createBatchNorm(mid) },
        { relu: true, conv: [depthwiseOf(rng, 3, mid, stride)], bn: createBatchNorm(mid) },
        { relu: true, conv: [convOf(rng, 1, mid, cout, 1)], bn: createBatchNorm(cout) },
      ]);
    }
    case 'skip':
    case 'id':
      if (isIdentitySkip(layer)) return { op, kernels: [], bns: [], scored: null, forward: (x) => x };
      return chain(op, [{ relu: op === 'skip', conv: [convOf(rng, 1, cin, cout, stride)], bn: createBatchNorm(cout) }]);
    case 'mb3k3':
    case 'mb6k5': {
      const { expansion, kernel } = INVERTED_RESIDUAL[op];
      const mid = cin * expansion;
      // Linear bottleneck: the ReLUs sit after the expand and depthwise BNs only.
      return chain(op, [
        { relu: false, conv: [convOf(rng, 1, cin, mid, 1)], bn: createBatchNorm(mid) },
        { relu: true, conv: [depthwiseOf(rng, kernel, mid, stride)], bn: createBatchNorm(mid) },
        { relu: true, conv: [convOf(rng, 1, mid, cout, 1)], bn: createBatchNorm(cout) },
      ]);
    }
  }
}

export function opVariables(m: OpModule): tf.Variable[] {
  return [...m.kernels, ...m.bns.flatMap(batchNormVariables)];
}
