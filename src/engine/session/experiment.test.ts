import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { DEFAULT_CONFIG, mergeConfig, type Config } from '../../config';
import { pathCost } from '../space/cost';
import { generateDataset } from '../data/generated';
import { runExperiment, type ExperimentResult } from './experiment';
import { prepareData } from '../data';
import { spaceOf } from '../space';
import { useWasmBackend } from '../nn/wasmBackend';
import { createRng } from '../space/rng';
import { allVariables, createSupernet, disposeSupernet } from '../nn/supernet';
import { TrainingAborted, TrainingDiverged } from '../train';
import type { TrainData } from '../data';

let config: Config;
let data: TrainData;
let result: ExperimentResult;
let tensorsBefore = 0,
  tensorsAfter = 0;

// A do-nothing onStep for the calls below (trainSupernet steps without one too: train.test.ts, 'hooks').
const noop = () => {};

beforeAll(async () => {
  await useWasmBackend();
  const merged = mergeConfig(DEFAULT_CONFIG, {
    space: 'custom',
    seed: 3,
    n: 64,
    val: 16,
    epochs: 2,
    batch: 16,
    topk: 5,
    bnscope: 'last',
    ops: ['conv3', 'sep3', 'mb3', 'skip'],
    stages: [
      { channels: 4, layers: 2 },
      { channels: 8, layers: 1 },
    ],
  });
  expect(merged.warnings).toEqual([]);
  config = merged.config;
  data = prepareData(generateDataset({ count: 80, seed: 3 }), config).data;
  tensorsBefore = tf.memory().numTensors;
  result = await runExperiment(config, data, { onStep: noop });
  tensorsAfter = tf.memory().numTensors;
});

/** Every path of a layers x ops space, layer 0 most significant (lexicographic order). */
function allPaths(layers: number, ops: number): number[][] {
  const out: number[][] = [[]];
  for (let l = 0; l < layers; l++) {
    const next: number[][] = [];
    for (const p of out) for (let k = 0; k < ops; k++) next.push([...p, k]);
    out.splice(0, out.length, ...next);
  }
  return out;
}

