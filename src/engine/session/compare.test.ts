import { beforeAll, describe, expect, it } from 'vitest';
import { kendallTauB as tauB } from '../../testing/kendallByPairs';
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_CONFIG, mergeConfig, type Config } from '../../config';
import { samplePaths } from '../space/sample';
import { generateDataset } from '../data/generated';
import { runExperiment, type ExperimentResult } from './experiment';
import { prepareData } from '../data';
import { pathScore } from '../space/path';
import { applyIdentityRule } from '../space/identityRule';
import { spaceOf } from '../space/registry';
import { createRng } from '../space/rng';
import type { TrainData } from '../data';
import { useWasmBackend } from '../nn/wasmBackend';

const expectTau = (shown: number, x: number[], y: number[]) => {
  const mine = tauB(x, y);
  if (Number.isNaN(mine)) expect(shown).toBeNaN();
  else expect(shown).toBeCloseTo(mine, 12);
};

let config: Config, data: TrainData;
let both: ExperimentResult, bnOnly: ExperimentResult;
let tensorsBefore = 0,
  tensorsAfter = 0;
const phases: string[] = [];

beforeAll(async () => {
  await useWasmBackend();
  const merged = mergeConfig(DEFAULT_CONFIG, {
    seed: 5,
    n: 64,
    val: 32,
    epochs: 2,
    batch: 16,
    sposx: 2,
    sposn: 6,
    sposlr: 0.05,
    mode: 'both',
    ops: ['conv3', 'sep3', 'skip'],
    stages: [
      { channels: 4, layers: 1 },
      { channels: 8, layers: 1 },
    ],
  });
  expect(merged.warnings).toEqual([]);
  config = merged.config;
  data = prepareData(generateDataset({ count: 96, seed: 5 }), config).data;
  tensorsBefore = tf.memory().numTensors;
  both = await runExperiment(config, data, {
    onEpoch: (e) => {
      phases.push(`bn:${e.epoch}`);
    },
    spos: {
      onStart: () => phases.push('spos'),
      onEpoch: (e) => {
        phases.push(`spos:${e.epoch}`);
      },
      onEvaluate: (done, total, epoch) => {
        if (done === total) phases.push(`eval@${epoch}`);
      },
    },
  });
  tensorsAfter = tf.memory().numTensors;
  bnOnly = await runExperiment({ ...config, mode: 'bn' }, data);
}, 120_000);

describe("mode 'both'", () => {
  it("runs BN-NAS, then SPOS for sposx times the epochs, evaluating at BN-NAS's budget and at the end", () => {
    expect(phases).toEqual(['bn:1', 'bn:2', 'spos', 'spos:1', 'spos:2', 'eval@2', 'spos:3', 'spos:4', 'eval@4']);
    const c = both.comparison!;
    expect(c.bn.epochs).toBe(2);
    expect(c.spos.epochs).toBe(4);
    expect(c.spos.steps).toBe(4 * (64 / 16));
    expect(c.spos.epochReports.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(c.checkpoints.map((k) => k.epoch)).toEqual([2, 4]);
  });

  it('leaves the BN-NAS half exactly as mode bn computes it', () => {
    expect(both.scores).toEqual(bnOnly.scores);
    expect(both.search.top).toEqual(bnOnly.search.top);
    expect(bnOnly.comparison).toBeUndefined();
  });

  it('samples every path when the space has fewer than sposn (3 x 3 = 9 > 6: a distinct sample of 6)', () => {
    const c = both.comparison!;
    expect(c.sample).toHaveLength(6);
    expect(new Set(c.sample.map((s) => s.path)).size).toBe(6);
    expect(samplePaths(2, 2, 10, createRng(1))).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
  });

  it('reports BN scores from the final score matrix and tau/rho of each checkpoint recomputable from the sample', () => {
    const c = both.comparison!;
    for (const s of c.sample) {
      expect(s.bnScore).toBe(pathScore(both.scores, s.path.split('-').map(Number)));
      expect(s.sposAccuracy).toHaveLength(2);
      for (const a of s.sposAccuracy) {
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBeLessThanOrEqual(1);
        expect(Math.round(a * 32)).toBeCloseTo(a * 32, 9);
      }
    }
    const bn = c.sample.map((s) => s.bnScore);
    c.checkpoints.forEach((k, i) =>
      expectTau(
        k.kendall,
        bn,
        c.sample.map((s) => s.sposAccuracy[i]!),
      ),
    );
    const final = c.sample.map((s) => s.sposAccuracy[1]!);
    expectTau(
      c.sposShortVsFinal!,
      c.sample.map((s) => s.sposAccuracy[0]!),
      final,
    );
    // scoresByEpoch holds the gammas: ranked under the config's Identity rule.
    c.bnEpochsVsSpos.forEach((p, e) =>
      expectTau(
        p.kendall,
        c.sample.map((s) => pathScore(applyIdentityRule(both.scoresByEpoch[e]!, spaceOf(config), config.idscore), s.path.split('-').map(Number))),
        final,
      ),
    );
  });

  it('derives every speedup from the measured times', () => {
    const c = both.comparison!;
    expect(c.bn.seconds).toBeGreaterThan(0);
    expect(c.speedup.trainTotal).toBeCloseTo(c.spos.seconds / c.bn.seconds, 9);
    expect(c.speedup.trainPerEpoch).toBeCloseTo(c.spos.seconds / 4 / (c.bn.seconds / 2), 9);
    expect(c.evaluation.sposSecondsPerSubnet).toBeCloseTo(c.checkpoints[1]!.evalSeconds / 6, 9);
    expect(c.speedup.evaluation).toBeCloseTo(c.evaluation.sposSecondsPerSubnet / c.evaluation.bnSecondsPerSubnet, 6);
    // Scoring is a sum of 2 numbers; evaluating is hundreds of forward passes.
    expect(c.speedup.evaluation).toBeGreaterThan(1000);
  });

  it('the same seed gives the same SPOS accuracies', async () => {
    const again = await runExperiment(config, data);
    expect(again.comparison!.sample).toEqual(both.comparison!.sample);
  }, 60_000);

  it('frees every tensor it made', () => {
    expect(tensorsAfter).toBe(tensorsBefore);
  });

  it('refuses to run without validation images', async () => {
    await expect(
      runExperiment({ ...config, val: 0 }, { ...data, val: { ...data.val, count: 0, images: new Uint8Array(0), labels: new Uint8Array(0) } }),
    ).rejects.toThrow(/val above 0/);
  });
});
