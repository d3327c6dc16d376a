import { describe, it, expect, beforeAll, afterEach } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { BN_EPSILON, type BatchStats } from './batchnorm';
import { useWasmBackend } from './wasmBackend';
import { createRng } from '../space/rng';
import { buildNbMacroSpace } from '../space/nbmacro';
import { pathCost } from '../space/cost';
import { generateDataset } from '../data/generated';
import { prepareData } from '../data/prepare';
import { SupernetTrainer } from '../train/train';
import {
  allVariables,
  countElements,
  createSubnet,
  createSupernet,
  disposeSupernet,
  forwardPath,
  scoreMatrix,
  trainableVariables,
  type Supernet,
  type TrainScope,
} from './supernet';

// Width 0.25: stem 8; layers 8→16 s2, 16, 16→32 s2, 32, 32, 32→64 s2, 64, 64; head conv 64→320.
const space = buildNbMacroSpace(0.25);
const ID = 0,
  MB3K3 = 1,
  MB6K5 = 2;

let nets: Supernet[] = [];
function track(net: Supernet): Supernet {
  nets.push(net);
  return net;
}

beforeAll(useWasmBackend);
afterEach(() => {
  for (const n of nets) disposeSupernet(n);
  nets = [];
});

/** Trainable elements (kernels, gamma, beta, classifier): everything but BN running statistics. */
const paramCount = (net: Supernet) => countElements(allVariables(net).filter((v) => v.trainable));

