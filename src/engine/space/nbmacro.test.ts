import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG } from '../../config';
import { fixedCost, opCost, pathCost, supernetParams } from './cost';
import { buildNbMacroSpace, scaleChannels } from './nbmacro';
import { pathAt, pathCount } from './path';
import { featureShape, headChannels, isIdentitySkip, numPaths } from './space';
import { spaceOf } from './registry';

const TABLE = path.resolve(__dirname, '../../../../shared/data/nas-bench-macro/nas-bench-macro_cifar10.json');

describe('buildNbMacroSpace', () => {
  it('width 1: the benchmark network, layer by layer', () => {
    const space = buildNbMacroSpace(1);
    expect(space).toMatchObject({
      family: 'nbmacro',
      ops: ['id', 'mb3k3', 'mb6k5'],
      inputSize: 32,
      inputChannels: 3,
      stemChannels: 32,
      stemRelu: true,
      headConv: 1280,
      numClasses: 10,
    });
    expect(space.layers).toEqual([
      { index: 0, cin: 32, cout: 64, stride: 2, inSize: 32, outSize: 16 },
      { index: 1, cin: 64, cout: 64, stride: 1, inSize: 16, outSize: 16 },
      { index: 2, cin: 64, cout: 128, stride: 2, inSize: 16, outSize: 8 },
      { index: 3, cin: 128, cout: 128, stride: 1, inSize: 8, outSize: 8 },
      { index: 4, cin: 128, cout: 128, stride: 1, inSize: 8, outSize: 8 },
      { index: 5, cin: 128, cout: 256, stride: 2, inSize: 8, outSize: 4 },
      { index: 6, cin: 256, cout: 256, stride: 1, inSize: 4, outSize: 4 },
      { index: 7, cin: 256, cout: 256, stride: 1, inSize: 4, outSize: 4 },
    ]);
    expect(space.layers.map(isIdentitySkip)).toEqual([false, true, false, true, true, false, true, true]);
    expect(featureShape(space)).toEqual({ channels: 256, size: 4 });
    expect(headChannels(space)).toBe(1280);
    expect(numPaths(space)).toBe(6561);
  });

  it('width 0.25 scales every channel count, the head included; rounding is per count', () => {
    const space = buildNbMacroSpace(0.25);
    expect(space.stemChannels).toBe(8);
    expect(space.layers.map((l) => [l.cin, l.cout])).toEqual([
      [8, 16],
      [16, 16],
      [16, 32],
      [32, 32],
      [32, 32],
      [32, 64],
      [64, 64],
      [64, 64],
    ]);
    expect(space.headConv).toBe(320);
    // 0.3: 9.6 → 10, 19.2 → 19, 38.4 → 38, 76.8 → 77, 384
    const odd = buildNbMacroSpace(0.3);
    expect([odd.stemChannels, ...odd.layers.map((l) => l.cout), odd.headConv]).toEqual([10, 19, 19, 38, 38, 38, 77, 77, 77, 384]);
    expect(scaleChannels(32, 0.01)).toBe(1);
    expect(() => buildNbMacroSpace(0)).toThrow(/positive/);
  });

  it('spaceOf dispatches on config.space', () => {
    const custom = { ...DEFAULT_CONFIG, space: 'custom' as const };
    expect(spaceOf(custom).family).toBe('custom');
    expect(spaceOf(custom)).toMatchObject({ stemRelu: false, headConv: null, ops: DEFAULT_CONFIG.ops });
    expect(spaceOf(DEFAULT_CONFIG)).toEqual(buildNbMacroSpace(DEFAULT_CONFIG.width));
    const nb = spaceOf({ ...DEFAULT_CONFIG, space: 'nbmacro', width: 0.5 });
    expect(nb).toEqual(buildNbMacroSpace(0.5));
    expect(nb.stemChannels).toBe(16);
  });
});

describe('nbmacro cost, hand-counted at width 1', () => {
  const space = buildNbMacroSpace(1);
  const [l0, l1] = [space.layers[0]!, space.layers[1]!];

  it('fixed: stem conv + BN, head 1x1 conv + BN at 4x4, classifier', () => {
    // stem 32*32*27*32 = 884,736 MACs, 864 + 64 params; head conv 4*4*256*1280 = 5,242,880 MACs,
    // 327,680 + 2,560 params; classifier 12,800 MACs, 12,800 + 10 params
    expect(fixedCost(space)).toEqual({ flops: 884_736 + 5_242_880 + 12_800, params: 928 + 330_240 + 12_810 });
  });

  it('id: nothing where it is the identity, else a strided 1x1 conv + BN', () => {
    expect(opCost('id', l1)).toEqual({ flops: 0, params: 0 });
    // 16*16*32*64 = 524,288 MACs; 2,048 + 128 params
    expect(opCost('id', l0)).toEqual({ flops: 524_288, params: 2_176 });
  });

  it('mb3k3 and mb6k5: expand at the input size, depthwise and project at the output size', () => {
    // mb3k3 32→64 stride 2, mid 96: expand 32*32*32*96 = 3,145,728; dw 16*16*9*96 = 221,184;
    // project 16*16*96*64 = 1,572,864 → 4,939,776. params 3,072 + 192 + 864 + 192 + 6,144 + 128 = 10,592
    expect(opCost('mb3k3', l0)).toEqual({ flops: 4_939_776, params: 10_592 });
    // mb6k5 64→64 stride 1 at 16x16, mid 384: expand 16*16*64*384 = 6,291,456; dw 16*16*25*384 = 2,457,600;
    // project 6,291,456 → 15,040,512. params 24,576 + 768 + 9,600 + 768 + 24,576 + 128 = 60,416
    expect(opCost('mb6k5', l1)).toEqual({ flops: 15_040_512, params: 60_416 });
  });
});

describe('nbmacro cost at width 1 = the NAS-Bench-Macro table, all 6,561 paths', () => {
  it('resolves the table beside the repository', () => {
    expect(existsSync(TABLE), TABLE).toBe(true);
  });

  it('params and flops of every path match exactly', () => {
    const table = JSON.parse(readFileSync(TABLE, 'utf8')) as Record<string, { params: number; flops: number }>;
    const space = buildNbMacroSpace(1);
    const n = pathCount(space.layers.length, space.ops.length);
    expect(Object.keys(table)).toHaveLength(n);
    const mismatches: string[] = [];
    for (let i = 0; i < n; i++) {
      const p = pathAt(i, space.layers.length, space.ops.length);
      const key = p.join('');
      const row = table[key];
      const cost = pathCost(space, p);
      if (row?.params !== cost.params || row.flops !== cost.flops)
        mismatches.push(`${key}: table ${row?.params}/${row?.flops}, ours ${cost.params}/${cost.flops}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(mismatches).toHaveLength(0);
  });

  it('supernet params: the three single-op paths of the table hold every op of every layer once', () => {
    const table = JSON.parse(readFileSync(TABLE, 'utf8')) as Record<string, { params: number }>;
    const space = buildNbMacroSpace(1);
    // 387,882 + 1,588,874 + 2,932,586 - 2 * 343,978 (the fixed part, counted three times) = 4,221,386
    const fixed = fixedCost(space).params;
    expect(fixed).toBe(343_978);
    expect(supernetParams(space)).toBe(table['00000000']!.params + table['11111111']!.params + table['22222222']!.params - 2 * fixed);
    expect([0.25, 0.5, 1].map((w) => supernetParams(buildNbMacroSpace(w)))).toEqual([310_202, 1_117_162, 4_221_386]);
  });
});
