import { describe, it, expect } from 'vitest';
import { DEFAULT_CONFIG } from '../../config';
import { buildSpace, hasResidual, headChannels, isIdentitySkip, numPaths, type ChoiceLayer } from './space';

describe('buildSpace', () => {
  it('default stages 16x2, 32x2, 64x2: widths, strides and sizes of every layer', () => {
    const space = buildSpace(DEFAULT_CONFIG.ops, DEFAULT_CONFIG.stages);
    expect(space.inputSize).toBe(32);
    expect(space.inputChannels).toBe(3);
    expect(space.stemChannels).toBe(16);
    expect(space.numClasses).toBe(10);
    expect(space.layers).toEqual([
      { index: 0, cin: 16, cout: 16, stride: 1, inSize: 32, outSize: 32 },
      { index: 1, cin: 16, cout: 16, stride: 1, inSize: 32, outSize: 32 },
      { index: 2, cin: 16, cout: 32, stride: 2, inSize: 32, outSize: 16 },
      { index: 3, cin: 32, cout: 32, stride: 1, inSize: 16, outSize: 16 },
      { index: 4, cin: 32, cout: 64, stride: 2, inSize: 16, outSize: 8 },
      { index: 5, cin: 64, cout: 64, stride: 1, inSize: 8, outSize: 8 },
    ]);
    expect(headChannels(space)).toBe(64);
  });

  it("odd sizes round up under stride 2 ('same' padding)", () => {
    const space = buildSpace(
      ['conv3'],
      [
        { channels: 4, layers: 1 },
        { channels: 8, layers: 1 },
        { channels: 12, layers: 1 },
      ],
      10,
      5,
    );
    expect(space.layers.map((l) => [l.inSize, l.outSize])).toEqual([
      [5, 5],
      [5, 3],
      [3, 2],
    ]);
    expect(space.layers.map((l) => [l.cin, l.cout])).toEqual([
      [4, 4],
      [4, 8],
      [8, 12],
    ]);
  });

  it('a first stage of several layers never strides; each later stage strides once', () => {
    const space = buildSpace(
      ['conv3'],
      [
        { channels: 4, layers: 3 },
        { channels: 4, layers: 2 },
      ],
    );
    expect(space.layers.map((l) => l.stride)).toEqual([1, 1, 1, 2, 1]);
    // The same width across stages still strides: stride-2 with cin == cout is not an identity.
    expect(isIdentitySkip(space.layers[3]!)).toBe(false);
  });

  it('rejects an empty op list or stage list', () => {
    expect(() => buildSpace([], [{ channels: 4, layers: 1 }])).toThrow(/at least one candidate op/);
    expect(() => buildSpace(['conv3'], [])).toThrow(/at least one stage/);
  });
});

describe('numPaths', () => {
  it('is ops^layers', () => {
    // default: 5 ops, 6 layers → 5^6 = 15,625
    expect(numPaths(buildSpace(DEFAULT_CONFIG.ops, DEFAULT_CONFIG.stages))).toBe(15_625);
    // 7 ops, 3 layers → 343
    expect(
      numPaths(
        buildSpace(
          ['conv3', 'conv5', 'sep3', 'sep5', 'mb3', 'dil3', 'skip'],
          [
            { channels: 4, layers: 2 },
            { channels: 8, layers: 1 },
          ],
        ),
      ),
    ).toBe(343);
    expect(numPaths(buildSpace(['skip'], [{ channels: 4, layers: 4 }]))).toBe(1);
  });
});

describe('hasResidual / isIdentitySkip', () => {
  const layer = (cin: number, cout: number, stride: number): ChoiceLayer => ({ index: 0, cin, cout, stride, inSize: 8, outSize: Math.ceil(8 / stride) });

  it('only stride-1 layers that keep the width', () => {
    expect(isIdentitySkip(layer(8, 8, 1))).toBe(true);
    expect(hasResidual(layer(8, 8, 1))).toBe(true);
    expect(isIdentitySkip(layer(8, 16, 1))).toBe(false);
    expect(hasResidual(layer(8, 16, 1))).toBe(false);
    expect(isIdentitySkip(layer(8, 8, 2))).toBe(false);
    expect(hasResidual(layer(8, 8, 2))).toBe(false);
    expect(isIdentitySkip(layer(8, 16, 2))).toBe(false);
  });

  it('in the default space: layers 0, 1, 3 and 5', () => {
    const space = buildSpace(DEFAULT_CONFIG.ops, DEFAULT_CONFIG.stages);
    expect(space.layers.map(hasResidual)).toEqual([true, true, false, true, false, true]);
    expect(space.layers.map(isIdentitySkip)).toEqual([true, true, false, true, false, true]);
  });
});
