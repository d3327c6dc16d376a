/**
 * Cheap proxies for a subnet's accuracy, to put the BN score in context:
 * parameter count, FLOPs, and zero-cost proxies computed on the subnet at
 * its seeded initialisation (one batch, no training):
 * - grad-norm: Σ‖∂L/∂W‖ over weight tensors (Abdelfattah et al., 2021)
 * - SNIP: Σ|W ⊙ ∂L/∂W| (Lee et al., 2019)
 * - synflow: Σ|W ⊙ ∂R/∂W| with |W| weights, an all-ones input and R = Σ output, BN in eval mode (Tanaka et al., 2020)
 * - NASWOT: log|det K| of the Hamming-similarity kernel of ReLU activation codes over a batch (Mellor et al., 2021)
 */
import * as tf from '@tensorflow/tfjs';
import { type Path, pathCost, type Rng, type SearchSpace } from '../space';
import { normalizeBatch, type ChannelStats, type Dataset } from '../data';
import { createSubnet, disposeSupernet, forwardPath, type Supernet } from '../nn';

import type { ProxyScores } from '../stats';

export { PROXY_NAMES, type ProxyName, type ProxyScores } from '../stats';

/** Convolution and classifier weights (not BN parameters, not running statistics). */
function weights(net: Supernet): tf.Variable[] {
  return [net.stem.kernel, ...net.choices.flat().flatMap((m) => m.kernels), ...(net.headConv === null ? [] : [net.headConv.kernel]), net.head.weight];
}

/** log|det| of a symmetric positive semi-definite matrix by Cholesky with a tiny jitter (−Infinity if singular). */
export function logDetPsd(k: Float64Array, n: number): number {
  const l = new Float64Array(n * n);
  let logDet = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = k[i * n + j]! + (i === j ? 1e-9 * Math.max(1, k[i * n + i]!) : 0);
      for (let p = 0; p < j; p++) sum -= l[i * n + p]! * l[j * n + p]!;
      if (i === j) {
        if (sum <= 0) return -Infinity;
        l[i * n + i] = Math.sqrt(sum);
        logDet += 2 * Math.log(l[i * n + i]!);
      } else l[i * n + j] = sum / l[j * n + j]!;
    }
  }
  return logDet;
}

/** Every proxy of the proxy table (stats/proxyNames.ts) for one subnet at its seeded init, on one batch of `ds`. */
export async function zeroCostProxies(space: SearchSpace, path: Path, ds: Dataset, stats: ChannelStats, rng: Rng, batch = 64): Promise<ProxyScores> {
  const net = createSubnet(space, path, rng.fork('init'));
  const zeros = path.map(() => 0);
  const n = Math.min(batch, ds.count);
  const indices = Array.from({ length: n }, (_, i) => i);
  const x = normalizeBatch(ds, indices, stats);
  const w = weights(net);
  try {
    const [gradNorm, snip, codesK] = await tf
      .tidy(() => {
        const xs = tf.tensor4d(x, [n, 32, 32, 3]);
        const onehot = tf.oneHot(
          tf.tensor1d(
            indices.map((i) => ds.labels[i]!),
            'int32',
          ),
          space.numClasses,
        );
        const { grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(onehot, forwardPath(net, xs, zeros, { training: true })) as tf.Scalar, w);
        const g = w.map((v) => grads[v.name]!);
        const gn = tf.addN(g.map((t) => tf.norm(t)));
        const sn = tf.addN(g.map((t, i) => tf.sum(tf.abs(tf.mul(t, w[i]!)))));
        // NASWOT: binary codes of every ReLU unit; K[i,j] = units where images i and j agree.
        const activations: tf.Tensor[] = [];
        forwardPath(net, xs, zeros, { training: true, activations });
        const codes = tf.concat(
          activations.map((a) => tf.greater(a, 0).toFloat().reshape([n, -1])),
          1,
        );
        const kernel = tf.add(tf.matMul(codes, codes, false, true), tf.matMul(tf.sub(1, codes), tf.sub(1, codes), false, true));
        return [gn, sn, kernel];
      })
      .map((t) => t as tf.Tensor)
      .reduce<Promise<Float32Array[]>>(async (acc, t) => [...(await acc), await readAndDispose(t)], Promise.resolve([]));
    const synflow = await synflowScore(net, zeros, w);
    const cost = pathCost(space, path);
    return {
      params: cost.params,
      flops: cost.flops,
      gradNorm: gradNorm![0]!,
      snip: snip![0]!,
      synflow,
      naswot: logDetPsd(Float64Array.from(codesK!), n),
    };
  } finally {
    disposeSupernet(net);
  }
}

async function readAndDispose(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

/** synflow on |W|, all-ones input, BN in eval mode (identity at init); weights are restored after. */
async function synflowScore(net: Supernet, zeros: number[], w: tf.Variable[]): Promise<number> {
  const saved = w.map((v) => tf.clone(v));
  try {
    tf.tidy(() => {
      for (const v of w) v.assign(tf.abs(v));
    });
    const s = tf.tidy(() => {
      const ones = tf.ones([1, 32, 32, 3]) as tf.Tensor4D;
      const { grads } = tf.variableGrads(() => tf.sum(forwardPath(net, ones, zeros, { training: false })) as tf.Scalar, w);
      // The raw sum (no log is taken): on deep nets it can overflow float32 to Infinity, and such paths tie.
      return tf.addN(w.map((v) => tf.sum(tf.abs(tf.mul(grads[v.name]!, v)))));
    });
    const [value] = await readAndDispose(s);
    return value!;
  } finally {
    w.forEach((v, i) => v.assign(saved[i]!));
    tf.dispose(saved);
  }
}