describe('nbmacro supernet: forward', () => {
  it('maps [N,32,32,3] to [N,10] on every kind of path, eval and train, with the tensor count flat', () => {
    const net = track(createSupernet(space, createRng(1)));
    const x = tf.tidy(() => tf.randomNormal([2, 32, 32, 3], 0, 1, 'float32', 5)) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const paths = [
      [0, 0, 0, 0, 0, 0, 0, 0],
      [1, 1, 1, 1, 1, 1, 1, 1],
      [2, 2, 2, 2, 2, 2, 2, 2],
      [1, 0, 2, 0, 0, 0, 0, 2],
    ];
    for (const path of paths) {
      const y = tf.tidy(() => forwardPath(net, x, path, { training: false }));
      expect(y.shape).toEqual([2, 10]);
      y.dispose();
      const stats: BatchStats[] = [];
      const z = tf.tidy(() => forwardPath(net, x, path, { training: true, stats }));
      expect(z.shape).toEqual([2, 10]);
      z.dispose();
      // One batch statistic per BN run: stem, each op's BNs, the head conv's.
      const ops = path.map((k, l) => net.choices[l]![k]!);
      expect(stats.length).toBe(1 + ops.reduce((a, m) => a + m.bns.length, 0) + 1);
      expect(stats[stats.length - 1]!.bn).toBe(net.headConv!.bn);
      for (const s of stats) tf.dispose([s.mean, s.variance]);
    }
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('all-Identity path = stem ReLU, three strided 1x1 conv + BN (no ReLU), head conv + BN + ReLU, pool, linear', async () => {
    const net = track(createSupernet(space, createRng(2)));
    const x = tf.tidy(() => tf.randomNormal([3, 32, 32, 3], 0, 1, 'float32', 9)) as tf.Tensor4D;
    const path = new Array<number>(8).fill(ID);
    const [got, want] = tf.tidy(() => {
      // Eval-mode BN at init (gamma 1, beta 0, mean 0, var 1) is x / sqrt(1 + eps).
      const bn = (t: tf.Tensor) => t.div(Math.sqrt(1 + BN_EPSILON));
      const conv = (t: tf.Tensor, k: tf.Variable, s: number) => tf.conv2d(t as tf.Tensor4D, k as tf.Tensor4D, s, 'same');
      let h = tf.relu(bn(conv(x, net.stem.kernel, 1)));
      for (const l of [0, 2, 5]) h = bn(conv(h, net.choices[l]![ID]!.kernels[0]!, 2)); // strided ids; the rest are identities
      h = tf.relu(bn(conv(h, net.headConv!.kernel, 1)));
      const logits = (h.mean([1, 2]) as tf.Tensor2D).matMul(net.head.weight as tf.Tensor2D).add(net.head.bias);
      return [forwardPath(net, x, path, { training: false }), logits];
    });
    const [g, w] = await Promise.all([got.data(), want.data()]);
    for (let i = 0; i < g.length; i++) expect(g[i]!).toBeCloseTo(w[i]!, 4);
    tf.dispose([x, got, want]);
  });

  it('MB blocks: no ReLU before the expand, none after the project BN; residual where shapes keep', async () => {
    const net = track(createSupernet(space, createRng(3)));
    // Negative inputs would vanish under a leading ReLU; negative outputs under a trailing one.
    const x = tf.tidy(() => tf.randomNormal([2, 16, 16, 16], -0.5, 1, 'float32', 4)) as tf.Tensor4D;
    for (const k of [MB3K3, MB6K5]) {
      const op = net.choices[1]![k]!; // 16 → 16, stride 1
      const size = k === MB3K3 ? 3 : 5;
      expect(op.kernels.map((v) => v.shape)).toEqual([
        [1, 1, 16, 16 * (k === MB3K3 ? 3 : 6)],
        [size, size, 16 * (k === MB3K3 ? 3 : 6), 1],
        [1, 1, 16 * (k === MB3K3 ? 3 : 6), 16],
      ]);
      const [got, want] = tf.tidy(() => {
        const bn = (t: tf.Tensor) => t.div(Math.sqrt(1 + BN_EPSILON));
        const e = tf.relu(bn(tf.conv2d(x, op.kernels[0] as tf.Tensor4D, 1, 'same')));
        const d = tf.relu(bn(tf.depthwiseConv2d(e as tf.Tensor4D, op.kernels[1] as tf.Tensor4D, 1, 'same')));
        const p = bn(tf.conv2d(d as tf.Tensor4D, op.kernels[2] as tf.Tensor4D, 1, 'same'));
        return [op.forward(x, { training: false }), p];
      });
      const [g, w] = await Promise.all([got.data(), want.data()]);
      expect(Array.from(g).some((v) => v < 0)).toBe(true);
      for (let i = 0; i < g.length; i++) expect(g[i]!).toBeCloseTo(w[i]!, 4);
      tf.dispose([got, want]);
    }
    x.dispose();
  });

  it('scores: identity layers 0, strided Identity (1x1 conv + BN) scored like any op', async () => {
    const net = track(createSupernet(space, createRng(4)));
    const scores = await scoreMatrix(net);
    expect(scores.map((row) => row[ID])).toEqual([1, 0, 1, 0, 0, 1, 0, 0]);
    for (const row of scores) expect([row[MB3K3], row[MB6K5]]).toEqual([1, 1]);
  });
});

describe('nbmacro supernet: what trains', () => {
  // [mb3k3, id, mb6k5, id, id, id (strided), id, mb6k5]
  const path = [MB3K3, ID, MB6K5, ID, ID, ID, ID, MB6K5];
  const size = (net: Supernet, scope: TrainScope) => countElements(trainableVariables(net, path, scope));

  it('trainable-parameter counts equal a hand count for one path at width 0.25', () => {
    const net = track(createSupernet(space, createRng(5)));
    // Last BNs: mb3k3 16 ch (32), mb6k5 32 ch (64), strided id 64 ch (128), mb6k5 64 ch (128) = 352
    expect(size(net, { mode: 'bn', bnscope: 'last', head: 'frozen' })).toBe(352);
    // All BNs: stem 16; mb3k3 8→16 (mid 24) 48 + 48 + 32 = 128; mb6k5 16→32 (mid 96) 192 + 192 + 64 = 448;
    // strided id 128; mb6k5 64→64 (mid 384) 768 + 768 + 128 = 1,664; head conv BN 2 * 320 = 640 → 3,024
    expect(size(net, { mode: 'bn', bnscope: 'all', head: 'frozen' })).toBe(3_024);
    // + classifier 320 * 10 + 10 = 3,210 → 6,234
    expect(size(net, { mode: 'bn', bnscope: 'all', head: 'train' })).toBe(6_234);
    // Full: stem 216 + 16; kernels mb3k3 192 + 216 + 384 = 792, mb6k5 1,536 + 2,400 + 3,072 = 7,008,
    // id 32 * 64 = 2,048, mb6k5 24,576 + 9,600 + 24,576 = 58,752; op BNs 2,368; head conv 64 * 320 = 20,480 + 640;
    // classifier 3,210 → 232 + 68,600 + 2,368 + 21,120 + 3,210 = 95,530
    expect(size(net, { mode: 'full', bnscope: 'last', head: 'frozen' })).toBe(95_530);
    expect(pathCost(space, path).params).toBe(95_530);
    const names = new Set(trainableVariables(net, path, { mode: 'full', bnscope: 'last', head: 'frozen' }).map((v) => v.name));
    expect(names.has(net.headConv!.kernel.name)).toBe(true);
    expect(new Set(trainableVariables(net, path, { mode: 'bn', bnscope: 'all', head: 'train' }).map((v) => v.name)).has(net.headConv!.kernel.name)).toBe(false);
  });

  it.each([0.25, 1])('subnet parameters (no running stats) = pathCost params at width %s', (width) => {
    const s = buildNbMacroSpace(width);
    for (const p of [
      [0, 0, 0, 0, 0, 0, 0, 0],
      [2, 2, 2, 2, 2, 2, 2, 2],
      [1, 0, 2, 0, 1, 2, 0, 1],
    ]) {
      const before = tf.memory().numTensors;
      const net = createSubnet(s, p, createRng(6));
      try {
        expect(paramCount(net), p.join('')).toBe(pathCost(s, p).params);
      } finally {
        disposeSupernet(net);
      }
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it.each([
    ['all', true],
    ['last', false],
  ] as const)('one BN-only SupernetTrainer step (bnscope %s) runs; the head BN trains only with bnscope all; convs stay', async (bnscope, headBnTrains) => {
    const data = prepareData(generateDataset({ count: 24, seed: 11 }), { n: 16, val: 8, seed: 1 }).data;
    const before = tf.memory().numTensors;
    const net = createSupernet(buildNbMacroSpace(0.125), createRng(7));
    const trainer = new SupernetTrainer(
      net,
      data,
      { epochs: 1, batch: 8, lr: 0.5, opt: 'sgd', scope: { mode: 'bn', bnscope, head: 'frozen' }, evalPaths: 1 },
      createRng(8),
    );
    try {
      const read = async (v: tf.Variable) => Float32Array.from((await v.data()) as Float32Array);
      const [gamma0, kernel0, stem0] = await Promise.all([read(net.headConv!.bn.gamma), read(net.headConv!.kernel), read(net.stem.kernel)]);
      const report = await trainer.runStep();
      expect(Number.isFinite(report.loss)).toBe(true);
      const [gamma1, kernel1, stem1] = await Promise.all([read(net.headConv!.bn.gamma), read(net.headConv!.kernel), read(net.stem.kernel)]);
      expect(gamma1.some((g, i) => g !== gamma0[i])).toBe(headBnTrains);
      expect(kernel1).toEqual(kernel0);
      expect(stem1).toEqual(stem0);
    } finally {
      trainer.dispose();
      disposeSupernet(net);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