describe('runExperiment on a tiny config', () => {
  it('leaks no tensors', () => {
    expect(tensorsAfter).toBe(tensorsBefore);
  });

  it('one gamma snapshot per epoch; the final gammas are the last, the scores them under the Identity rule', () => {
    expect(result.epochs.length).toBe(2);
    expect(result.scoresByEpoch.length).toBe(2);
    expect(result.gammas).toEqual(result.scoresByEpoch[1]);
    // Identity rule 'skip': the strided skip of layer 2 has a BN (a gamma) but scores 0.
    expect(config.idscore).toBe('skip');
    expect(result.gammas[2]![3]).toBeGreaterThan(0);
    expect(result.scores).toEqual(result.gammas.map((row) => row.map((v, k) => (k === 3 ? 0 : v))));
    for (const m of result.scoresByEpoch) {
      expect(m.length).toBe(3);
      for (const row of m) expect(row.length).toBe(4);
      // identity skip in layers 0 and 1 has no BN → 0; every other op has a positive score
      expect(m[0]![3]).toBe(0);
      expect(m[1]![3]).toBe(0);
      expect(m[2]![3]).toBeGreaterThan(0);
    }
    // training moved the gammas between the two snapshots (they are copies, not one array)
    expect(result.scoresByEpoch[0]).not.toEqual(result.scoresByEpoch[1]);
  });

  it('stability: one entry per epoch, the last (final vs final) is 1', () => {
    expect(result.stability.map((s) => s.epoch)).toEqual([1, 2]);
    expect(result.stability[1]!.kendall).toBe(1);
    for (const s of result.stability) {
      expect(s.kendall).toBeGreaterThanOrEqual(-1);
      expect(s.kendall).toBeLessThanOrEqual(1);
    }
  });

  it('top[0] is the per-layer argmax of the final scores, scoring their sum', () => {
    const argmax = result.scores.map((row) => row.reduce((best, v, k) => (v > row[best]! ? k : best), 0));
    let sum = 0;
    for (let l = 0; l < argmax.length; l++) sum += result.scores[l]![argmax[l]!]!;
    const top = result.search.top;
    expect(top.length).toBe(5);
    expect(top[0]!.path).toBe(argmax.join('-'));
    expect(top[0]!.ops).toEqual(argmax.map((k) => config.ops[k]));
    expect(top[0]!.score).toBe(sum);
    for (let i = 1; i < top.length; i++) expect(top[i]!.score).toBeLessThanOrEqual(top[i - 1]!.score);
  });

  it('top rows match a brute-force ranking of all 64 paths', () => {
    const space = spaceOf(config);
    const ranked = allPaths(3, 4)
      .map((p) => ({ key: p.join('-'), score: p.reduce((a, k, l) => a + result.scores[l]![k]!, 0), cost: pathCost(space, p) }))
      .sort((a, b) => b.score - a.score);
    result.search.top.forEach((row, i) => {
      expect(row.path).toBe(ranked[i]!.key);
      expect(row.flops).toBe(ranked[i]!.cost.flops);
      expect(row.params).toBe(ranked[i]!.cost.params);
    });
  });

  it('constrained search: the exact result is the best path within the auto budget (brute force)', () => {
    const space = spaceOf(config);
    const paths = allPaths(3, 4);
    for (const metric of ['flops', 'params'] as const) {
      const costs = paths.map((p) => pathCost(space, p)[metric]);
      const budget = [...costs].sort((a, b) => a - b)[(costs.length - 1) >> 1]!; // 'auto' = the (lower) median path cost
      const r = result.search[metric];
      expect(r.budget).toBe(budget);
      let best = -1,
        bestScore = -Infinity;
      paths.forEach((p, i) => {
        if (costs[i]! > budget) return;
        const s = p.reduce((a, k, l) => a + result.scores[l]![k]!, 0);
        if (s > bestScore) {
          best = i;
          bestScore = s;
        }
      });
      expect(r.exact).not.toBeNull();
      expect(r.exact!.key).toBe(paths[best]!.join('-'));
      expect(r.exact!.cost).toBe(costs[best]);
      expect(r.exact!.cost).toBeLessThanOrEqual(budget);
      expect(r.exact!.score).toBeCloseTo(bestScore, 12);
      expect(r.evolutionary).not.toBeNull();
      expect(r.evolutionary!.cost).toBeLessThanOrEqual(budget);
      expect(r.evolutionary!.score).toBeLessThanOrEqual(r.exact!.score);
      expect(r.evolutionary!.gap).toBeCloseTo(r.exact!.score - r.evolutionary!.score, 12);
    }
  });

  it('supernet summary: steps, losses and parameter counts', () => {
    const s = result.supernet;
    expect(s.mode).toBe('bn');
    expect(s.epochs).toBe(2);
    expect(s.steps).toBe(8); // 64 images / batch 16 = 4 steps per epoch
    expect(s.finalLoss).toBe(result.epochs[1]!.loss);
    expect(Number.isFinite(s.finalLoss)).toBe(true);
    // bn/last/frozen: every op's last-BN gamma and beta.
    // layers 0, 1: conv3, sep3, mb3 with 4-channel last BNs = 3*2*4 = 24 each (identity skip: 0);
    // layer 2: conv3, sep3, mb3, strided skip with 8 channels = 4*2*8 = 64 → 24 + 24 + 64 = 112
    expect(s.trainableParams).toBe(112);
    // every variable a fresh supernet of this space creates, less the BN running statistics
    const net = createSupernet(spaceOf(config), createRng(0));
    const stats = new Set([net.stem.bn, ...net.choices.flat().flatMap((m) => m.bns)].flatMap((bn) => [bn.runningMean.name, bn.runningVar.name]));
    const params = allVariables(net)
      .filter((v) => !stats.has(v.name))
      .reduce((a, v) => a + v.size, 0);
    disposeSupernet(net);
    expect(s.totalParams).toBe(params);
  });

  it('aborting from onStep rejects with TrainingAborted and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    await expect(
      runExperiment(config, data, {
        signal: controller.signal,
        onStep: (r) => {
          if (r.step === 3) controller.abort();
        },
      }),
    ).rejects.toBeInstanceOf(TrainingAborted);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('runExperiment divergence', () => {
  it("mode 'full' with a huge lr rejects with TrainingDiverged naming lr, and leaks nothing", async () => {
    const before = tf.memory().numTensors;
    // Beyond the schema's limit (10) on purpose: this tiny supernet survives lr 10.
    const error = await runExperiment({ ...config, mode: 'full', lr: 1e30 }, data, { onStep: noop }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TrainingDiverged);
    expect((error as Error).message).toMatch(/^the (loss|BN scores) diverged .*: lower the learning rate \(lr=1e\+30\)$/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("mode 'both': the SPOS stage diverging says so, names sposlr, and leaks nothing (BN-NAS finished first)", async () => {
    const before = tf.memory().numTensors;
    let bnEpochs = 0,
      sposStarted = false;
    const error = await runExperiment({ ...config, mode: 'both', sposx: 1, sposn: 2, sposlr: 1e30 }, data, {
      onStep: noop,
      onEpoch: () => {
        bnEpochs++;
      },
      spos: {
        onStart: () => {
          sposStarted = true;
        },
        onStep: noop,
      },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TrainingDiverged);
    expect((error as Error).message).toMatch(/^the SPOS supernet's (loss|BN scores) diverged .*: lower the learning rate \(sposlr=1e\+30\)$/);
    expect([bnEpochs, sposStarted]).toEqual([config.epochs, true]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
