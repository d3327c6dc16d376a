import { describe, it, expect, beforeAll, afterEach } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { OpId } from '../../config/ops';
import type { BatchNorm, BatchStats } from './batchnorm';
import { useWasmBackend } from './wasmBackend';
import { createRng } from '../space/rng';
import { buildSpace } from '../space/space';
import { allVariables, createSupernet, disposeSupernet, forwardPath, scoreMatrix, trainableVariables, type Supernet, type TrainScope } from './supernet';

const OPS: OpId[] = ['conv3', 'mb3', 'skip'];
// layers 0, 1: 4→4 stride 1 (identity skip), layer 2: 4→8 stride 2 (strided skip)
const space = buildSpace(OPS, [
  { channels: 4, layers: 2 },
  { channels: 8, layers: 1 },
]);

let nets: Supernet[] = [];
function makeNet(seed: number, s = space): Supernet {
  const net = createSupernet(s, createRng(seed));
  nets.push(net);
  return net;
}

async function values(vars: tf.Variable[]): Promise<Float32Array[]> {
  return Promise.all(vars.map(async (v) => Float32Array.from((await v.data()) as Float32Array)));
}

beforeAll(useWasmBackend);

afterEach(() => {
  for (const n of nets) disposeSupernet(n);
  nets = [];
});

describe('seeded init', () => {
  it('same seed → bit-identical variables; different seed → different kernels', async () => {
    const a = await values(allVariables(makeNet(7)));
    const b = await values(allVariables(makeNet(7)));
    const c = await values(allVariables(makeNet(8)));
    expect(a.length).toBe(b.length);
    for (let i = 0; i < a.length; i++) {
      expect(Buffer.from(a[i]!.buffer).equals(Buffer.from(b[i]!.buffer)), `variable ${i}`).toBe(true);
    }
    // The stem kernel (first variable) and the head weight differ under another seed.
    expect(Buffer.from(a[0]!.buffer).equals(Buffer.from(c[0]!.buffer))).toBe(false);
    const headIndex = a.length - 2;
    expect(Buffer.from(a[headIndex]!.buffer).equals(Buffer.from(c[headIndex]!.buffer))).toBe(false);
  });

  it('BN starts at gamma 1, beta 0, running mean 0, running variance 1', async () => {
    const net = makeNet(1);
    const bn = net.choices[1]![1]!.bns[1]!; // mb3's depthwise BN, 12 channels
    const [g, b, m, v] = await values([bn.gamma, bn.beta, bn.runningMean, bn.runningVar]);
    expect(Array.from(g!)).toEqual(new Array(12).fill(1));
    expect(Array.from(b!)).toEqual(new Array(12).fill(0));
    expect(Array.from(m!)).toEqual(new Array(12).fill(0));
    expect(Array.from(v!)).toEqual(new Array(12).fill(1));
  });

  it('He-normal: a big kernel has mean ≈ 0 and std within 10% of sqrt(2 / fanIn)', async () => {
    const big = buildSpace(
      ['conv5'],
      [
        { channels: 16, layers: 1 },
        { channels: 32, layers: 1 },
      ],
    );
    const net = makeNet(3, big);
    const kernel = net.choices[1]![0]!.kernels[0]!;
    expect(kernel.shape).toEqual([5, 5, 16, 32]); // 12,800 weights
    const expectedStd = Math.sqrt(2 / (5 * 5 * 16)); // fanIn 400 → 0.0707
    const w = await kernel.data();
    let sum = 0,
      sq = 0;
    for (const x of w) {
      sum += x;
      sq += x * x;
    }
    const mean = sum / w.length;
    const std = Math.sqrt(sq / w.length - mean * mean);
    expect(Math.abs(mean)).toBeLessThan(0.1 * expectedStd);
    expect(Math.abs(std / expectedStd - 1)).toBeLessThan(0.1);
    // Head: fanIn = 32 inputs → std 0.25 over 320 weights (looser, few samples).
    const hw = await net.head.weight.data();
    const hstd = Math.sqrt(Array.from(hw).reduce((a, x) => a + x * x, 0) / hw.length);
    expect(Math.abs(hstd / Math.sqrt(2 / 32) - 1)).toBeLessThan(0.15);
  });
});

