/**
 * The engine behind one typed API: the worker exposes this object through
 * comlink; the UI imports only its type. Long calls take a progress callback
 * and are steered by pause / resume / stepEpoch / stop.
 */
import * as tf from '@tensorflow/tfjs';
import { validateConfig, type Config } from '../config';
import { parseCifar10 } from '../engine/data/cifar10';
import { generateDataset } from '../engine/data/generated';
import { labelHistogram, type Dataset } from '../engine/data/dataset';
import { prepareData, runExperiment, searchPaths, spaceOf, type SearchResult } from '../engine/experiment';
import { topK } from '../engine/rank';
import { pathCost } from '../engine/cost';
import { pathKey } from '../engine/path';
import { rankStability } from '../engine/stability';
import { createRng } from '../engine/rng';
import { TrainingAborted } from '../engine/train';
import { selectBackend, type BackendInfo } from './backend';
import { RunControl, throttle, type StartMode } from './control';
import type { DataSpec, DataSummary, ProgressEvent, RunResult } from './events';

/** Progress events per second at most (epoch ends and phase changes always go through). */
const EVENTS_PER_SECOND = 10;

let backend: BackendInfo | null = null;
let dataset: Dataset | null = null;
let datasetKey = '';
let control: RunControl | null = null;

function summarize(ds: Dataset): DataSummary {
  return { source: ds.source, count: ds.count, classNames: ds.classNames, histogram: labelHistogram(ds) };
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

  /** Loads a dataset into the worker; on failure the previous one stays loaded. */
  async loadData(spec: DataSpec): Promise<DataSummary> {
    const next = spec.kind === 'generated'
      ? generateDataset({ count: spec.count, seed: spec.seed })
      : parseCifar10(spec.files);
    dataset = next;
    datasetKey = spec.kind === 'generated' ? `generated:${spec.count}:${spec.seed}` : `cifar10:${spec.files.map((f) => f.name).join(',')}`;
    return summarize(next);
  },

  async dataSummary(): Promise<DataSummary | null> {
    return dataset && summarize(dataset);
  },

  /** Trains the supernet of `rawConfig`, reporting progress; resolves with the final scores and search. */
  async train(rawConfig: Config, onProgress: (e: ProgressEvent) => void, opts: { start?: StartMode } = {}): Promise<RunResult> {
    if (!backend) throw new Error('init() must choose a backend before train()');
    const config = validateConfig(rawConfig).config;
    if (config.data === 'generated') {
      const key = `generated:${config.n + config.val}:${config.seed}`;
      if (datasetKey !== key) await engineApi.loadData({ kind: 'generated', count: config.n + config.val, seed: config.seed });
    } else if (!dataset || !datasetKey.startsWith('cifar10:')) {
      throw new Error('data=cifar10: load CIFAR-10 files first');
    }
    const { data } = prepareData(dataset!, config);
    const space = spaceOf(config);
    const send = throttle(onProgress, 1000 / EVENTS_PER_SECOND);
    const scoresByEpoch: number[][][] = [];
    let last: Omit<ProgressEvent, 'phase' | 'memory'> = {
      step: 0, totalSteps: 0, epoch: 0, epochs: config.epochs, stepInEpoch: 0, stepsPerEpoch: 0,
      loss: null, accuracy: null, imagesPerSecond: null, etaSeconds: null,
    };
    let busy = 0, lastTick = performance.now(), imagesDone = 0;
    control?.stop();
    const ctl = new RunControl(opts.start ?? 'run', (paused) => {
      lastTick = performance.now();
      onProgress({ ...last, phase: paused ? 'paused' : 'training', memory: memory() });
    });
    control = ctl;
    try {
      const result = await runExperiment(config, data, {
        signal: ctl.abort.signal,
        gate: ctl.gate,
        onStep: (r) => {
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
        },
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
export { pathKey };
