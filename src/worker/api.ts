/**
 * The engine behind one typed API: the worker exposes this object through
 * comlink; the UI imports only its type. Long calls take a progress callback
 * and are steered by pause / resume / stepEpoch / stop.
 */
import * as tf from '@tensorflow/tfjs';
import { encodeConfig, validateConfig, type Config } from '../config';
import { exportLayersModel, toLayersModel, type SubnetWeights } from '../engine/export/tfjs';
import { parseCifar10 } from '../engine/data/cifar10';
import { generateDataset } from '../engine/data/generated';
import { labelHistogram, subset, type Dataset } from '../engine/data/dataset';
import { prepareData, runExperiment, searchPaths, spaceOf, type SearchResult } from '../engine/experiment';
import { topK } from '../engine/rank';
import { pathCost } from '../engine/cost';
import { parsePathKey, pathKey } from '../engine/path';
import { retrainWithSeeds } from '../engine/retrainSeeds';
import { spreadPaths, type SpreadPath } from '../engine/spread';
import { rankStability } from '../engine/stability';
import { createRng } from '../engine/rng';
import { TrainingAborted, type StepReport } from '../engine/train';
import * as Comlink from 'comlink';
import { selectBackend, type BackendInfo } from './backend';
import { readCifarSource, type ByteProgress } from './loaders';
import { RunControl, throttle, type StartMode } from './control';
import type { DataSpec, DataSummary, ProgressEvent, RetrainOutcome, RetrainProgress, RunResult } from './events';

/** Progress events per second at most (epoch ends and phase changes always go through). */
const EVENTS_PER_SECOND = 10;

let backend: BackendInfo | null = null;
/** The generated set of the last config (rebuilt when its size or seed change) and the user's CIFAR-10, kept apart. */
let generated: { key: string; dataset: Dataset } | null = null;
let cifar: Dataset | null = null;
let control: RunControl | null = null;
/**
 * Trained weights of this session's retrains (seed 0), for the TF.js export,
 * keyed by the run's config and the path. Kept in the worker only: a reload loses them.
 */
const retrainedWeights = new Map<string, { weights: SubnetWeights; accuracy: number }>();
const weightsKey = (config: Config, path: string) => `${encodeConfig(config)}|${path}`;

const SAMPLES_PER_CLASS = 2;

function summarize(ds: Dataset): DataSummary {
  const picked: number[] = [];
  const perClass = new Array<number>(ds.classNames.length).fill(0);
  for (let i = 0; i < ds.count && picked.length < SAMPLES_PER_CLASS * ds.classNames.length; i++) {
    const k = ds.labels[i]!;
    if (perClass[k]! < SAMPLES_PER_CLASS) { perClass[k]!++; picked.push(i); }
  }
  picked.sort((a, b) => ds.labels[a]! - ds.labels[b]! || a - b);
  const sample = subset(ds, picked);
  return {
    source: ds.source, count: ds.count, classNames: ds.classNames, histogram: labelHistogram(ds),
    samples: { images: sample.images, labels: Array.from(sample.labels) },
  };
}

function memory() {
  const m = tf.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes };
}

