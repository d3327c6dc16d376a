/** The URL codec's list keys: ops, space and width, stages. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config } from './schema';
import { CUSTOM_SPACE_DEFAULTS } from './spaceDefaults';
import { encodeConfig, parseConfig } from './url';

/** What a link on the custom space starts from (a link with ops or stages but no space, or space=custom). */
const CUSTOM_CONFIG: Config = { ...DEFAULT_CONFIG, ...CUSTOM_SPACE_DEFAULTS, space: 'custom' };

/** Parses 'v=1&<extra>' and returns the config and warnings. */
function parse(extra: string): { config: Config; warnings: string[] } {
  return parseConfig(`v=1&${extra}`);
}

describe('ops', () => {
  it('reads a comma list in the given order', () => {
    expect(parse('ops=skip,conv3,sep3')).toEqual({ config: { ...CUSTOM_CONFIG, ops: ['skip', 'conv3', 'sep3'] }, warnings: [] });
  });

  it('dedupes with a warning', () => {
    expect(parse('ops=conv3,sep3,conv3')).toEqual({
      config: { ...CUSTOM_CONFIG, ops: ['conv3', 'sep3'] },
      warnings: ["ops: duplicate 'conv3' removed"],
    });
  });

  it('drops unknown and empty entries with warnings', () => {
    expect(parse('ops=conv3,conv7,,sep3')).toEqual({
      config: { ...CUSTOM_CONFIG, ops: ['conv3', 'sep3'] },
      warnings: ["ops: unknown op 'conv7' ignored", 'ops: empty entry ignored'],
    });
    expect(parse('ops=Conv3').warnings).toEqual(["ops: 'Conv3' read as conv3"]);
  });

  it('falls back to the default when nothing valid is left', () => {
    expect(parse('ops=')).toEqual({
      config: CUSTOM_CONFIG,
      warnings: ['ops= is empty; using the default conv3,conv5,sep3,sep5,mb3'],
    });
    expect(parse('ops=foo').warnings).toEqual(["ops: unknown op 'foo' ignored", 'ops=foo has no valid op; using the default conv3,conv5,sep3,sep5,mb3']);
  });

  it("accepts all seven custom ops, and NAS-Bench-Macro's three too", () => {
    expect(parse('ops=conv3,conv5,sep3,sep5,mb3,dil3,skip').warnings).toEqual([]);
    expect(parse('ops=conv3,conv5,sep3,sep5,mb3,dil3,skip,id,mb3k3,mb6k5').warnings).toEqual([]);
    expect(parse('ops=mb6k5,id').config.ops).toEqual(['mb6k5', 'id']);
  });
});

describe('space and width', () => {
  it('width is written on NAS-Bench-Macro only, ops and stages on the custom space only; both round-trip', () => {
    const hash = encodeConfig({ ...DEFAULT_CONFIG, space: 'nbmacro', width: 0.5, ops: ['conv3'] });
    expect(hash).toBe('v=1&width=0.5');
    expect(parseConfig(hash)).toEqual({ config: { ...DEFAULT_CONFIG, space: 'nbmacro', width: 0.5 }, warnings: [] });
    const custom = encodeConfig({ ...CUSTOM_CONFIG, seed: 2, width: 0.5, ops: ['conv3'] });
    expect(custom).toBe('v=1&seed=2&space=custom&ops=conv3');
    expect(parseConfig(custom)).toEqual({ config: { ...CUSTOM_CONFIG, seed: 2, ops: ['conv3'] }, warnings: [] });
    // An old link in table order, every key: space and width right after seed, and read as written.
    const old =
      'v=1&seed=1&space=custom&width=0.5&ops=conv3,conv5,sep3,sep5,mb3&stages=16x2,32x2,64x2&data=generated&n=2000&epochs=10&lr=1&opt=sgd&bnscope=all';
    expect(parseConfig(old)).toEqual({ config: { ...CUSTOM_CONFIG, width: 0.5 }, warnings: [] });
  });

  it('keeps any width in 0.125..1 exactly, clamps beyond', () => {
    expect(parse('space=nbmacro&width=0.3')).toEqual({ config: { ...DEFAULT_CONFIG, space: 'nbmacro', width: 0.3 }, warnings: [] });
    expect(parse('width=2').warnings).toEqual(['width=2 is above the maximum 1; using 1']);
    expect(parse('width=0.1').warnings).toEqual(['width=0.1 is below the minimum 0.125; using 0.125']);
  });
});

describe('stages', () => {
  it('reads CHANNELSxLAYERS lists', () => {
    expect(parse('stages=8x1,24x3')).toEqual({
      config: {
        ...CUSTOM_CONFIG,
        stages: [
          { channels: 8, layers: 1 },
          { channels: 24, layers: 3 },
        ],
      },
      warnings: [],
    });
  });

  it('clamps channels and layers per stage', () => {
    expect(parse('stages=300x2,2x9,16x0')).toEqual({
      config: {
        ...CUSTOM_CONFIG,
        stages: [
          { channels: 256, layers: 2 },
          { channels: 4, layers: 6 },
          { channels: 16, layers: 1 },
        ],
      },
      warnings: [
        'stages[0].channels=300 is above the maximum 256; using 256',
        'stages[1].channels=2 is below the minimum 4; using 4',
        'stages[1].layers=9 is above the maximum 6; using 6',
        'stages[2].layers=0 is below the minimum 1; using 1',
      ],
    });
    expect(parse('stages=16.4x2').warnings).toEqual(['stages[0].channels=16.4 is not an integer; using 16']);
  });

  it('drops malformed entries with warnings', () => {
    expect(parse('stages=16x2,abc,x3,16x2x3,,32x1')).toEqual({
      config: {
        ...CUSTOM_CONFIG,
        stages: [
          { channels: 16, layers: 2 },
          { channels: 32, layers: 1 },
        ],
      },
      warnings: [
        "stages: malformed entry 'abc' ignored (expected CHANNELSxLAYERS, e.g. 16x2)",
        "stages: malformed entry 'x3' ignored (expected CHANNELSxLAYERS, e.g. 16x2)",
        "stages: malformed entry '16x2x3' ignored (expected CHANNELSxLAYERS, e.g. 16x2)",
        'stages: empty entry ignored',
      ],
    });
    expect(parse('stages=junk').config.stages).toEqual(DEFAULT_CONFIG.stages);
    expect(parse('stages=').warnings).toEqual(['stages= is empty; using the default 16x2,32x2,64x2']);
  });

  it('keeps at most 4 stages', () => {
    expect(parse('stages=8x1,8x1,8x1,8x1,8x1')).toEqual({
      config: { ...CUSTOM_CONFIG, stages: Array.from({ length: 4 }, () => ({ channels: 8, layers: 1 })) },
      warnings: ['stages=8x1,8x1,8x1,8x1,8x1 has 5 stages, above the maximum 4; using the first 4'],
    });
  });

  it('cuts layers beyond 12 in all from the last stages', () => {
    expect(parse('stages=16x6,32x5,64x4')).toEqual({
      config: {
        ...CUSTOM_CONFIG,
        stages: [
          { channels: 16, layers: 6 },
          { channels: 32, layers: 5 },
          { channels: 64, layers: 1 },
        ],
      },
      warnings: ['stages=16x6,32x5,64x4 has 15 layers in all, above the maximum 12; using 16x6,32x5,64x1'],
    });
    expect(parse('stages=16x6,32x6,64x2').config.stages).toEqual([
      { channels: 16, layers: 6 },
      { channels: 32, layers: 6 },
    ]);
    expect(parse('stages=16x6,32x6').warnings).toEqual([]);
  });
});
