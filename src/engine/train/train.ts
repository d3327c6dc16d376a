/**
 * SPOS supernet training: every step samples one path uniformly and updates
 * only that path's trainable variables (BN-only or full, see TrainScope).
 * SGD momentum 0.9 (or Adam), LR decaying linearly to 0, label smoothing 0.1.
 */
import * as tf from '@tensorflow/tfjs';
import { augmentBatch, type ChannelStats, type Dataset, normalizeBatch, type TrainData } from '../data';
import { createOptimizer, forwardPath, type Optimizer, type OptimizerKind, scoreMatrix, type Supernet, trainableVariables, type TrainScope } from '../nn';
import { type Path, type Rng, samplePath } from '../space';
import { allFinite, TrainingDiverged } from './diverged';
import { trainStep } from './step';

export interface TrainSettings {
  epochs: number;
  batch: number;
  lr: number;
  opt: OptimizerKind;
  scope: TrainScope;
  labelSmoothing?: number;
  /** L2 weight decay on the trained parameters (default 0). */
  weightDecay?: number;
  /** Pad-crop + flip the training images (default false). */
  augment?: boolean;
  /** Clip each step's gradient to this global L2 norm; 0 or absent = off. */
  clipNorm?: number;
  /** Fixed random paths whose validation accuracy is averaged each epoch. */
  evalPaths?: number;
  /** Who trains and the config key of `lr`, for a divergence message (default 'the', 'lr'; the SPOS stage: "the SPOS supernet's", 'sposlr'). */
  who?: string;
  lrKey?: string;
}

export type { TrainData };

export interface StepReport {
  epoch: number;
  stepInEpoch: number;
  stepsPerEpoch: number;
  step: number;
  totalSteps: number;
  loss: number;
  accuracy: number;
  lr: number;
  path: number[];
}

export interface EpochReport {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  /** Mean eval-mode accuracy of the fixed evaluation paths on the validation set; null without one. */
  valAccuracy: number | null;
  scores: number[][];
  seconds: number;
  imagesPerSecond: number;
}

export interface TrainHooks {
  onStep?(report: StepReport): void;
  onEpoch?(report: EpochReport): void | Promise<void>;
  signal?: AbortSignal;
  /** Awaited before every step: the worker's pause holds here. */
  gate?(): Promise<void>;
}

export class TrainingAborted extends Error {
  constructor() {
    super('training stopped');
    this.name = 'TrainingAborted';
  }
}

/** Steps through epochs of SPOS training; holds the optimizer state and the data order. */
export class SupernetTrainer {
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  readonly batch: number;
  readonly evalPaths: number[][];
  epoch = 0;
  step = 0;
  /** Reports of the epochs closed so far (all finite: a non-finite one throws TrainingDiverged). */
  readonly finished: EpochReport[] = [];
  private readonly optimizer: Optimizer;
  private readonly dataRng: Rng;
  private readonly pathRng: Rng;
  private readonly augRng: Rng;
  private order: number[] = [];
  private readonly buffer: Float32Array;
  private epochLoss = 0;
  private epochCorrect = 0;
  private epochSeen = 0;
  private epochStart = 0;
  private busySeconds = 0;

  constructor(
    readonly net: Supernet,
    readonly data: TrainData,
    readonly settings: TrainSettings,
    rng: Rng,
  ) {
    this.batch = Math.min(settings.batch, data.train.count);
    this.stepsPerEpoch = Math.max(1, Math.floor(data.train.count / this.batch));
    this.totalSteps = this.stepsPerEpoch * settings.epochs;
    this.optimizer = createOptimizer(settings.opt, settings.lr, { weightDecay: settings.weightDecay ?? 0 });
    const K = net.space.ops.length;
    for (let k = 0; k < K; k++)
      this.optimizer.prepare(
        trainableVariables(
          net,
          net.space.layers.map(() => k),
          settings.scope,
        ),
      );
    this.dataRng = rng.fork('data-order');
    this.pathRng = rng.fork('paths');
    this.augRng = rng.fork('augment');
    const evalRng = rng.fork('eval-paths');
    const L = net.space.layers.length;
    this.evalPaths = Array.from({ length: settings.evalPaths ?? 3 }, () => samplePath(L, K, evalRng));
    this.buffer = new Float32Array(this.batch * 32 * 32 * 3);
  }

  get done(): boolean {
    return this.step >= this.totalSteps;
  }

  /** One SPOS step on the next batch. */
  async runStep(): Promise<StepReport> {
    if (this.done) throw new Error('training already finished');
    const inEpoch = this.step % this.stepsPerEpoch;
    if (inEpoch === 0) this.beginEpoch();
    const t0 = performance.now();
    const indices = this.order.slice(inEpoch * this.batch, (inEpoch + 1) * this.batch);
    const path = samplePath(this.net.space.layers.length, this.net.space.ops.length, this.pathRng);
    const lr = this.settings.lr * (1 - this.step / this.totalSteps);
    this.optimizer.learningRate = lr;
    const out = this.buffer.subarray(0, indices.length * 3072);
    const x = this.settings.augment
      ? augmentBatch(this.data.train, indices, this.data.stats, this.augRng, out)
      : normalizeBatch(this.data.train, indices, this.data.stats, out);
    const vars = trainableVariables(this.net, path, this.settings.scope);
    const labels = indices.map((i) => this.data.train.labels[i]!);
    const [loss, correct] = await trainStep(
      this.net,
      path,
      { x, labels },
      vars,
      this.optimizer,
      this.settings.labelSmoothing ?? 0.1,
      this.settings.clipNorm ?? 0,
    );
    if (!Number.isFinite(loss)) throw this.diverged(`loss diverged at step ${this.step + 1} (epoch ${this.epoch + 1})`, this.step + 1);
    this.busySeconds += (performance.now() - t0) / 1000;
    this.epochLoss += loss * indices.length;
    this.epochCorrect += correct;
    this.epochSeen += indices.length;
    const report: StepReport = {
      epoch: this.epoch,
      stepInEpoch: inEpoch + 1,
      stepsPerEpoch: this.stepsPerEpoch,
      step: this.step + 1,
      totalSteps: this.totalSteps,
      loss,
      accuracy: correct / indices.length,
      lr,
      path,
    };
    this.step++;
    return report;
  }

