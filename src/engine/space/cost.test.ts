import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { OpId } from '../../config/ops';
import { fixedCost, layerCosts, opCost, pathCost, supernetParams } from './cost';
import { useWasmBackend } from '../nn/wasmBackend';
import { createRng } from './rng';
import { buildSpace } from './space';
import { createSupernet, disposeSupernet } from '../nn/supernet';

const OPS: OpId[] = ['conv3', 'conv5', 'sep3', 'sep5', 'mb3', 'dil3', 'skip'];
// 32x32x3 input, stem 3→8; layer 0 and 1: 8→8 stride 1 at 32x32 (identity skip);
// layer 2: 8→16 stride 2, 32x32 in, 16x16 out (strided 1x1 skip).
const space = buildSpace(OPS, [
  { channels: 8, layers: 2 },
  { channels: 16, layers: 1 },
]);
const same = space.layers[0]!;
const wide = space.layers[2]!;

/** Hand-counted MACs and params (conv weights + 2 per BN channel). */
const HAND: Record<string, { same: { flops: number; params: number }; wide: { flops: number; params: number } }> = {
  conv3: {
    // 32*32*9*8*8 = 589,824; params 9*8*8 + 2*8 = 576 + 16
    same: { flops: 589_824, params: 592 },
    // 16*16*9*8*16 = 294,912; params 9*8*16 + 2*16 = 1,152 + 32
    wide: { flops: 294_912, params: 1_184 },
  },
  conv5: {
    // 32*32*25*8*8 = 1,638,400; params 25*8*8 + 16 = 1,600 + 16
    same: { flops: 1_638_400, params: 1_616 },
    // 16*16*25*8*16 = 819,200; params 25*8*16 + 32 = 3,200 + 32
    wide: { flops: 819_200, params: 3_232 },
  },
  sep3: {
    // depthwise 32*32*9*8 = 73,728 + pointwise 32*32*8*8 = 65,536 → 139,264; params 9*8 + 8*8 + 16 = 72 + 64 + 16
    same: { flops: 139_264, params: 152 },
    // depthwise (stride 2) 16*16*9*8 = 18,432 + pointwise 16*16*8*16 = 32,768 → 51,200; params 72 + 128 + 32
    wide: { flops: 51_200, params: 232 },
  },
  sep5: {
    // depthwise 32*32*25*8 = 204,800 + pointwise 65,536 → 270,336; params 200 + 64 + 16
    same: { flops: 270_336, params: 280 },
    // depthwise 16*16*25*8 = 51,200 + pointwise 32,768 → 83,968; params 200 + 128 + 32
    wide: { flops: 83_968, params: 360 },
  },
  mb3: {
    // mid = 3*8 = 24. expand 32*32*8*24 = 196,608 + depthwise 32*32*9*24 = 221,184 + project 32*32*24*8 = 196,608 → 614,400
    // params 8*24 + 2*24 + 9*24 + 2*24 + 24*8 + 2*8 = 192 + 48 + 216 + 48 + 192 + 16 = 712
    same: { flops: 614_400, params: 712 },
    // expand at the input size 32*32*8*24 = 196,608 + depthwise (stride 2) 16*16*9*24 = 55,296 + project 16*16*24*16 = 98,304 → 350,208
    // params 192 + 48 + 216 + 48 + 24*16 + 2*16 = 192 + 48 + 216 + 48 + 384 + 32 = 920
    wide: { flops: 350_208, params: 920 },
  },
  dil3: {
    // 9 taps (spread over 5x5): 32*32*9*8*8 = 589,824; params 9*8*8 + 16 = 592
    same: { flops: 589_824, params: 592 },
    // 16*16*9*8*16 = 294,912; params 1,152 + 32 = 1,184
    wide: { flops: 294_912, params: 1_184 },
  },
  skip: {
    // identity: nothing
    same: { flops: 0, params: 0 },
    // strided 1x1 conv: 16*16*8*16 = 32,768; params 8*16 + 32 = 128 + 32
    wide: { flops: 32_768, params: 160 },
  },
};