describe('forwardPath', () => {
  it('maps [N,32,32,3] to logits [N,10] on every path kind, in eval and train mode, without leaks', () => {
    const net = makeNet(1);
    const x = tf.tidy(() => tf.randomNormal([2, 32, 32, 3], 0, 1, 'float32', 5)) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    for (const path of [
      [0, 0, 0],
      [1, 1, 1],
      [2, 2, 2],
      [1, 2, 0],
    ]) {
      const y = tf.tidy(() => forwardPath(net, x, path, { training: false }));
      expect(y.shape).toEqual([2, 10]);
      y.dispose();
      const stats: BatchStats[] = [];
      const z = tf.tidy(() => forwardPath(net, x, path, { training: true, stats }));
      expect(z.shape).toEqual([2, 10]);
      z.dispose();
      // Train mode reports one batch statistic per BN run: stem + each op's BNs.
      const ops = path.map((k, l) => net.choices[l]![k]!);
      expect(stats.length).toBe(1 + ops.reduce((a, m) => a + m.bns.length, 0));
      for (const s of stats) tf.dispose([s.mean, s.variance]);
    }
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('an all-identity-skip path is stem → pool → classifier', async () => {
    const s = buildSpace(['skip'], [{ channels: 4, layers: 2 }]);
    const net = makeNet(2, s);
    const x = tf.tidy(() => tf.randomNormal([3, 32, 32, 3], 0, 1, 'float32', 9)) as tf.Tensor4D;
    const [got, want] = tf.tidy(() => {
      const got = forwardPath(net, x, [0, 0], { training: false });
      // Independent: eval-mode BN with gamma 1, beta 0, mean 0, var 1 is x / sqrt(1 + 1e-5).
      const stem = tf.conv2d(x, net.stem.kernel as tf.Tensor4D, 1, 'same').div(Math.sqrt(1 + 1e-5));
      const pooled = tf.relu(stem).mean([1, 2]) as tf.Tensor2D;
      return [got, pooled.matMul(net.head.weight as tf.Tensor2D).add(net.head.bias)];
    });
    const [g, w] = await Promise.all([got.data(), want.data()]);
    for (let i = 0; i < g.length; i++) expect(g[i]!).toBeCloseTo(w[i]!, 5);
    tf.dispose([x, got, want]);
  });
});

describe('scoreMatrix', () => {
  it("equals mean |gamma| of each op's last BN, read back in the test; identity skip → 0", async () => {
    const net = makeNet(4);
    // Known values for a few gammas (the rest stay at their init of 1).
    tf.tidy(() => {
      net.choices[2]![0]!.scored!.gamma.assign(tf.tensor1d([1, -2, 3, -4, 0, 0, 0, 0])); // mean |γ| = 10/8 = 1.25
      net.choices[0]![0]!.scored!.gamma.assign(tf.tensor1d([-0.5, 0.5, -0.5, 0.5])); // 0.5
      net.choices[1]![1]!.scored!.gamma.assign(tf.tensor1d([0.1, -0.2, 0.3, -0.4])); // 1.0/4 = 0.25
      // mb3's first and second BN must not count: give them a huge gamma.
      net.choices[1]![1]!.bns[0]!.gamma.assign(tf.fill([12], 10));
      net.choices[1]![1]!.bns[1]!.gamma.assign(tf.fill([12], -7));
      net.choices[2]![2]!.scored!.gamma.assign(tf.tensor1d([2, 2, 2, 2, -2, -2, -2, -2])); // strided skip: 2
    });

    const scores = await scoreMatrix(net);
    expect(scores.length).toBe(3);
    expect(scores[2]![0]).toBeCloseTo(1.25, 6);
    expect(scores[0]![0]).toBeCloseTo(0.5, 6);
    expect(scores[1]![1]).toBeCloseTo(0.25, 6);
    expect(scores[2]![2]).toBeCloseTo(2, 6);
    expect(scores[0]![2]).toBe(0); // identity skip
    expect(scores[1]![2]).toBe(0);

    // Every entry against a manual mean |gamma| of the values read from the variables.
    for (let l = 0; l < 3; l++) {
      for (let k = 0; k < 3; k++) {
        const bn: BatchNorm | null = net.choices[l]![k]!.scored;
        if (bn === null) {
          expect(scores[l]![k]).toBe(0);
          continue;
        }
        const g = await bn.gamma.data();
        const manual = Array.from(g).reduce((a, x) => a + Math.abs(x), 0) / g.length;
        expect(scores[l]![k]).toBeCloseTo(manual, 6);
      }
    }
  });

  it('leaks no tensors', async () => {
    const net = makeNet(4);
    const before = tf.memory().numTensors;
    await scoreMatrix(net);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('trainableVariables', () => {
  const names = (vs: tf.Variable[]) => new Set(vs.map((v) => v.name));
  const gb = (bn: BatchNorm) => [bn.gamma, bn.beta];
  // path: mb3 (layer 0), identity skip (layer 1), conv3 (layer 2)
  const path = [1, 2, 0];

  it("bn / last / frozen head: only the last BN's gamma and beta of each sampled op", () => {
    const net = makeNet(1);
    const vars = trainableVariables(net, path, { mode: 'bn', bnscope: 'last', head: 'frozen' });
    const mb3 = net.choices[0]![1]!,
      conv3 = net.choices[2]![0]!;
    expect(names(vars)).toEqual(names([...gb(mb3.bns[2]!), ...gb(conv3.bns[0]!)]));
    // mb3's project BN has 4 channels, conv3's BN 8: 2*4 + 2*8 = 24 parameters
    expect(vars.reduce((a, v) => a + v.size, 0)).toBe(24);
  });

  it('bn / all: the stem BN and every BN of each sampled op, never running stats', () => {
    const net = makeNet(1);
    const vars = trainableVariables(net, path, { mode: 'bn', bnscope: 'all', head: 'frozen' });
    const mb3 = net.choices[0]![1]!,
      conv3 = net.choices[2]![0]!;
    expect(names(vars)).toEqual(names([...gb(net.stem.bn), ...mb3.bns.flatMap(gb), ...gb(conv3.bns[0]!)]));
    // stem 2*4 + mb3 (2*12 + 2*12 + 2*4) + conv3 2*8 = 8 + 56 + 16 = 80
    expect(vars.reduce((a, v) => a + v.size, 0)).toBe(80);
  });

  it('bn / last / head=train adds the classifier weight and bias', () => {
    const net = makeNet(1);
    const vars = trainableVariables(net, path, { mode: 'bn', bnscope: 'last', head: 'train' });
    const mb3 = net.choices[0]![1]!,
      conv3 = net.choices[2]![0]!;
    expect(names(vars)).toEqual(names([...gb(mb3.bns[2]!), ...gb(conv3.bns[0]!), net.head.weight, net.head.bias]));
    // 24 + 8*10 + 10 = 114
    expect(vars.reduce((a, v) => a + v.size, 0)).toBe(114);
  });

  it('full: stem, every kernel and BN of each sampled op, head; nothing of unsampled ops', () => {
    const net = makeNet(1);
    const scope: TrainScope = { mode: 'full', bnscope: 'last', head: 'frozen' };
    const vars = trainableVariables(net, path, scope);
    const mb3 = net.choices[0]![1]!,
      conv3 = net.choices[2]![0]!;
    expect(names(vars)).toEqual(
      names([
        net.stem.kernel,
        ...gb(net.stem.bn),
        ...mb3.kernels,
        ...mb3.bns.flatMap(gb),
        ...conv3.kernels,
        ...gb(conv3.bns[0]!),
        net.head.weight,
        net.head.bias,
      ]),
    );
    // stem 9*3*4 + 8 = 116; mb3 4*12 + 24 + 9*12 + 24 + 12*4 + 8 = 48+24+108+24+48+8 = 260;
    // conv3 9*4*8 + 16 = 304; head 8*10 + 10 = 90 → 770
    expect(vars.reduce((a, v) => a + v.size, 0)).toBe(770);
    // Unsampled ops contribute nothing.
    const unsampled = net.choices.flatMap((ops, l) => ops.filter((_, k) => k !== path[l]).flatMap((m) => [...m.kernels, ...m.bns.flatMap(gb)]));
    const got = names(vars);
    for (const v of unsampled) expect(got.has(v.name)).toBe(false);
  });
});
