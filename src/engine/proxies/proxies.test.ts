import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { useWasmBackend } from '../nn/wasmBackend';
import { generateDataset } from '../data/generated';
import { channelStats } from '../data/dataset';
import { createRng } from '../space/rng';
import { buildSpace } from '../space/space';
import { pathCost } from '../space/cost';
import { logDetPsd, zeroCostProxies } from './proxies';

beforeAll(useWasmBackend);

describe('logDetPsd', () => {
  it('matches hand-worked determinants', () => {
    // [[4, 2], [2, 3]]: det = 12 - 4 = 8
    expect(logDetPsd(Float64Array.from([4, 2, 2, 3]), 2)).toBeCloseTo(Math.log(8), 6);
    // diag(1, 2, 5): det = 10
    expect(logDetPsd(Float64Array.from([1, 0, 0, 0, 2, 0, 0, 0, 5]), 3)).toBeCloseTo(Math.log(10), 6);
    // a singular matrix (two equal rows) has no finite log-det
    expect(logDetPsd(Float64Array.from([1, 1, 1, 1]), 2)).toBeLessThan(-10);
  });
});

describe('zero-cost proxies', () => {
  const space = buildSpace(
    ['conv3', 'sep3', 'mb3', 'skip'],
    [
      { channels: 8, layers: 2 },
      { channels: 16, layers: 1 },
    ],
  );
  const ds = generateDataset({ count: 32, seed: 2 });
  const stats = channelStats(ds);

  it('are finite, deterministic, leave no tensors, and report exact params and FLOPs', async () => {
    const before = tf.memory().numTensors;
    const a = await zeroCostProxies(space, [0, 1, 2], ds, stats, createRng(4), 16);
    const b = await zeroCostProxies(space, [0, 1, 2], ds, stats, createRng(4), 16);
    expect(a).toEqual(b);
    for (const v of Object.values(a)) expect(Number.isFinite(v)).toBe(true);
    expect(a.gradNorm).toBeGreaterThan(0);
    expect(a.snip).toBeGreaterThan(0);
    expect(a.synflow).toBeGreaterThan(0);
    expect(a.params).toBe(pathCost(space, [0, 1, 2]).params);
    expect(a.flops).toBe(pathCost(space, [0, 1, 2]).flops);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('NASWOT is log|det| of a kernel whose diagonal counts every ReLU unit: more units, larger score', async () => {
    const skip = await zeroCostProxies(space, [3, 3, 0], ds, stats, createRng(4), 16);
    const mb = await zeroCostProxies(space, [2, 2, 0], ds, stats, createRng(4), 16);
    // mb3 adds three ReLUs over 3x-expanded maps per layer: far more activation units than an identity skip.
    expect(mb.naswot).toBeGreaterThan(skip.naswot);
  });
});
