/**
 * SPOS's accuracy-based subnet evaluation, the baseline BN-NAS replaces:
 * recalibrate the path's BN running statistics on training batches (the
 * supernet's running stats mix every path), then measure validation accuracy.
 */
import * as tf from '@tensorflow/tfjs';
import { type BatchNorm, type BatchStats, disposeStats, forwardPath, type Supernet } from '../nn';
import { normalizeBatch, type ChannelStats, type Dataset } from '../data';
import { evaluatePath } from './train';
import type { Path } from '../space';

/** BNs a forward pass of `path` goes through (stem, every op's BNs, the head conv's where there is one). */
export function pathBatchNorms(net: Supernet, path: Path): BatchNorm[] {
  return [net.stem.bn, ...path.flatMap((k, l) => net.choices[l]![k]!.bns), ...(net.headConv === null ? [] : [net.headConv.bn])];
}

/**
 * Sets the path's BN running statistics to the exact average of the batch
 * statistics over `batches` training batches (train-mode forwards, no update of any parameter).
 */
export async function recalibrateBatchNorm(net: Supernet, path: Path, ds: Dataset, stats: ChannelStats, batch: number, batches: number): Promise<void> {
  const bns = pathBatchNorms(net, path);
  const sums = new Map<BatchNorm, { mean: tf.Tensor; variance: tf.Tensor }>();
  const n = Math.min(batches, Math.max(1, Math.floor(ds.count / batch)));
  const size = Math.min(batch, ds.count);
  const buffer = new Float32Array(size * 3072);
  try {
    for (let b = 0; b < n; b++) {
      const indices = Array.from({ length: size }, (_, i) => (b * size + i) % ds.count);
      const x = normalizeBatch(ds, indices, stats, buffer);
      const collected: BatchStats[] = [];
      tf.tidy(() => {
        forwardPath(net, tf.tensor4d(x, [size, 32, 32, 3]), path, { training: true, stats: collected });
      });
      for (const s of collected) {
        const unbiased = tf.tidy(() => s.variance.mul(s.count / Math.max(s.count - 1, 1)));
        const prev = sums.get(s.bn);
        if (!prev) sums.set(s.bn, { mean: tf.clone(s.mean), variance: unbiased });
        else {
          sums.set(s.bn, { mean: tf.add(prev.mean, s.mean), variance: tf.add(prev.variance, unbiased) });
          tf.dispose([prev.mean, prev.variance, unbiased]);
        }
      }
      disposeStats(collected);
    }
    tf.tidy(() => {
      for (const bn of bns) {
        const s = sums.get(bn);
        if (!s) continue;
        bn.runningMean.assign(s.mean.div(n));
        bn.runningVar.assign(s.variance.div(n));
      }
    });
  } finally {
    for (const s of sums.values()) tf.dispose([s.mean, s.variance]);
  }
}

/** SPOS evaluation of one path: BN recalibration on training batches, then validation accuracy. */
export async function sposEvaluate(
  net: Supernet,
  path: Path,
  train: Dataset,
  val: Dataset,
  stats: ChannelStats,
  opts: { batch?: number; calibrationBatches?: number } = {},
): Promise<{ accuracy: number; loss: number }> {
  const batch = opts.batch ?? 64;
  await recalibrateBatchNorm(net, path, train, stats, batch, opts.calibrationBatches ?? 10);
  return evaluatePath(net, path, val, stats, batch);
}