  /** Closes the current epoch: validation accuracy, score snapshot, timing. */
  async endEpoch(): Promise<EpochReport> {
    const t0 = performance.now();
    const valAccuracy =
      this.data.val.count === 0
        ? null
        : (await Promise.all(this.evalPaths.map((p) => evaluatePath(this.net, p, this.data.val, this.data.stats, this.batch)))).reduce(
            (a, r) => a + r.accuracy,
            0,
          ) / this.evalPaths.length;
    const scores = await scoreMatrix(this.net);
    const seconds = (performance.now() - this.epochStart) / 1000;
    this.busySeconds += (performance.now() - t0) / 1000;
    const report: EpochReport = {
      epoch: this.epoch + 1,
      loss: this.epochLoss / Math.max(this.epochSeen, 1),
      trainAccuracy: this.epochCorrect / Math.max(this.epochSeen, 1),
      valAccuracy,
      scores,
      seconds,
      imagesPerSecond: this.epochSeen / Math.max(seconds, 1e-9),
    };
    if (!allFinite(scores) || !Number.isFinite(report.loss)) {
      throw this.diverged(`BN scores diverged by the end of epoch ${this.epoch + 1} (step ${this.step})`, this.step);
    }
    this.finished.push(report);
    this.epoch++;
    this.epochSeen = 0;
    return report;
  }

  /** Seconds spent computing (steps and epoch ends), excluding pauses. */
  get computeSeconds(): number {
    return this.busySeconds;
  }

  dispose(): void {
    this.optimizer.dispose();
  }

  private diverged(what: string, step: number): TrainingDiverged {
    const { who = 'the', lrKey = 'lr', lr } = this.settings;
    return new TrainingDiverged(`${who} ${what}: lower the learning rate (${lrKey}=${lr})`, step, this.epoch + 1, [...this.finished]);
  }

  private beginEpoch(): void {
    this.order = this.dataRng.shuffle(Array.from({ length: this.data.train.count }, (_, i) => i));
    this.epochLoss = 0;
    this.epochCorrect = 0;
    this.epochSeen = 0;
    this.epochStart = performance.now();
  }
}

/** Eval-mode (running statistics) accuracy and mean loss of one path over a dataset. */
export async function evaluatePath(net: Supernet, path: Path, ds: Dataset, stats: ChannelStats, batch: number): Promise<{ accuracy: number; loss: number }> {
  let correct = 0,
    lossSum = 0;
  const buffer = new Float32Array(batch * 3072);
  for (let start = 0; start < ds.count; start += batch) {
    const n = Math.min(batch, ds.count - start);
    const indices = Array.from({ length: n }, (_, i) => start + i);
    const x = normalizeBatch(ds, indices, stats, buffer.subarray(0, n * 3072));
    const [c, l] = tf.tidy(() => {
      const logits = forwardPath(net, tf.tensor4d(x, [n, 32, 32, 3]), path, { training: false });
      const labels = tf.tensor1d(
        Array.from(indices, (i) => ds.labels[i]!),
        'int32',
      );
      const ce = tf.losses.softmaxCrossEntropy(tf.oneHot(labels, net.space.numClasses), logits, undefined, 0, tf.Reduction.SUM);
      return [tf.sum(tf.equal(tf.argMax(logits, 1), labels).toInt()), ce];
    });
    const [cd, ld] = await Promise.all([c.data(), l.data()]);
    correct += cd[0]!;
    lossSum += ld[0]!;
    tf.dispose([c, l]);
  }
  return { accuracy: correct / Math.max(ds.count, 1), loss: lossSum / Math.max(ds.count, 1) };
}

export interface TrainResult {
  epochs: EpochReport[];
  steps: number;
  seconds: number;
  imagesPerSecond: number;
}

/** Trains to the end (or until aborted), reporting steps and epochs through hooks. */
export async function trainSupernet(trainer: SupernetTrainer, hooks: TrainHooks = {}): Promise<TrainResult> {
  const epochs: EpochReport[] = [];
  while (!trainer.done) {
    if (hooks.signal?.aborted) throw new TrainingAborted();
    await hooks.gate?.();
    if (hooks.signal?.aborted) throw new TrainingAborted();
    const report = await trainer.runStep();
    hooks.onStep?.(report);
    if (trainer.step % trainer.stepsPerEpoch === 0) {
      const report = await trainer.endEpoch();
      epochs.push(report);
      await hooks.onEpoch?.(report);
    }
  }
  const seconds = trainer.computeSeconds;
  return { epochs, steps: trainer.step, seconds, imagesPerSecond: (trainer.step * trainer.batch) / Math.max(seconds, 1e-9) };
}
