import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { OP_IDS } from '../../config/ops';
import { channelStats, normalizeBatch, splitDataset } from '../data/dataset';
import { generateDataset } from '../data/generated';
import { createRng } from '../space/rng';
import { retrainPath } from '../train/retrain';
import { buildSpace } from '../space/space';
import { useWasmBackend } from '../nn/wasmBackend';
import { exportLayersModel, spreadDilated, toLayersModel } from './tfjs';
import { inputs, relativeError, subnetOf } from '../../testing/subnetFixture';

let startTensors = 0;
beforeAll(async () => {
  await useWasmBackend();
  startTensors = tf.memory().numTensors;
});
// Every model, subnet and tensor made below is disposed again.
afterAll(() => expect(tf.memory().numTensors).toBe(startTensors));

// Residual layers 0, 1 and 3; layer 2 widens 8 → 16 with stride 2 (skip is a strided projection there).
const space = buildSpace(
  [...OP_IDS],
  [
    { channels: 8, layers: 2 },
    { channels: 16, layers: 2 },
  ],
);
const opIndex = (op: (typeof OP_IDS)[number]) => OP_IDS.indexOf(op);
const engineSubnet = (path: number[], x: tf.Tensor4D, seed: number) => subnetOf(space, path, x, seed);

describe('TensorFlow.js Layers export', () => {
  let x: tf.Tensor4D;
  beforeAll(() => {
    x = inputs(4, 7);
  });
  afterAll(() => x.dispose());

  const cases: [string, number[]][] = [
    ...OP_IDS.map((op): [string, number[]] => [`${op} in every layer`, [0, 1, 2, 3].map(() => opIndex(op))]),
    ['mixed ops', [opIndex('mb3'), opIndex('dil3'), opIndex('sep5'), opIndex('skip')]],
    ['identity skip between convs', [opIndex('conv3'), opIndex('skip'), opIndex('dil3'), opIndex('sep3')]],
  ];
  it.each(cases)("%s: predict equals the engine's eval-mode logits", async (_, path) => {
    const { logits, weights } = await engineSubnet(
      path,
      x,
      path.reduce((a, k) => a * 7 + k, 1),
    );
    const model = toLayersModel(space, path, weights);
    const y = model.predict(x) as tf.Tensor;
    try {
      expect(y.shape).toEqual([4, 10]);
      expect(await relativeError(y, logits)).toBeLessThan(1e-5);
    } finally {
      tf.dispose([y, logits]);
      model.dispose();
    }
  });

  it('names layers by op and role', async () => {
    const path = [opIndex('mb3'), opIndex('sep5'), opIndex('dil3'), opIndex('skip')];
    const { logits, weights } = await engineSubnet(path, x, 3);
    logits.dispose();
    const model = toLayersModel(space, path, weights);
    const names = model.layers.map((l) => l.name);
    model.dispose();
    expect(names).toEqual(
      expect.arrayContaining([
        'image',
        'stem_conv',
        'stem_bn',
        'layer0_mb3_expand',
        'layer0_mb3_dw_bn',
        'layer0_mb3_project_bn',
        'layer0_add',
        'layer1_sep5_dw',
        'layer1_sep5_pw',
        'layer1_add',
        'layer2_dil3_conv',
        'head_relu',
        'head_pool',
        'logits',
      ]),
    );
    // The strided dil3 has no residual, the identity skip in layer 3 adds no layer at all.
    expect(names.filter((n) => n.startsWith('layer2_add') || n.startsWith('layer3_'))).toEqual([]);
    expect(model.name).toBe('bnnas_subnet_4_3_5_6');
  });

  it('spreads the dilated kernel to 5x5 with zeros between the taps', () => {
    const k = { shape: [3, 3, 1, 2], data: Float32Array.from({ length: 18 }, (_, i) => i + 1) };
    const s = spreadDilated(k);
    expect(s.shape).toEqual([5, 5, 1, 2]);
    const at = (i: number, j: number, o: number) => s.data[(i * 5 + j) * 2 + o];
    expect([at(0, 0, 0), at(0, 0, 1), at(0, 2, 0), at(2, 4, 1), at(4, 4, 1)]).toEqual([1, 2, 3, 12, 18]);
    expect([at(1, 0, 0), at(0, 1, 1), at(3, 3, 0), at(4, 3, 1)]).toEqual([0, 0, 0, 0]);
    expect(Array.from(s.data).filter((v) => v !== 0).length).toBe(18);
  });

  it('rejects weights of another path', async () => {
    const { logits, weights } = await engineSubnet([0, 0, 0, 0], x, 4);
    logits.dispose();
    const before = tf.memory().numTensors;
    expect(() => toLayersModel(space, [0, 1, 0, 0], weights)).toThrow(/layer 1: the path picks conv5, the weights hold conv3/);
    // Same ops, other widths: setWeights refuses the shapes, and the half-filled model is disposed.
    const wider = buildSpace(
      [...OP_IDS],
      [
        { channels: 12, layers: 2 },
        { channels: 16, layers: 2 },
      ],
    );
    expect(() => toLayersModel(wider, [0, 0, 0, 0], weights)).toThrow(/shape/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('round-trips through model.json + weights.bin with identical predictions and the metadata', async () => {
    const path = [opIndex('sep3'), opIndex('mb3'), opIndex('skip'), opIndex('dil3')];
    const { logits, weights } = await engineSubnet(path, x, 5);
    // The snapshot must survive postMessage / IndexedDB.
    const model = toLayersModel(space, path, structuredClone(weights));
    const stats = { mean: [0.49, 0.48, 0.45] as [number, number, number], std: [0.25, 0.24, 0.26] as [number, number, number] };
    const classNames = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9'];
    const { modelJson, weightsBin, weightsFileName } = await exportLayersModel(model, {
      space,
      path,
      stats,
      classNames,
      accuracy: 0.625,
      weightsFileName: 'subnet.weights.bin',
    });
    expect(weightsFileName).toBe('subnet.weights.bin');
    const json = JSON.parse(modelJson) as tf.io.ModelJSON;
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest).toHaveLength(1);
    expect(json.weightsManifest[0]!.paths).toEqual(['./subnet.weights.bin']);
    const specs = json.weightsManifest[0]!.weights;
    expect(weightsBin.byteLength).toBe(specs.reduce((a, w) => a + 4 * w.shape.reduce((p, d) => p * d, 1), 0));
    const meta = {
      path: '2-4-6-5',
      ops: ['sep3', 'mb3', 'skip', 'dil3'],
      mean: stats.mean,
      std: stats.std,
      classNames,
      accuracy: 0.625,
      normalization: expect.stringContaining('RGB / 255, minus mean, divided by std'),
    };
    expect(json.userDefinedMetadata).toEqual(meta);

    // As tf.io.fromMemory hands it over, and as tf.io.http / browserFiles read model.json and the manifest's file.
    const fromMemory = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData: weightsBin }));
    const fromFiles = await tf.loadLayersModel({
      load: () =>
        tf.io.getModelArtifactsForJSON(json, async (manifest) => {
          expect(manifest[0]!.paths).toEqual([`./${weightsFileName}`]);
          return [manifest[0]!.weights, weightsBin];
        }),
    });
    expect(fromFiles.getUserDefinedMetadata()).toEqual(meta);
    const outputs = [model, fromMemory, fromFiles].map((m) => m.predict(x) as tf.Tensor);
    try {
      const [original, a, b] = await Promise.all(outputs.map((t) => t.data()));
      expect(Array.from(a!)).toEqual(Array.from(original!));
      expect(Array.from(b!)).toEqual(Array.from(original!));
      expect(await relativeError(outputs[0]!, logits)).toBeLessThan(1e-5);
    } finally {
      tf.dispose([...outputs, logits]);
      [model, fromMemory, fromFiles].forEach((m) => m.dispose());
    }
  });

  it('retrainPath keepWeights: the exported model scores the retrained accuracy on the val set', async () => {
    const small = buildSpace(
      ['conv3', 'sep3', 'mb3', 'skip'],
      [
        { channels: 8, layers: 2 },
        { channels: 16, layers: 1 },
      ],
    );
    const ds = generateDataset({ count: 320, seed: 11 });
    const split = splitDataset(ds, 256, 64, createRng(11));
    const data = { train: split.train, val: split.val, stats: channelStats(split.train) };
    const path = [2, 0, 1];
    const plain = await retrainPath(small, path, data, { epochs: 1, batch: 64, lr: 0.05 }, createRng(12));
    expect(plain.weights).toBeUndefined();
    const result = await retrainPath(small, path, data, { epochs: 1, batch: 64, lr: 0.05, keepWeights: true }, createRng(12));
    expect(result.accuracy).toBe(plain.accuracy);
    const weights = result.weights!;
    // Trained, not the init: running statistics moved away from 0 / 1.
    expect(weights.layers[0]!.bns[2]!.runningMean.data.some((v) => Math.abs(v) > 1e-3)).toBe(true);
    const model = toLayersModel(small, path, weights);
    const xs = tf.tensor4d(
      normalizeBatch(
        data.val,
        Array.from({ length: data.val.count }, (_, i) => i),
        data.stats,
      ),
      [data.val.count, 32, 32, 3],
    );
    const predicted = tf.tidy(() => tf.argMax(model.predict(xs) as tf.Tensor2D, 1));
    try {
      const labels = Array.from(await predicted.data());
      const correct = labels.reduce((a, p, i) => a + (p === data.val.labels[i] ? 1 : 0), 0);
      expect(correct / data.val.count).toBe(result.accuracy);
    } finally {
      tf.dispose([xs, predicted]);
      model.dispose();
    }
  });
});