export const engineApi = {
  /** Selects and probes a backend (idempotent for the same wish). */
  async init(wanted: Config['backend']): Promise<BackendInfo> {
    backend = await selectBackend(wanted);
    return backend;
  },

  /** Loads a dataset into the worker, reporting bytes read; on failure the previous one stays loaded. */
  async loadData(spec: DataSpec, onProgress?: ByteProgress): Promise<DataSummary> {
    const report = throttle((p: { loaded: number; total: number | null }) => onProgress?.(p.loaded, p.total), 1000 / EVENTS_PER_SECOND);
    const next = spec.kind === 'generated'
      ? generateDataset({ count: spec.count, seed: spec.seed })
      : parseCifar10(await readCifarSource(spec.source, (loaded, total) => report({ loaded, total }, loaded === total)));
    if (spec.kind === 'generated') generated = { key: `${spec.count}:${spec.seed}`, dataset: next };
    else cifar = next;
    const summary = summarize(next);
    return Comlink.transfer(summary, [summary.samples.images.buffer as ArrayBuffer]);
  },


  /** Trains the supernet of `rawConfig`, reporting progress; resolves with the final scores and search. */
  async train(rawConfig: Config, onProgress: (e: ProgressEvent) => void, opts: { start?: StartMode } = {}): Promise<RunResult> {
    if (!backend) throw new Error('init() must choose a backend before train()');
    const config = validateConfig(rawConfig).config;
    let dataset: Dataset;
    if (config.data === 'generated') {
      if (generated?.key !== `${config.n + config.val}:${config.seed}`) await engineApi.loadData({ kind: 'generated', count: config.n + config.val, seed: config.seed });
      dataset = generated!.dataset;
    } else if (cifar) {
      dataset = cifar;
    } else {
      throw new Error('this config trains on CIFAR-10: load the .bin files (or cifar-10-binary.tar.gz) in the Data panel first');
    }
    const { data } = prepareData(dataset, config);
    const space = spaceOf(config);
    const send = throttle(onProgress, 1000 / EVENTS_PER_SECOND);
    const scoresByEpoch: number[][][] = [];
    let last: Omit<ProgressEvent, 'phase' | 'memory'> = {
      stage: 'bn', step: 0, totalSteps: 0, epoch: 0, epochs: config.epochs, stepInEpoch: 0, stepsPerEpoch: 0,
      loss: null, accuracy: null, imagesPerSecond: null, etaSeconds: null,
    };
    let busy = 0, lastTick = performance.now(), imagesDone = 0;
    control?.stop();
    const ctl = new RunControl(opts.start ?? 'run', (paused) => {
      lastTick = performance.now();
      onProgress({ ...last, phase: paused ? 'paused' : 'training', memory: memory() });
    });
    control = ctl;
    // One step handler for both supernets (mode 'both'): rates and ETA restart with each stage.
    const onStep = (r: StepReport) => {
      const now = performance.now();
      busy += (now - lastTick) / 1000; lastTick = now;
      imagesDone += Math.min(config.batch, data.train.count);
      const perStep = busy / r.step;
      last = {
        ...last, step: r.step, totalSteps: r.totalSteps, epoch: r.epoch, stepInEpoch: r.stepInEpoch, stepsPerEpoch: r.stepsPerEpoch,
        loss: r.loss, accuracy: r.accuracy, imagesPerSecond: imagesDone / Math.max(busy, 1e-9),
        etaSeconds: perStep * (r.totalSteps - r.step),
      };
      send({ ...last, phase: 'training', memory: memory() });
    };
    try {
      const result = await runExperiment(config, data, {
        signal: ctl.abort.signal,
        gate: ctl.gate,
        onStep,
        onEpoch: async (report) => {
          scoresByEpoch.push(report.scores);
          const taus = rankStability(scoresByEpoch, createRng(config.seed).fork('stability'));
          const top = topK(report.scores, config.topk).map((r) => {
            const cost = pathCost(space, r.path);
            return { path: pathKey(r.path), ops: r.path.map((k) => space.ops[k]!), score: r.score, flops: cost.flops, params: cost.params };
          });
          last = { ...last, epoch: report.epoch };
          send({ ...last, phase: 'training', epochReport: report, stability: taus.map((t, i) => ({ epoch: i + 1, kendallVsLatest: t })), top, memory: memory() }, true);
          ctl.epochEnded();
          lastTick = performance.now();
        },
        spos: {
          onStart: () => {
            busy = 0; imagesDone = 0; lastTick = performance.now();
            last = { ...last, stage: 'spos', step: 0, totalSteps: 0, epoch: 0, epochs: config.epochs * config.sposx, stepInEpoch: 0, loss: null, accuracy: null, imagesPerSecond: null, etaSeconds: null };
            send({ ...last, phase: 'training', memory: memory() }, true);
          },
          onStep: (r) => { if (last.stage !== 'spos') last = { ...last, stage: 'spos', evaluated: undefined }; onStep(r); },
          onEpoch: (report) => {
            const { scores: _scores, ...rest } = report;
            last = { ...last, epoch: report.epoch };
            send({ ...last, phase: 'training', sposEpochReport: rest, memory: memory() }, true);
            ctl.epochEnded();
            lastTick = performance.now();
          },
          onEvaluate: (done, total, epoch) => {
            last = { ...last, stage: 'spos-eval', evaluated: { done, total, epoch } };
            send({ ...last, phase: 'training', memory: memory() }, done === total);
            lastTick = performance.now();
          },
        },
      });
      onProgress({ ...last, phase: 'done', etaSeconds: 0, memory: memory() });
      return { ...result, backend: backend.name };
    } catch (e) {
      onProgress({ ...last, phase: e instanceof TrainingAborted ? 'stopped' : 'error', memory: memory() });
      throw e;
    } finally {
      if (control === ctl) control = null;
    }
  },

  /**
   * Retrains each path from scratch on the last run's data split (all weights,
   * augmentation, cosine LR), once per seed, and scores it with the cheap
   * proxies; reports progress and resolves when the queue is done.
   */
  async retrain(rawConfig: Config, paths: { path: string; score: number }[], settings: { epochs: number; lr: number; seeds?: number }, onProgress: (p: RetrainProgress) => void, onDone: (o: RetrainOutcome) => void): Promise<RetrainOutcome[]> {
    if (!backend) throw new Error('init() must choose a backend before retrain()');
    const config = validateConfig(rawConfig).config;
    const dataset = config.data === 'cifar10' ? cifar : generated?.key === `${config.n + config.val}:${config.seed}` ? generated.dataset : null;
    if (!dataset) throw new Error('retraining uses the data of the last run: press Run first');
    const { data } = prepareData(dataset, config);
    const space = spaceOf(config);
    const seeds = Math.max(1, Math.round(settings.seeds ?? 1));
    const send = throttle(onProgress, 1000 / EVENTS_PER_SECOND);
    control?.stop();
    const ctl = new RunControl('run');
    control = ctl;
    const outcomes: RetrainOutcome[] = [];
    const t0 = performance.now();
    let stepsDone = 0;
    try {
      for (let i = 0; i < paths.length; i++) {
        const { path: key, score } = paths[i]!;
        const path = parsePathKey(key, space.layers.length, space.ops.length);
        if (!path) throw new Error(`path '${key}' does not fit this search space`);
        const result = await retrainWithSeeds(space, path, key, data, { epochs: settings.epochs, batch: config.batch, lr: settings.lr, keepWeights: true }, config.seed, seeds, (seed) => {
          const curve: number[] = [];
          let last: RetrainProgress = { index: i, count: paths.length, path: key, seed, seeds, step: 0, totalSteps: 0, epoch: 0, epochs: settings.epochs, loss: null, curve, etaSeconds: null };
          return {
            signal: ctl.abort.signal,
            gate: ctl.gate,
            onStep: (step, total, loss) => {
              stepsDone++;
              const perStep = (performance.now() - t0) / 1000 / stepsDone;
              const left = total * (paths.length - i) * seeds - total * seed - step;
              last = { ...last, step, totalSteps: total, loss, etaSeconds: perStep * left };
              send(last);
            },
            onEpoch: (e) => { curve.push(e.valAccuracy); last = { ...last, epoch: e.epoch, curve: [...curve] }; send(last, true); },
          };
        });
        if (result.weights) retrainedWeights.set(weightsKey(config, key), { weights: result.weights, accuracy: result.accuracies[0]! });
        const cost = pathCost(space, path);
        const outcome: RetrainOutcome = {
          path: key, ops: path.map((k) => space.ops[k]!), score,
          accuracy: result.accuracy, accuracies: result.accuracies, epochs: settings.epochs, seconds: result.seconds,
          curve: result.curve, flops: cost.flops, params: cost.params, proxies: result.proxies,
        };
        outcomes.push(outcome);
        onDone(outcome);
      }
      return outcomes;
    } finally {
      if (control === ctl) control = null;
    }
  },

  /**
   * A subnet retrained in this session (its seed-0 weights) as a TensorFlow.js
   * Layers model: model.json text and the weights file, for tf.loadLayersModel.
   */
  async exportTfjs(rawConfig: Config, key: string): Promise<{ modelJson: string; weightsBin: ArrayBuffer; weightsFileName: string }> {
    const config = validateConfig(rawConfig).config;
    const kept = retrainedWeights.get(weightsKey(config, key));
    if (!kept) throw new Error(`no trained weights for ${key} in this session: retrain it (weights are kept until the page reloads)`);
    const space = spaceOf(config);
    const path = parsePathKey(key, space.layers.length, space.ops.length)!;
    const dataset = config.data === 'cifar10' ? cifar : generated?.key === `${config.n + config.val}:${config.seed}` ? generated.dataset : null;
    if (!dataset) throw new Error('the data of this run is no longer loaded: run it again');
    const { data } = prepareData(dataset, config);
    const model = toLayersModel(space, path, kept.weights);
    try {
      const out = await exportLayersModel(model, {
        space, path, stats: data.stats, classNames: dataset.classNames, accuracy: kept.accuracy, weightsFileName: `subnet-${key}.weights.bin`,
      });
      return Comlink.transfer(out, [out.weightsBin]);
    } finally {
      model.dispose();
    }
  },

  /** `count` paths spread over the full BN-score ranking: best, evenly spaced ranks, worst. */
  spreadPaths(scores: number[][], count: number): SpreadPath[] {
    return spreadPaths(scores, count);
  },

  pause(): void { control?.pause(); },
  resume(): void { control?.resume(); },
  stepEpoch(): void { control?.stepEpoch(); },
  stop(): void { control?.stop(); },

  /** Re-runs top-k and the budgeted searches on given scores (e.g. after the budget changed). */
  search(rawConfig: Config, scores: number[][]): SearchResult {
    const config = validateConfig(rawConfig).config;
    return searchPaths(spaceOf(config), scores, config);
  },

  memory,
};

export type EngineApi = typeof engineApi;
