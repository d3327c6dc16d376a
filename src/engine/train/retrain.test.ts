import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { useWasmBackend } from '../nn/wasmBackend';
import { generateDataset } from '../data/generated';
import { channelStats, splitDataset } from '../data/dataset';
import { createRng } from '../space/rng';
import { buildSpace } from '../space/space';
import { pathCost } from '../space/cost';
import { countElements, createSubnet } from '../nn/supernet';
import { retrainPath } from './retrain';
import { opVariables } from '../nn/ops';
import { batchNormVariables } from '../nn/batchnorm';

beforeAll(useWasmBackend);

describe('retraining a subnet from scratch', () => {
  const space = buildSpace(
    ['conv3', 'sep3', 'skip'],
    [
      { channels: 8, layers: 1 },
      { channels: 16, layers: 1 },
      { channels: 32, layers: 1 },
    ],
  );

  it("holds only the path's ops, whose parameters match the exact count", () => {
    const path = [0, 1, 2];
    const net = createSubnet(space, path, createRng(1));
    const params = countElements([
      net.stem.kernel,
      net.stem.bn.gamma,
      net.stem.bn.beta,
      ...net.choices.flat().flatMap((m) => opVariables(m).filter((v) => !m.bns.some((bn) => batchNormVariables(bn).slice(2).includes(v)))),
      net.head.weight,
      net.head.bias,
    ]);
    expect(net.choices.map((c) => c.length)).toEqual([1, 1, 1]);
    expect(params).toBe(pathCost(space, path).params);
    tf.dispose([net.stem.kernel, ...net.choices.flat().flatMap(opVariables), ...batchNormVariables(net.stem.bn), net.head.weight, net.head.bias]);
  });

  it('learns the generated data above chance and leaks no tensors', async () => {
    const ds = generateDataset({ count: 1280, seed: 3 });
    const split = splitDataset(ds, 1024, 256, createRng(3));
    const data = { train: split.train, val: split.val, stats: channelStats(split.train) };
    const before = tf.memory().numTensors;
    const seen: number[] = [];
    const result = await retrainPath(space, [0, 0, 0], data, { epochs: 8, batch: 32, lr: 0.1 }, createRng(5), { onEpoch: (e) => seen.push(e.epoch) });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(result.epochs[7]!.loss).toBeLessThan(result.epochs[0]!.loss);
    // Chance is 10%; a few epochs of a tiny conv net reach well above it on this data.
    expect(result.accuracy).toBeGreaterThan(0.18);
    expect(tf.memory().numTensors).toBe(before);
  });
});
