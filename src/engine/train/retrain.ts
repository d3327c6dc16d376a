/**
 * Retraining a chosen subnet from scratch: only the path's ops, fresh seeded
 * init, every weight trainable, pad-crop + flip augmentation, SGD momentum
 * 0.9 with weight decay and a cosine LR, then validation accuracy. This is
 * the ground truth the BN score is checked against.
 */
import { augmentBatch, type ChannelStats, type Dataset } from '../data';
import { createOptimizer, createSubnet, disposeSupernet, snapshotWeights, type SubnetWeights, trainableVariables } from '../nn';
import { type Path, pathKey, type Rng, type SearchSpace } from '../space';
import { TrainingDiverged } from './diverged';
import { trainStep } from './step';
import { evaluatePath, TrainingAborted } from './train';

export interface RetrainSettings {
  epochs: number;
  batch: number;
  lr: number;
  weightDecay?: number;
  /** Also return the trained weights (read back before the subnet is disposed), e.g. for a tfjs export. */
  keepWeights?: boolean;
}

export interface RetrainEpoch {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  valAccuracy: number;
  seconds: number;
}

export interface RetrainResult {
  path: number[];
  epochs: RetrainEpoch[];
  accuracy: number;
  seconds: number;
  /** Present when settings.keepWeights: the subnet as trained, the weights `accuracy` was measured with. */
  weights?: SubnetWeights;
}

/** Trains the subnet of `path` from scratch and reports validation accuracy after every epoch. */
export async function retrainPath(
  space: SearchSpace,
  path: Path,
  data: { train: Dataset; val: Dataset; stats: ChannelStats },
  settings: RetrainSettings,
  rng: Rng,
  hooks: { onEpoch?(e: RetrainEpoch): void; onStep?(step: number, total: number, loss: number): void; signal?: AbortSignal; gate?(): Promise<void> } = {},
): Promise<RetrainResult> {
  const net = createSubnet(space, path, rng.fork('init'));
  const zeros = path.map(() => 0);
  const vars = trainableVariables(net, zeros, { mode: 'full', bnscope: 'all', head: 'train' });
  const optimizer = createOptimizer('sgd', settings.lr, { momentum: 0.9, weightDecay: settings.weightDecay ?? 5e-4 });
  optimizer.prepare(vars);
  const dataRng = rng.fork('data'),
    augRng = rng.fork('augment');
  const batch = Math.min(settings.batch, data.train.count);
  const stepsPerEpoch = Math.max(1, Math.floor(data.train.count / batch));
  const total = stepsPerEpoch * settings.epochs;
  const buffer = new Float32Array(batch * 3072);
  const epochs: RetrainEpoch[] = [];
  const t0 = performance.now();
  let step = 0;
  const diverged = (where: string, atStep: number, e: number) =>
    new TrainingDiverged<RetrainEpoch>(`retraining ${pathKey(path)} diverged ${where}: lower the learning rate (rlr=${settings.lr})`, atStep, e + 1, [
      ...epochs,
    ]);
  try {
    for (let e = 0; e < settings.epochs; e++) {
      const te = performance.now();
      const order = dataRng.shuffle(Array.from({ length: data.train.count }, (_, i) => i));
      let lossSum = 0,
        correct = 0,
        seen = 0;
      for (let s = 0; s < stepsPerEpoch; s++) {
        await hooks.gate?.();
        if (hooks.signal?.aborted) throw new TrainingAborted();
        const indices = order.slice(s * batch, (s + 1) * batch);
        optimizer.learningRate = 0.5 * settings.lr * (1 + Math.cos((Math.PI * step) / total));
        const x = augmentBatch(data.train, indices, data.stats, augRng, buffer);
        const labels = indices.map((i) => data.train.labels[i]!);
        const [l, c] = await trainStep(net, zeros, { x, labels }, vars, optimizer, 0);
        if (!Number.isFinite(l)) throw diverged(`at step ${step + 1} (epoch ${e + 1})`, step + 1, e);
        lossSum += l * indices.length;
        correct += c;
        seen += indices.length;
        hooks.onStep?.(++step, total, l);
      }
      const val = await evaluatePath(net, zeros, data.val, data.stats, batch);
      // Weights can overflow while the step losses still read finite: the validation loss then does not.
      if (data.val.count > 0 && !Number.isFinite(val.loss)) throw diverged(`by the end of epoch ${e + 1} (step ${step})`, step, e);
      const report = { epoch: e + 1, loss: lossSum / seen, trainAccuracy: correct / seen, valAccuracy: val.accuracy, seconds: (performance.now() - te) / 1000 };
      epochs.push(report);
      hooks.onEpoch?.(report);
    }
    const seconds = (performance.now() - t0) / 1000;
    const weights = settings.keepWeights ? await snapshotWeights(net) : undefined;
    return {
      path: [...path],
      epochs,
      accuracy: epochs[epochs.length - 1]?.valAccuracy ?? 0,
      seconds,
      ...(weights !== undefined ? { weights } : {}),
    };
  } finally {
    optimizer.dispose();
    disposeSupernet(net);
  }
}
