/** The TF.js Layers export of the NAS-Bench-Macro space: the stem ReLU, the head conv, the MB blocks and the strided Identity. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { buildNbMacroSpace } from '../space/nbmacro';
import { useWasmBackend } from '../nn/wasmBackend';
import { toLayersModel } from './tfjs';
import { inputs, relativeError, subnetOf } from '../../testing/subnetFixture';

let startTensors = 0;
beforeAll(async () => {
  await useWasmBackend();
  startTensors = tf.memory().numTensors;
});
// Every model, subnet and tensor made below is disposed again.
afterAll(() => expect(tf.memory().numTensors).toBe(startTensors));

describe('TensorFlow.js Layers export of the nbmacro space', () => {
  // Width 0.25: stem 8 (with ReLU), layers 8→16 s2, 16, 16→32 s2, 32, 32, 32→64 s2, 64, 64, head conv 64→320.
  const nb = buildNbMacroSpace(0.25);
  let x: tf.Tensor4D;
  beforeAll(() => {
    x = inputs(3, 8);
  });
  afterAll(() => x.dispose());

  const cases: [string, number[]][] = [
    ['Identity everywhere', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['MB3_K3 everywhere', [1, 1, 1, 1, 1, 1, 1, 1]],
    ['MB6_K5 everywhere', [2, 2, 2, 2, 2, 2, 2, 2]],
    ['mixed', [2, 0, 1, 2, 0, 0, 1, 2]],
  ];
  it.each(cases)("%s: predict equals the engine's eval-mode logits", async (_, path) => {
    const { logits, weights } = await subnetOf(
      nb,
      path,
      x,
      path.reduce((a, k) => a * 3 + k, 2),
    );
    expect(weights.headConv!.kernel.shape).toEqual([1, 1, 64, 320]);
    const model = toLayersModel(nb, path, weights);
    const y = model.predict(x) as tf.Tensor;
    try {
      expect(y.shape).toEqual([3, 10]);
      expect(await relativeError(y, logits)).toBeLessThan(1e-5);
    } finally {
      tf.dispose([y, logits]);
      model.dispose();
    }
  });

  it('has the stem ReLU and the head conv; MB blocks start without a ReLU; strided Identity is conv + BN only', async () => {
    const path = [0, 1, 2, 0, 0, 0, 0, 0];
    const { logits, weights } = await subnetOf(nb, path, x, 9);
    logits.dispose();
    const model = toLayersModel(nb, path, weights);
    const names = model.layers.map((l) => l.name);
    model.dispose();
    expect(names).toEqual(
      expect.arrayContaining([
        'stem_conv',
        'stem_bn',
        'stem_relu',
        'layer0_id_conv',
        'layer0_id_bn',
        'layer1_mb3k3_expand',
        'layer1_mb3k3_dw_relu',
        'layer1_mb3k3_project_relu',
        'layer1_add',
        'layer2_mb6k5_dw',
        'head_conv',
        'head_conv_bn',
        'head_relu',
        'head_pool',
        'logits',
      ]),
    );
    expect(names.filter((n) => /expand_relu|layer0_id_relu|layer2_add|^layer[3467]_/.test(n))).toEqual([]);
  });

  it('refuses weights without the head conv the space has', async () => {
    const path = [0, 0, 0, 0, 0, 0, 0, 0];
    const { logits, weights } = await subnetOf(nb, path, x, 10);
    logits.dispose();
    const before = tf.memory().numTensors;
    expect(() => toLayersModel(nb, path, { ...weights, headConv: null })).toThrow(/320-channel head conv, the weights hold none/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
