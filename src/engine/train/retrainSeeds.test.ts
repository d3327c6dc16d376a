import { beforeAll, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { channelStats, splitDataset } from '../data/dataset';
import { generateDataset } from '../data/generated';
import { retrainPath } from './retrain';
import { retrainRng, retrainWithSeeds } from './retrainSeeds';
import { createRng } from '../space/rng';
import { buildSpace } from '../space/space';
import { useWasmBackend } from '../nn/wasmBackend';

beforeAll(useWasmBackend);

it('retrains once per seed: seed 0 is the single-seed retrain, accuracy and curve are the means, only seed 0 keeps weights', async () => {
  const space = buildSpace(
    ['conv3', 'sep3'],
    [
      { channels: 4, layers: 1 },
      { channels: 8, layers: 1 },
    ],
  );
  const split = splitDataset(generateDataset({ count: 96, seed: 2 }), 64, 32, createRng(2));
  const data = { train: split.train, val: split.val, stats: channelStats(split.train) };
  const settings = { epochs: 2, batch: 32, lr: 0.05 };
  const before = tf.memory().numTensors;
  const two = await retrainWithSeeds(space, [0, 1], '0-1', data, { ...settings, keepWeights: true }, 7, 2);
  const single = await retrainPath(space, [0, 1], data, { ...settings, keepWeights: true }, retrainRng(7, '0-1', 0));
  const second = await retrainPath(space, [0, 1], data, settings, retrainRng(7, '0-1', 1));
  expect(two.accuracies).toEqual([single.accuracy, second.accuracy]);
  expect(two.accuracy).toBeCloseTo((single.accuracy + second.accuracy) / 2, 12);
  expect(two.curve).toEqual(single.epochs.map((e, i) => (e.valAccuracy + second.epochs[i]!.valAccuracy) / 2));
  // The kept weights are seed 0's, the ones its accuracy was measured with: the single-seed retrain's, value for value.
  expect(single.weights).toBeDefined();
  expect(two.weights).toEqual(single.weights);
  expect(Object.keys(two.proxies).sort()).toEqual(['flops', 'gradNorm', 'naswot', 'params', 'snip', 'synflow']);
  expect(tf.memory().numTensors).toBe(before);
}, 60_000);