describe('opCost, hand-counted', () => {
  it('the test space has the layers the hand counts assume', () => {
    expect(same).toMatchObject({ cin: 8, cout: 8, stride: 1, inSize: 32, outSize: 32 });
    expect(wide).toMatchObject({ cin: 8, cout: 16, stride: 2, inSize: 32, outSize: 16 });
  });

  it.each(OPS)('%s in a stride-1 same-width layer (8→8, 32x32)', (op) => {
    expect(opCost(op, same)).toEqual(HAND[op]!.same);
  });

  it.each(OPS)('%s in a stride-2 widening layer (8→16, 32x32 → 16x16)', (op) => {
    expect(opCost(op, wide)).toEqual(HAND[op]!.wide);
  });

  it('fixedCost = stem 3x3 conv + BN and the classifier', () => {
    // stem: 32*32*9*3*8 = 221,184 MACs, params 9*3*8 + 2*8 = 216 + 16 = 232
    // classifier 16 → 10: 16*10 = 160 MACs, params 160 + 10 = 170
    expect(fixedCost(space)).toEqual({ flops: 221_184 + 160, params: 232 + 170 });
  });

  it("pathCost sums the fixed cost and each layer's op", () => {
    // [mb3, skip (identity), sep5 (stride 2)]
    // flops 221,344 + 614,400 + 0 + 83,968 = 919,712; params 402 + 712 + 0 + 360 = 1,474
    expect(pathCost(space, [4, 6, 3])).toEqual({ flops: 919_712, params: 1_474 });
    // [conv5, conv3, skip (strided)]
    // flops 221,344 + 1,638,400 + 589,824 + 32,768 = 2,482,336; params 402 + 1,616 + 592 + 160 = 2,770
    expect(pathCost(space, [1, 0, 6])).toEqual({ flops: 2_482_336, params: 2_770 });
  });

  it('layerCosts gives the same per-op tables as the hand counts', () => {
    const f = layerCosts(space, 'flops');
    expect(f.base).toBe(221_344);
    expect(f.perOp[0]).toEqual(OPS.map((op) => HAND[op]!.same.flops));
    expect(f.perOp[1]).toEqual(OPS.map((op) => HAND[op]!.same.flops));
    expect(f.perOp[2]).toEqual(OPS.map((op) => HAND[op]!.wide.flops));
    const p = layerCosts(space, 'params');
    expect(p.base).toBe(402);
    expect(p.perOp[2]).toEqual(OPS.map((op) => HAND[op]!.wide.params));
  });

  it('supernetParams = fixed + every op of every layer once', () => {
    const sameSum = OPS.reduce((a, op) => a + HAND[op]!.same.params, 0); // 592+1616+152+280+712+592+0 = 3,944
    const wideSum = OPS.reduce((a, op) => a + HAND[op]!.wide.params, 0); // 1184+3232+232+360+920+1184+160 = 7,272
    expect(sameSum).toBe(3_944);
    expect(wideSum).toBe(7_272);
    expect(supernetParams(space)).toBe(402 + 2 * 3_944 + 7_272);
  });
});

describe('param counts match the variables the supernet creates', () => {
  beforeAll(useWasmBackend);

  it('every op: kernels + BN gamma/beta elements = opCost params; stem + head = fixedCost params', () => {
    const before = tf.memory().numTensors;
    const net = createSupernet(space, createRng(1));
    try {
      space.layers.forEach((layer, l) => {
        space.ops.forEach((op, k) => {
          const m = net.choices[l]![k]!;
          const counted = m.kernels.reduce((a, v) => a + v.size, 0) + m.bns.reduce((a, bn) => a + bn.gamma.size + bn.beta.size, 0);
          expect(counted, `${op} in layer ${l}`).toBe(opCost(op, layer).params);
        });
      });
      const fixed = net.stem.kernel.size + net.stem.bn.gamma.size + net.stem.bn.beta.size + net.head.weight.size + net.head.bias.size;
      expect(fixed).toBe(fixedCost(space).params);
      // Running statistics are buffers: one mean and one variance per BN channel, never counted.
      const bnChannels = net.stem.bn.channels + net.choices.flat().reduce((a, m) => a + m.bns.reduce((b, bn) => b + bn.channels, 0), 0);
      const stats =
        net.stem.bn.runningMean.size +
        net.stem.bn.runningVar.size +
        net.choices.flat().reduce((a, m) => a + m.bns.reduce((b, bn) => b + bn.runningMean.size + bn.runningVar.size, 0), 0);
      expect(stats).toBe(2 * bnChannels);
    } finally {
      disposeSupernet(net);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
