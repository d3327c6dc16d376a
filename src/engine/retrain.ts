/**
 * Retraining a chosen subnet from scratch: only the path's ops, fresh seeded
 * init, every weight trainable, pad-crop + flip augmentation, SGD momentum
 * 0.9 with weight decay and a cosine LR, then validation accuracy. This is
 * the ground truth the BN score is checked against.
 */
import * as tf from '@tensorflow/tfjs';
import { disposeStats, updateRunningStats, type BatchStats } from './batchnorm';
import { augmentBatch, type ChannelStats, type Dataset } from './data/dataset';
import { heNormal, ownedVariable } from './init';
import { createBatchNorm } from './batchnorm';
import { createOp } from './ops';
import { createOptimizer } from './optimizer';
import type { Path } from './path';
import type { Rng } from './rng';
import { headChannels, type SearchSpace } from './space';
import { disposeSupernet, forwardPath, trainableVariables, type Supernet } from './supernet';
import { evaluatePath, TrainingAborted } from './train';
import { snapshotWeights, type SubnetWeights } from './export/tfjs';

export interface RetrainSettings {
  epochs: number; batch: number; lr: number; weightDecay?: number;
  /** Also return the trained weights (read back before the subnet is disposed), e.g. for a tfjs export. */
  keepWeights?: boolean;
}

export interface RetrainEpoch { epoch: number; loss: number; trainAccuracy: number; valAccuracy: number; seconds: number }

export interface RetrainResult {
  path: number[]; epochs: RetrainEpoch[]; accuracy: number; seconds: number;
  /** Present when settings.keepWeights: the subnet as trained, the weights `accuracy` was measured with. */
  weights?: SubnetWeights;
}

/** A network holding only the path's ops (choices[l] = [that op]), so forwardPath runs it with an all-zero path. */
export function createSubnet(space: SearchSpace, path: Path, rng: Rng): Supernet {
  const stem = { kernel: heNormal([3, 3, space.inputChannels, space.stemChannels], 9 * space.inputChannels, rng), bn: createBatchNorm(space.stemChannels) };
  const choices = space.layers.map((layer, l) => [createOp(space.ops[path[l]!]!, layer, rng)]);
  const c = headChannels(space);
  const head = { weight: heNormal([c, space.numClasses], c, rng), bias: ownedVariable(tf.zeros([space.numClasses]), true) };
  return { space, stem, choices, head };
}

/** Trains the subnet of `path` from scratch and reports validation accuracy after every epoch. */
export async function retrainPath(
  space: SearchSpace, path: Path, data: { train: Dataset; val: Dataset; stats: ChannelStats }, settings: RetrainSettings, rng: Rng,
  hooks: { onEpoch?(e: RetrainEpoch): void; onStep?(step: number, total: number, loss: number): void; signal?: AbortSignal; gate?(): Promise<void> } = {},
): Promise<RetrainResult> {
  const net = createSubnet(space, path, rng.fork('init'));
  const zeros = path.map(() => 0);
  const vars = trainableVariables(net, zeros, { mode: 'full', bnscope: 'all', head: 'train' });
  const optimizer = createOptimizer('sgd', settings.lr, { momentum: 0.9, weightDecay: settings.weightDecay ?? 5e-4 });
  optimizer.prepare(vars);
  const dataRng = rng.fork('data'), augRng = rng.fork('augment');
  const batch = Math.min(settings.batch, data.train.count);
  const stepsPerEpoch = Math.max(1, Math.floor(data.train.count / batch));
  const total = stepsPerEpoch * settings.epochs;
  const buffer = new Float32Array(batch * 3072);
  const epochs: RetrainEpoch[] = [];
  const t0 = performance.now();
  let step = 0;
  try {
    for (let e = 0; e < settings.epochs; e++) {
      const te = performance.now();
      const order = dataRng.shuffle(Array.from({ length: data.train.count }, (_, i) => i));
      let lossSum = 0, correct = 0, seen = 0;
      for (let s = 0; s < stepsPerEpoch; s++) {
        await hooks.gate?.();
        if (hooks.signal?.aborted) throw new TrainingAborted();
        const indices = order.slice(s * batch, (s + 1) * batch);
        optimizer.learningRate = 0.5 * settings.lr * (1 + Math.cos((Math.PI * step) / total));
        const x = augmentBatch(data.train, indices, data.stats, augRng, buffer);
        const stats: BatchStats[] = [];
        const kept: { correct?: tf.Tensor } = {};
        const loss = tf.tidy(() => {
          const labels = tf.tensor1d(indices.map((i) => data.train.labels[i]!), 'int32');
          const { value, grads } = tf.variableGrads(() => {
            const logits = forwardPath(net, tf.tensor4d(x, [indices.length, 32, 32, 3]), zeros, { training: true, stats });
            kept.correct = tf.keep(tf.sum(tf.equal(tf.argMax(logits, 1), labels).toInt()));
            return tf.losses.softmaxCrossEntropy(tf.oneHot(labels, space.numClasses), logits) as tf.Scalar;
          }, vars);
          optimizer.apply(vars, grads);
          return value;
        });
        try {
          updateRunningStats(stats);
          const [l, c] = await Promise.all([loss.data(), kept.correct!.data()]);
          lossSum += l[0]! * indices.length; correct += c[0]!; seen += indices.length;
          hooks.onStep?.(++step, total, l[0]!);
        } finally {
          disposeStats(stats);
          tf.dispose([loss, kept.correct].filter((t): t is tf.Tensor => t !== undefined));
        }
      }
      const val = await evaluatePath(net, zeros, data.val, data.stats, batch);
      const report = { epoch: e + 1, loss: lossSum / seen, trainAccuracy: correct / seen, valAccuracy: val.accuracy, seconds: (performance.now() - te) / 1000 };
      epochs.push(report);
      hooks.onEpoch?.(report);
    }
    const seconds = (performance.now() - t0) / 1000;
    const weights = settings.keepWeights ? await snapshotWeights(net) : undefined;
    return {
      path: [...path], epochs, accuracy: epochs[epochs.length - 1]?.valAccuracy ?? 0, seconds,
      ...(weights !== undefined ? { weights } : {}),
    };
  } finally {
    optimizer.dispose();
    disposeSupernet(net);
  }
}

