/** One forward/backward/update, shared by supernet training (SPOS) and retraining. */
import * as tf from '@tensorflow/tfjs';
import { type BatchStats, clipByGlobalNorm, disposeStats, forwardPath, type Optimizer, type Supernet, updateRunningStats } from '../nn';
import type { Path } from '../space';

export interface StepBatch {
  /** Normalised (or augmented) images, NHWC, `count` × 32 × 32 × 3. */
  x: Float32Array;
  labels: readonly number[];
}

/**
 * Trains `vars` of `net` on one batch through `path` (the gradient clipped to a global L2 norm `clipNorm` when > 0);
 * returns [mean loss, correct count].
 * BN running statistics update after the step. Disposes everything it makes, also on failure.
 */
export async function trainStep(
  net: Supernet,
  path: Path,
  batch: StepBatch,
  vars: tf.Variable[],
  optimizer: Optimizer,
  labelSmoothing: number,
  clipNorm = 0,
): Promise<[number, number]> {
  const n = batch.labels.length;
  const bnStats: BatchStats[] = [];
  const kept: { correct?: tf.Tensor; loss?: tf.Tensor } = {};
  try {
    kept.loss = tf.tidy(() => {
      const xs = tf.tensor4d(batch.x, [n, 32, 32, 3]);
      const labels = tf.tensor1d(batch.labels as number[], 'int32');
      const onehot = tf.oneHot(labels, net.space.numClasses);
      const { value, grads } = tf.variableGrads(() => {
        const logits = forwardPath(net, xs, path, { training: true, stats: bnStats });
        kept.correct = tf.keep(tf.sum(tf.equal(tf.argMax(logits, 1), labels).toInt()));
        return tf.losses.softmaxCrossEntropy(onehot, logits, undefined, labelSmoothing) as tf.Scalar;
      }, vars);
      optimizer.apply(vars, clipNorm > 0 ? clipByGlobalNorm(grads, clipNorm) : grads);
      return value;
    });
    updateRunningStats(bnStats);
    const [l, c] = await Promise.all([kept.loss.data(), kept.correct!.data()]);
    return [l[0]!, c[0]!];
  } finally {
    disposeStats(bnStats);
    tf.dispose([kept.loss, kept.correct].filter((t): t is tf.Tensor => t !== undefined));
  }
}
